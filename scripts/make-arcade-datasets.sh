#!/usr/bin/env bash
# The arcade "medium" datasets (LaMo's Atari setting, d4rl-atari's {game}-medium-v0 in spirit): for breakout,
# pong and qbert, the scripted expert with ε-noise at each game's medium level (breakout 0.1, pong 0.5,
# qbert 0.1: about 40-45% of the way from random to expert play), single uint8 84x84 frames, seed 0.
# 200,000 transitions per game is the standard size (23 MB for breakout, about 70 s on 2 cores);
# --size 1000000 gives d4rl-atari's size (frames then go into part files beside each main file).
# Generated datasets are artefacts: never commit them.
#
# usage: scripts/make-arcade-datasets.sh OUT_DIR [--size N] [--seed S]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lamo="$root/scripts/lamo"
out=${1:?usage: scripts/make-arcade-datasets.sh OUT_DIR [--size N] [--seed S]}
shift
size=200000; seed=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "make-arcade-datasets: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
# the 200k sets hold 1.4 GB of frames that jhdf copies once more while writing
export LAMO_JAVA_OPTS=${LAMO_JAVA_OPTS:--Xmx8g}
for game in breakout pong qbert; do
  name=$game-medium
  [ "$size" = 200000 ] || name=$game-medium-$size
  [ "$seed" = 0 ] || name=$name-s$seed
  echo "== $game: $size transitions -> $out/$name.hdf5"
  start=$SECONDS
  "$lamo" data generate --env "$game" --behavior scripted --transitions "$size" --seed "$seed" \
    --dataset-id "$name" --out "$out/$name.hdf5"
  echo "  ($((SECONDS - start)) s)"
done
