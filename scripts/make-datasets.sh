#!/usr/bin/env bash
# D4RL-style behaviour datasets for one MuJoCo task, made with our own SAC agent:
#   random         uniformly random actions
#   medium         rollouts of the SAC checkpoint whose evaluation return is closest to 1/3 of the best one
#   medium-replay  the SAC replay buffer up to that checkpoint's step
#   expert         rollouts of the best SAC checkpoint
#   medium-expert  medium + expert
# Rollouts sample actions from the policy (as D4RL's did). Generated datasets are artefacts: never commit them.
#
# usage: scripts/make-datasets.sh ENV [--steps N] [--transitions N] [--seed S] [--out DIR] [--run RUN_DIR] [--only KINDS]
#   --steps        SAC training steps (default 200000; reused if RUN_DIR already holds a finished run)
#   --transitions  transitions per rollout dataset (default 200000; D4RL used 1000000)
#   --only         comma-separated kinds to make (default all: random,medium,medium-replay,expert,medium-expert)
#   --out          output folder (default data/generated/ENV)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
usage="usage: scripts/make-datasets.sh ENV [--steps N] [--transitions N] [--seed S] [--out DIR] [--run RUN_DIR] [--only KINDS]"
env=${1:?$usage}
shift
steps=200000; transitions=200000; seed=0; out=""; run=""; only="random,medium,medium-replay,expert,medium-expert"
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --transitions) transitions=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --run) run=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "make-datasets: unknown option $1" >&2; exit 2 ;;
  esac
done
kinds=()
for kind in ${only//,/ }; do
  case "$kind" in
    random|medium|medium-replay|expert|medium-expert) kinds+=("$kind") ;;
    *) echo "make-datasets: --only: expected kinds among random, medium, medium-replay, expert, medium-expert; found '$kind'" >&2
       exit 2 ;;
  esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }
out=${out:-$root/data/generated/$env}
run=${run:-$out/sac-run}
mkdir -p "$out"
t() { local start=$SECONDS; "$@"; echo "  ($((SECONDS - start)) s)"; }

if [ -f "$run/config.json" ]; then
  echo "== SAC: continuing or reusing $run"
  t "$lamo" train --algo sac --resume --steps "$steps" --out "$run"
else
  echo "== SAC: training $steps steps into $run"
  t "$lamo" train --algo sac --env "$env" --steps "$steps" --seed "$seed" --out "$run"
fi
"$lamo" run checkpoints "$run"
best=$("$lamo" run checkpoints "$run" --closest-to-fraction 1.0)
medium=$("$lamo" run checkpoints "$run" --closest-to-fraction 0.3333)
echo "== medium checkpoint: step $medium; expert checkpoint: step $best"

if wants random; then
  echo "== random"
  t "$lamo" data generate --env "$env" --behavior random --transitions "$transitions" --seed "$seed" \
    --dataset-id "$env-random" --out "$out/$env-random.hdf5"
fi
# medium and expert are made when asked for, or when medium-expert needs them and they are not there yet
needed() { wants "$1" || { wants medium-expert && [ ! -f "$out/$env-$1.hdf5" ]; }; }
rollouts() { # KIND CHECKPOINT_STEP SEED_OFFSET
  echo "== $1"
  t "$lamo" data generate --env "$env" --behavior "$run/checkpoints/step_$2" --stochastic --transitions "$transitions" \
    --seed "$((seed + $3))" --dataset-id "$env-$1" --out "$out/$env-$1.hdf5"
}
if needed medium; then rollouts medium "$medium" 1; fi
if wants medium-replay; then
  echo "== medium-replay"
  t "$lamo" data from-replay "$run" --until-step "$medium" --dataset-id "$env-medium-replay" --out "$out/$env-medium-replay.hdf5"
fi
if needed expert; then rollouts expert "$best" 2; fi
if wants medium-expert; then
  echo "== medium-expert"
  t "$lamo" data merge "$out/$env-medium.hdf5" "$out/$env-expert.hdf5" --dataset-id "$env-medium-expert" \
    --out "$out/$env-medium-expert.hdf5"
fi

echo "== return distributions"
printf "%-22s %9s %12s %10s %10s %10s\n" dataset episodes transitions "return" min max
for kind in "${kinds[@]}"; do
  "$lamo" data info "$out/$env-$kind.hdf5" --json | /usr/bin/python3 -c '
import json, sys
i = json.load(sys.stdin)
print("%-22s %9d %12d %10.1f %10.1f %10.1f" % (i["dataset_id"], i["episodes"], i["transitions"], i["return_mean"], i["return_min"], i["return_max"]))'
done
