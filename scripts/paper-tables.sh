#!/usr/bin/env bash
# Paper-style tables with lamo sweep: train every cell with evaluation during training, then tables and charts.
#
#   scripts/paper-tables.sh            the default grid, sized for a 2-core machine (about 1.5 hours there):
#                                      Reacher2d "medium" (our scripted controller, 50 episodes as in the paper),
#                                      LaMo and DT, ratios 0.1 / 0.3 / 1, seeds 0 1 2, 3000 steps each, evaluated
#                                      every 500 steps with 10 episodes per target, the last 20 % averaged
#   scripts/paper-tables.sh --full     the paper's grid (LAMO_SPEC §8 Tables 1 and 3): Reacher2d medium at
#                                      0.1 / 0.3 / 1 for 37500 steps (last 12500 averaged), Hopper, HalfCheetah and
#                                      Walker2d medium at 0.005 / 0.01 / 0.1 / 1 for 100000 steps (last 20 %
#                                      averaged), evaluated every 2500 steps with 20 episodes per target, 3 seeds;
#                                      needs the medium datasets of scripts/make-datasets.sh ENV
#   --estimate                         only measure this machine's rates and print the grid's time
#   --out DIR                          results folder (default lamo-results/paper-tables[-full])
#
# Before training, each grid's remaining time on this machine is measured (lamo sweep --estimate) and printed.
# Interrupting and re-running continues where it stopped: finished cells are skipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
full=0; estimate_only=0; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=1; shift ;;
    --estimate) estimate_only=1; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "paper-tables: unknown option $1 (expected --full, --estimate, --out DIR)" >&2; exit 2 ;;
  esac
done
out=${out:-$root/lamo-results/paper-tables$([ $full = 1 ] && echo -full)}
mkdir -p "$out/data"
out=$(cd "$out" && pwd)

reacher="$out/data/reacher2d-medium-scripted-50ep.hdf5"
if [ ! -f "$reacher" ]; then
  "$lamo" data generate --env reacher2d --behavior scripted --episodes 50 --seed 0 \
    --dataset-id reacher2d-medium-scripted-50ep --out "$reacher"
fi

run_grid() {  # NAME JSON
  local config="$out/$1.json"
  printf '%s\n' "$2" > "$config"
  echo "== $1: estimating the time on this machine"
  "$lamo" sweep --config "$config" --estimate
  if [ $estimate_only = 0 ]; then
    echo "== $1: running (results in $out/$1)"
    "$lamo" sweep --config "$config"
  fi
}

if [ $full = 0 ]; then
  run_grid reacher2d "{
  \"out\": \"reacher2d\", \"algorithms\": [\"lamo\", \"dt\"],
  \"tasks\": [{\"env\": \"reacher2d\", \"data\": \"data/reacher2d-medium-scripted-50ep.hdf5\"}],
  \"ratios\": [0.1, 0.3, 1], \"seeds\": [0, 1, 2], \"steps\": 3000, \"eval_every\": 500, \"eval_episodes\": 10,
  \"set\": {\"*\": [\"warmup_steps=300\"]},
  \"table\": {\"checkpoint\": \"window:0.2\", \"target\": \"max\", \"paper\": true}
}"
  exit 0
fi

tasks=""
for env in hopper halfcheetah walker2d; do
  data="$root/data/generated/$env/$env-medium.hdf5"
  if [ ! -f "$data" ]; then
    echo "paper-tables: --full needs $data; make it with scripts/make-datasets.sh $env" >&2
    exit 2
  fi
  tasks="$tasks${tasks:+, }{\"env\": \"$env\", \"data\": \"$data\"}"
done
run_grid reacher2d "{
  \"out\": \"reacher2d\", \"algorithms\": [\"lamo\", \"dt\"],
  \"tasks\": [{\"env\": \"reacher2d\", \"data\": \"data/reacher2d-medium-scripted-50ep.hdf5\"}],
  \"ratios\": [0.1, 0.3, 1], \"seeds\": [0, 1, 2], \"steps\": 37500, \"eval_every\": 2500, \"eval_episodes\": 20,
  \"table\": {\"checkpoint\": \"window:12500\", \"target\": \"max\", \"paper\": true}
}"
run_grid mujoco "{
  \"out\": \"mujoco\", \"algorithms\": [\"lamo\", \"dt\"],
  \"tasks\": [$tasks],
  \"ratios\": [0.005, 0.01, 0.1, 1], \"seeds\": [0, 1, 2], \"steps\": 100000, \"eval_every\": 2500, \"eval_episodes\": 20,
  \"table\": {\"checkpoint\": \"window:0.2\", \"target\": \"max\", \"paper\": true}
}"
