#!/usr/bin/env bash
# Builds the self-contained GPU check: OUT/gpu-check.tar.xz (at most 40 MiB) for a GPU machine without Java or
# network. On that machine: tar -xJf gpu-check.tar.xz && gpu-check/run.sh (see the README, "The GPU check").
#
#   scripts/gpu-check.sh OUT                 build the archive (needs a built tree: mvn -o -B -q package -DskipTests)
#   scripts/gpu-check.sh --select-jars DIR   print the jars of DIR the archive ships, one per line (what the test checks)
#
# The archive holds a jlink'd Java 17 runtime with only the modules the shipped jars use, the jars the check needs,
# libmujoco and the Debian libraries it links, a tiny trained DT and LaMo run on halfcheetah, the CPU engine's
# reference outputs (lamo gpu refs) and run.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

readonly MAX_BYTES=$((40 * 1024 * 1024))
readonly REFS_SEED=20261207
# Jars only training, the cluster's membership, tokenising or plotting need: the check loads runs, evaluates them
# on the engine or the GPU and benchmarks the local harness.
readonly EXCLUDED_JARS=(
  'pytorch-*'                  # DJL's PyTorch engine and its 100 MB of natives (training, --runtime djl)
  'infinispan-*' 'vertx-infinispan-*' 'jgroups-*' 'protostream*' 'protoparser-*' 'caffeine-*' 'jboss-*'
  'wildfly-common-*' 'jakarta.transaction-api-*' 'rxjava-*' 'reactive-streams-*' 'javassist-*'  # cluster mode
  'jtokkit-*' 'tokenizers-*'   # language-model tokenisers
  'xchart-*' 'VectorGraphics2D-*' 'uplot-*' 'vertx-web*' 'vertx-auth-*' 'vertx-bridge-*'  # plots, the dashboard
  'jna-*'                      # DJL's native-library loading (the PyTorch engine)
  'jhdf-*' 'commons-compress-*' 'lz4-java-*' 'compress-lzf-*'  # reading HDF5 datasets (training), cluster frames
)
# The JNI libraries of the CUDA presets the GPU runtime calls (runtime and driver API, cuBLAS/cuBLASLt, NVRTC); the
# others (cuFFT, cuSOLVER, NPP, ...) are left out of the shipped jar.
readonly CUDA_JNI_LIBS=(libjnicudart.so libjnicublas.so libjninvrtc.so)
# The Debian packages whose libraries libmujoco links (besides the C and C++ runtimes every target has).
readonly MUJOCO_PACKAGES="libccd2 liblodepng0 libqhull-r8.0 libtinyxml2-9"
readonly BASE_LIBS='^(linux-vdso|libc|libm|libstdc\+\+|libgcc_s|ld-linux-x86-64)\.so'

die() {
  echo "gpu-check: $*" >&2
  exit 2
}

# Prints the jars of $1 the archive ships (the harness's runtime classpath minus EXCLUDED_JARS), sorted. Two
# versions of one artifact (a folder that kept a jar of an older build) are refused.
select_jars() {
  local dir=$1 jar name pattern keep duplicates
  [ -d "$dir" ] || die "no jar folder $dir"
  # artifact = the name before its version (the first -digit), plus the native classifier if any
  duplicates=$(for jar in "$dir"/*.jar; do
    [ -e "$jar" ] || continue
    name=$(basename "$jar")
    classifier=""
    [[ $name == *-linux-x86_64.jar ]] && classifier=-linux-x86_64
    echo "${name%%-[0-9]*}$classifier"
  done | LC_ALL=C sort | uniq -d)
  if [ -n "$duplicates" ]; then
    die "$dir holds several versions of $(echo "$duplicates" | tr '\n' ' ')(stale jars of an older build: delete the folder and package again)"
  fi
  for jar in "$dir"/*.jar; do
    [ -e "$jar" ] || continue
    name=$(basename "$jar")
    keep=1
    for pattern in "${EXCLUDED_JARS[@]}"; do
      # shellcheck disable=SC2053  # the pattern is a glob on purpose
      if [[ $name == $pattern ]]; then
        keep=0
        break
      fi
    done
    if [ "$keep" = 1 ]; then
      echo "$jar"
    fi
  done | LC_ALL=C sort
}

# The libraries libmujoco links that are not the C/C++ runtime, as resolved on this machine: one path per line.
mujoco_dependencies() {
  ldd "$1" | awk '$2 == "=>" { print $1, $3 }' | while read -r soname path; do
    if [[ ! $soname =~ $BASE_LIBS ]]; then
      [ "$path" != "not" ] || die "$1 links $soname, which is not installed (scripts/setup.sh installs libmujoco-dev)"
      echo "$path"
    fi
  done
}

# Copies libmujoco and its Debian libraries into $1 under their sonames, and checks they are the expected packages.
bundle_mujoco() {
  local dest=$1 lib=/usr/lib/x86_64-linux-gnu/libmujoco.so.2.2.2 dep deps packages
  [ -f "$lib" ] || die "no $lib (scripts/setup.sh installs libmujoco-dev)"
  mkdir -p "$dest"
  cp -L "$lib" "$dest/"
  ln -s libmujoco.so.2.2.2 "$dest/libmujoco.so"
  deps=$(mujoco_dependencies "$lib")
  packages=""
  while read -r dep; do
    cp -L "$dep" "$dest/$(basename "$dep")"
    packages+="$(dpkg -S "$(readlink -f "$dep")" | cut -d: -f1) "
  done <<< "$deps"
  packages=$(echo "$packages" | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort -u | tr '\n' ' ')
  [ "$packages" = "$(echo "$MUJOCO_PACKAGES" | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ')" ] \
    || die "libmujoco links libraries of packages '$packages', expected '$MUJOCO_PACKAGES'"
}

# Rewrites every jar of $1 uncompressed (same entries, same order): xz then compresses classes and JNI libraries
# across files, which makes the archive far smaller than xz over deflated jars. The CUDA presets' JNI libraries
# other than CUDA_JNI_LIBS are dropped.
store_jars() {
  python3 - "$1" "${CUDA_JNI_LIBS[@]}" <<'PY'
import pathlib, sys, zipfile
keep = set(sys.argv[2:])
for jar in sorted(pathlib.Path(sys.argv[1]).glob("*.jar")):
    tmp = jar.with_name("." + jar.name + ".tmp")
    with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            name = pathlib.PurePosixPath(info.filename)
            if info.filename.startswith("org/bytedeco/cuda/linux-x86_64/") and name.suffix == ".so" and name.name not in keep:
                continue
            data = src.read(info)
            info.compress_type = zipfile.ZIP_STORED
            dst.writestr(info, data)
    tmp.replace(jar)
PY
}

# A Java runtime with the modules the jars of $1 use, plus the Vector API the CPU engine computes with and jdk.random
# (the JDK's named generators, found through a service loader, which jdeps cannot see). The module image is left
# uncompressed and the native libraries stripped of symbols: xz compresses the result to a third of jlink's zip.
make_jre() {
  local lib=$1 dest=$2 modules
  local jmods
  jmods=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")/jmods
  [ -d "$jmods" ] || die "no $jmods: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless)"
  # the last line is the list; jdeps warns about split packages above it
  modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$lib"/*.jar 2>/dev/null | tail -1)
  [[ $modules =~ ^[a-z.,]*java\.base[a-z.,]*$ ]] || die "jdeps gave no module list for $lib (got '$modules')"
  modules=$(echo "$modules,jdk.incubator.vector,jdk.random" | tr ',' '\n' | LC_ALL=C sort -u | paste -sd, -)
  jlink --module-path "$jmods" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=0 \
    --output "$dest" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
  find "$dest" -name '*.so' -exec strip --strip-unneeded {} +
  echo "$modules" | tr ',' '\n' > "$dest/MODULES"
}

# Runs the built lamo command line on this machine's Java (the runs and references are made here).
lamo_here() {
  "$root/scripts/lamo" "$@"
}

# A tiny DT (the default 3 x 128, K = 20) and a tiny LaMo (LoRA, MLP embeddings, a 2 x 32 backbone left random and
# frozen, so that the checkpoint holds the whole model) trained on a random halfcheetah dataset; the
# weights do not change what the check measures. Optimizer moments are left out: evaluation reads only the weights.
make_runs() {
  local work=$1 dest=$2 run
  lamo_here data generate --env halfcheetah --behavior random --episodes 4 --seed 1 --out "$work/halfcheetah.hdf5" >/dev/null
  lamo_here train --algo dt --env halfcheetah --data "$work/halfcheetah.hdf5" --steps 10 --set batch_size=8 \
    --set warmup_steps=5 --set log_every=5 --seed 1 --out "$dest/dt-halfcheetah" >/dev/null
  lamo_here lm pretrain --corpus "$root/README.md" --layers 2 --hidden 32 --heads 2 --steps 2 --batch 2 --context 64 \
    --vocab 300 --seed 1 \
    --out "$work/lm" >/dev/null
  lamo_here train --variant lamo-nopt --env halfcheetah --data "$work/halfcheetah.hdf5" --lm "$work/lm" \
    --corpus "$root/README.md" --steps 10 --set batch_size=8 --set warmup_steps=5 --set log_every=5 --seed 1 \
    --out "$dest/lamo-halfcheetah" >/dev/null
  for run in "$dest"/*; do
    find "$run/checkpoints" -type f ! -name model.safetensors ! -name checkpoint.json ! -name trainer_state.json -delete
    rm -rf "$run/eval" "$run/status.json"
  done
}

build() {
  local out=$1 stage jars archive tmp size started=$SECONDS
  if [ ! -f "$root/harness/target/lamo.jar" ] || [ ! -d "$root/harness/target/lib" ]; then
    die "not built yet: run mvn -o -B -q package -DskipTests (expected $root/harness/target/lamo.jar)"
  fi
  local tool
  for tool in jlink jdeps xz strip python3; do
    command -v "$tool" >/dev/null || die "$tool is needed (Debian: openjdk-17-jdk-headless, xz-utils, binutils, python3)"
  done
  lamo_here gpu --help >/dev/null 2>&1 \
    || die "this build has no 'lamo gpu' commands (the CUDA backend's branch adds them); the archive needs 'lamo gpu refs'"
  mkdir -p "$out"
  stage=$(mktemp -d "$out/.gpu-check.XXXXXX")
  # shellcheck disable=SC2064  # expand now: the trap must remove this stage folder
  trap "rm -rf '$stage'" EXIT
  local top=$stage/gpu-check
  mkdir -p "$top/lib" "$top/runs" "$stage/work"

  echo "gpu-check: jars"
  jars=$(select_jars "$root/harness/target/lib")
  # shellcheck disable=SC2086  # one path per line, no spaces in jar names
  cp $jars "$root/harness/target/lamo.jar" "$top/lib/"
  store_jars "$top/lib"
  ls "$top/lib"/cuda-*linux-x86_64.jar >/dev/null 2>&1 || die "no CUDA JNI jar (cuda-*-linux-x86_64.jar) among the harness's jars"

  echo "gpu-check: jlink"
  make_jre "$top/lib" "$top/jre"

  echo "gpu-check: MuJoCo libraries"
  bundle_mujoco "$top/native"

  echo "gpu-check: tiny DT and LaMo runs"
  make_runs "$stage/work" "$top/runs"

  echo "gpu-check: CPU-engine reference outputs"
  lamo_here gpu refs --out "$top/refs" --seed "$REFS_SEED"

  cp "$root/scripts/gpu-check-run.sh" "$top/run.sh"
  cp "$root/scripts/gpu-check-lamo.sh" "$top/lamo"
  chmod +x "$top/run.sh" "$top/lamo"
  {
    echo "commit $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
    echo "refs seed $REFS_SEED"
  } > "$top/BUILD"

  echo "gpu-check: xz -9"
  archive=$out/gpu-check.tar.xz
  tmp=$out/.gpu-check.tar.xz.tmp
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -cf - gpu-check | xz -9 -T1 > "$tmp"
  size=$(stat -c %s "$tmp")
  if [ "$size" -gt "$MAX_BYTES" ]; then
    rm -f "$tmp"
    die "the archive is $size bytes, over the limit of $MAX_BYTES (40 MiB)"
  fi
  mv -f "$tmp" "$archive"
  awk -v a="$archive" -v b="$size" -v s=$((SECONDS - started)) \
    'BEGIN { printf "gpu-check: wrote %s: %d bytes (%.1f MiB) in %d s\n", a, b, b / 1048576, s }'
}

case "${1:-}" in
  --select-jars)
    [ $# = 2 ] || die "usage: scripts/gpu-check.sh --select-jars DIR"
    select_jars "$2"
    ;;
  "" | -h | --help)
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    [ $# = 1 ] || exit 2
    ;;
  -*)
    die "unknown option $1 (usage: scripts/gpu-check.sh OUT | --select-jars DIR)"
    ;;
  *)
    [ $# = 1 ] || die "usage: scripts/gpu-check.sh OUT (one output folder, got $# arguments)"
    build "$1"
    ;;
esac
