#!/usr/bin/env bash
# Issue 19's experiment: does LaMo's low-data advantage appear on this system? The grid is the sweep files
# scripts/sweeps/lamo-low-data-*.json (LaMo on the default LM, LaMo-nopt, DT; 3 seeds; one down-sample per
# dataset and ratio); the records of finished cells are kept in experiments/lamo-low-data/records.
#
# usage: scripts/lamo-low-data.sh data|estimate|run|records|table [PLOTS_DIR]
#   data      make the datasets that are missing, then check them against experiments/lamo-low-data/datasets.sha256
#   estimate  print each sweep's trajectory counts and remaining time on this machine
#   run       run the sweeps side by side under nice 19 (each resumes after interruption; logs in
#             lamo-results/low-data/TASK.log), then copy the records
#   records   copy the records of finished cells into experiments/lamo-low-data/records
#   table     the table (IQM, bootstrap intervals, P(LaMo > DT), P(LaMo > LaMo-nopt)) and charts from the records alone
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
exp="$root/experiments/lamo-low-data"
sweeps=("$root"/scripts/sweeps/lamo-low-data-*.json)

task_of() { basename "$1" .json | sed 's/^lamo-low-data-//'; }

data() {
  local reacher="$root/data/generated/reacher2d/reacher2d-medium.hdf5"
  if [ ! -f "$reacher" ]; then
    # LaMo's Reacher2d medium set is 50 episodes; ours comes from the scripted controller at its medium noise
    "$lamo" data generate --env reacher2d --behavior scripted --episodes 50 --seed 0 --dataset-id reacher2d-medium \
      --out "$reacher"
  fi
  if [ ! -f "$root/data/generated/hopper/hopper-medium.hdf5" ]; then
    # D4RL's size (1M transitions), so that ratio 0.005 keeps about as many trajectories as the paper's row
    "$root/scripts/make-datasets.sh" hopper --only medium --transitions 1000000
  fi
  (cd "$root" && sha256sum -c "$exp/datasets.sha256") || {
    echo "lamo-low-data: a dataset differs from the one the committed records were trained on (above); new runs" \
      "would not tabulate with them (lamo table refuses rows mixing dataset files)" >&2
    exit 1
  }
}

records() {
  for s in "${sweeps[@]}"; do
    "$lamo" sweep --config "$s" --export "$exp/records/$(task_of "$s")"
  done
}

case "${1:-}" in
  data) data ;;
  estimate) for s in "${sweeps[@]}"; do "$lamo" sweep --config "$s" --estimate; done ;;
  run)
    data
    # each sweep trains on one thread, so the sweep files run side by side (one core each); a failed one fails the run
    mkdir -p "$root/lamo-results/low-data"
    pids=()
    for s in "${sweeps[@]}"; do
      nice -n 19 "$lamo" sweep --config "$s" > "$root/lamo-results/low-data/$(task_of "$s").log" 2>&1 &
      pids+=($!)
    done
    failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    records
    [ "$failed" = 0 ] || { echo "lamo-low-data: a sweep failed; see lamo-results/low-data/*.log" >&2; exit 1; } ;;
  records) records ;;
  table)
    "$lamo" table --results "$exp/records" --stats --paper
    "$lamo" plot --results "$exp/records" --out "${2:-$exp/plots}" ;;
  *) echo "usage: scripts/lamo-low-data.sh data|estimate|run|records|table [PLOTS_DIR]" >&2; exit 2 ;;
esac
