#!/usr/bin/env python3
"""Writes N `amtron allocate` requests of M charge points each (mixed 1/3-phase, imbalance prevention, meter)
to standard output, for timing the CLI end to end: python3 make-allocate-requests.py 1000 100 > requests.jsonl"""
import json
import random
import sys

requests, points = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
for r in range(requests):
    # 10 A per point, but a setting is at most 9999 A (docs/allocate.md) and the main limit is supply + 40.
    supply = min(points * 10, 9959)
    cps = []
    for i in range(points):
        phases = ["L1", "L2", "L3"] if rng.random() < 0.7 else [["L1", "L2", "L3"][i % 3]]
        cps.append({"id": f"CP{i}", "installationCurrentLimit": 32, "phases": phases,
                    "requesting": rng.random() < 0.9, "maxCurrent": round(rng.uniform(6, 32), 1)})
    request = {"settings": {"evseSubDistributionLimit": [supply] * 3, "currentImbalancePrevention": True,
                            "externalMeter": {"location": "excluding", "mainDistributionLimit": [supply + 40] * 3}},
               "timeUtc": "2026-06-01T17:00:00Z",
               "meter": {"currents": [round(rng.uniform(0, 40), 2) for _ in range(3)]},
               "chargePoints": cps}
    print(json.dumps(request, separators=(",", ":")))
