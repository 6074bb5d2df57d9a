#!/usr/bin/env bash
# Submits a sweep as a Slurm array of SHARDS tasks and its merge as a job that runs after them (docs/sweeps.md):
#   deploy/slurm/submit.sh SWEEP.yaml OUT SHARDS [--wait] [sbatch options...]
# --wait returns when the merge is done, with its exit code (0: every variant merged). Logs go to OUT/logs/.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 SWEEP.yaml OUT SHARDS [--wait] [sbatch options...]" >&2
  exit 2
fi
sweep="$1" out="$2" shards="$3"
shift 3
wait=()
if [ "${1:-}" = "--wait" ]; then
  wait=(--wait)
  shift
fi
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out/logs"
array=$(sbatch --parsable --array="0-$((shards - 1))" --output="$out/logs/shard-%a.out" "$@" "$here/sweep-array.sbatch" "$sweep" "$out")
echo "array job $array: $shards shards" >&2
read -r -a amtron <<<"${AMTRON:-amtron}"
merge=$(printf '%q ' "${amtron[@]}" sweep merge "$out")
# afterany: the merge also runs when a shard failed, and then lists what is missing (exit 1).
sbatch --parsable "${wait[@]}" --dependency="afterany:$array" --output="$out/logs/merge.out" --job-name=amtron-merge "$@" --wrap "$merge"
