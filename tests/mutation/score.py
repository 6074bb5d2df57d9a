"""Prints a Stryker mutation-report.json as a score line and the surviving mutants (file:line mutator: replacement)."""
import collections
import json
import os
import sys

report_path, root = sys.argv[1], sys.argv[2]
with open(report_path, encoding="utf-8") as f:
    report = json.load(f)

counts = collections.Counter()
survivors = []
for path, file in sorted(report["files"].items()):
    for mutant in file["mutants"]:
        counts[mutant["status"]] += 1
        if mutant["status"] in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            survivors.append(f'  {mutant["status"]:10} {os.path.relpath(path, root)}:{line} {mutant["mutatorName"]}: {mutant.get("replacement", "").strip()[:80]}')

detected = counts["Killed"] + counts["Timeout"]
valid = detected + counts["Survived"] + counts["NoCoverage"]
score = 100.0 * detected / valid if valid else 100.0
print(f"score {score:.2f} % ({detected} of {valid} detected: killed {counts['Killed']}, timeout {counts['Timeout']}, "
      f"survived {counts['Survived']}, no coverage {counts['NoCoverage']}; not counted: compile error "
      f"{counts['CompileError']}, ignored {counts['Ignored']})")
print("\n".join(survivors))
