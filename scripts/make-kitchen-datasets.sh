#!/usr/bin/env bash
# D4RL-style kitchen datasets from the scripted demonstrator (sizes as D4RL's kitchen-*-v0):
#   complete  19 demonstrations of the four target sub-tasks in order
#   partial   136,950 transitions: half the episodes do every target in order, the others a subset
#   mixed     136,950 transitions: subsets only, no episode completes every target
# Generated datasets are artefacts: never commit them.
#
# usage: scripts/make-kitchen-datasets.sh [--seed S] [--noise X] [--out DIR]   (default out: data/generated/kitchen)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
seed=0; noise=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --noise) noise="--noise $2"; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "make-kitchen-datasets: unknown option $1" >&2; exit 2 ;;
  esac
done
out=${out:-$root/data/generated/kitchen}
mkdir -p "$out"
for kind in complete partial mixed; do
  if [ "$kind" = complete ]; then size="--episodes 19"; else size="--transitions 136950"; fi
  echo "== kitchen-$kind"
  # shellcheck disable=SC2086
  "$lamo" data generate --env kitchen --behavior scripted --demos "$kind" $size $noise --seed "$seed" \
      --dataset-id "kitchen-$kind-v0" --out "$out/kitchen-$kind-v0.hdf5"
  "$lamo" data info "$out/kitchen-$kind-v0.hdf5" | grep -E '^(episodes|transitions|return_mean|return_counts) '
done
