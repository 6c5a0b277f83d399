#!/usr/bin/env bash
# The whole test suite, set-up included: scripts/test.sh [--slow]
# --slow also runs the checks that take minutes (JUnit tag "slow": long trainings, load tests, reference scores).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
profile=()
if [ "${1:-}" = "--slow" ] || [ "${LAMO_SLOW:-0}" = "1" ]; then
  profile=(-Pslow)
fi
cd "$root"
mvn -B verify "${profile[@]}"
