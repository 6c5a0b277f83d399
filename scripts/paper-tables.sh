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
#                                      needs 1M-transition medium datasets, as D4RL's (the paper's ratios of a
#                                      smaller set would keep too few trajectories):
#                                      scripts/make-datasets.sh ENV --transitions 1000000
#   --estimate                         only measure this machine's rates and print each grid's trajectory counts
#                                      and time
#   --out DIR                          results folder (default lamo-results/paper-tables[-full])
#   --lm DIR                           LaMo's language model (default: the default one; a GPT-2 folder works)
#   --steps N                          train every cell N steps, evaluated once at the end (a quick trial of the
#                                      whole path; not a paper grid)
# LAMO (environment): the lamo command (default scripts/lamo).
#
# As in the paper, every cell trains on all trajectories of its down-sampled set (validation_fraction 0, the
# trainers' default) and every seed of a (dataset, ratio) uses the same down-sample (sample_seed 0), as LaMo's
# D4RL, Kitchen and Reacher2d files were down-sampled once, offline.
# Before training, each grid's trajectories per ratio and remaining time on this machine are measured
# (lamo sweep --estimate) and printed. Interrupting and re-running continues where it stopped: finished cells
# are skipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo=${LAMO:-$root/scripts/lamo}
full=0; estimate_only=0; out=""; lm=""; steps=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=1; shift ;;
    --estimate) estimate_only=1; shift ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --lm) lm=${2:?--lm needs a folder}; shift 2 ;;
    --steps) steps=${2:?--steps needs a number}; shift 2 ;;
    *) echo "paper-tables: unknown option $1 (expected --full, --estimate, --out DIR, --lm DIR, --steps N)" >&2; exit 2 ;;
  esac
done
if [ -n "$steps" ] && ! [[ "$steps" =~ ^[1-9][0-9]*$ ]]; then
  echo "paper-tables: --steps expects a positive whole number, found '$steps'" >&2
  exit 2
fi
if [ -z "$out" ]; then
  out=$root/lamo-results/paper-tables
  if [ $full = 1 ]; then out=$out-full; fi
fi
mkdir -p "$out/data"
out=$(cd "$out" && pwd)
lm_key=""
if [ -n "$lm" ]; then
  [ -f "$lm/config.json" ] || { echo "paper-tables: --lm $lm: no config.json (expected a language model folder)" >&2; exit 2; }
  lm_key="\"lm\": \"$(cd "$lm" && pwd -P)\","
fi

# sizes STEPS EVAL_EVERY EPISODES: a grid's training and evaluation sizes, or the --steps trial's
sizes() {
  if [ -n "$steps" ]; then
    echo "\"steps\": $steps, \"eval_every\": $steps, \"eval_episodes\": 2"
  else
    echo "\"steps\": $1, \"eval_every\": $2, \"eval_episodes\": $3"
  fi
}

reacher="$out/data/reacher2d-medium-scripted-50ep.hdf5"
if [ ! -f "$reacher" ]; then
  "$lamo" data generate --env reacher2d --behavior scripted --episodes 50 --seed 0 \
    --dataset-id reacher2d-medium-scripted-50ep --out "$reacher"
fi
# the checkpoint rule: the paper's window, or the only evaluation of a --steps trial
window() {
  if [ -n "$steps" ]; then echo last; else echo "window:$1"; fi
}

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
  \"out\": \"reacher2d\", \"algorithms\": [\"lamo\", \"dt\"], $lm_key
  \"tasks\": [{\"env\": \"reacher2d\", \"data\": \"data/reacher2d-medium-scripted-50ep.hdf5\"}],
  \"ratios\": [0.1, 0.3, 1], \"seeds\": [0, 1, 2], \"sample_seed\": 0, $(sizes 3000 500 10),
  \"set\": {\"*\": [\"warmup_steps=$([ -n "$steps" ] && echo 0 || echo 300)\"]},
  \"table\": {\"checkpoint\": \"$(window 0.2)\", \"target\": \"max\", \"paper\": true}
}"
  exit 0
fi

tasks=""
for env in hopper halfcheetah walker2d; do
  data="$root/data/generated/$env/$env-medium.hdf5"
  if [ ! -f "$data" ]; then
    echo "paper-tables: --full needs $data; make it with scripts/make-datasets.sh $env --transitions 1000000" >&2
    exit 2
  fi
  transitions=$("$lamo" data info "$data" --json | sed -n 's/^ *"transitions" *: *\([0-9]*\).*/\1/p' | head -n 1)
  if [ "${transitions:-0}" -lt 1000000 ]; then
    echo "paper-tables: --full needs 1M-transition medium sets as D4RL's; $data has ${transitions:-no} transitions" \
      "(make it with scripts/make-datasets.sh $env --transitions 1000000)" >&2
    exit 2
  fi
  tasks="$tasks${tasks:+, }{\"env\": \"$env\", \"data\": \"$data\"}"
done
run_grid reacher2d "{
  \"out\": \"reacher2d\", \"algorithms\": [\"lamo\", \"dt\"], $lm_key
  \"tasks\": [{\"env\": \"reacher2d\", \"data\": \"data/reacher2d-medium-scripted-50ep.hdf5\"}],
  \"ratios\": [0.1, 0.3, 1], \"seeds\": [0, 1, 2], \"sample_seed\": 0, $(sizes 37500 2500 20),
  \"table\": {\"checkpoint\": \"$(window 12500)\", \"target\": \"max\", \"paper\": true}
}"
run_grid mujoco "{
  \"out\": \"mujoco\", \"algorithms\": [\"lamo\", \"dt\"], $lm_key
  \"tasks\": [$tasks],
  \"ratios\": [0.005, 0.01, 0.1, 1], \"seeds\": [0, 1, 2], \"sample_seed\": 0, $(sizes 100000 2500 20),
  \"table\": {\"checkpoint\": \"$(window 0.2)\", \"target\": \"max\", \"paper\": true}
}"
