#!/usr/bin/env bash
# The GPU check (shipped as gpu-check/run.sh by scripts/gpu-check.sh). On the GPU machine:
#   tar -xJf gpu-check.tar.xz && gpu-check/run.sh [--no-gpu] [LOG]
# Checks the bundled libraries, finds the CUDA 13 libraries (Python's nvidia-* wheels, else find), prints the device,
# runs the GPU tests (lamo gpu check: parity, batch invariance, graph replay; "N passed, M failed"), then the
# benchmark, every point time-boxed. Everything printed also goes to LOG (default gpu-check/gpu-check.log); the
# benchmark's JSON goes to gpu-check/results/. Exit 0 only when every step passed.
# --no-gpu runs the same steps on the CPU (reference device, engine runtime): what a machine without a GPU can check.
# Tunables: GPU_CHECK_WINDOW (seconds per point, default 10), GPU_CHECK_WARMUP (default 3),
# GPU_CHECK_BUDGET (seconds for the whole run, default 230).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

gpu=1
if [ "${1:-}" = "--no-gpu" ]; then
  gpu=0
  shift
fi
log=${1:-$here/gpu-check.log}
window=${GPU_CHECK_WINDOW:-10}
warmup=${GPU_CHECK_WARMUP:-3}
budget=${GPU_CHECK_BUDGET:-230}
exec > >(tee -a "$log") 2>&1

started=$SECONDS
failures=0
fail() {
  echo "gpu-check: $*"
  exit 2
}
section() {
  printf '\n== %s (at %d s)\n' "$1" $((SECONDS - started))
}
# Seconds left of the budget, at most $1.
remaining() {
  local left=$((budget - (SECONDS - started)))
  [ "$left" -gt 5 ] || left=5
  if [ "$left" -gt "$1" ]; then
    echo "$1"
  else
    echo "$left"
  fi
}
# Runs a step under a time limit; a failure or timeout is counted and the run goes on to the next step.
step() {
  local limit=$1 rc=0
  shift
  timeout --kill-after=5 "$limit" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "gpu-check: timed out after $limit s: $*"
    failures=$((failures + 1))
  elif [ "$rc" != 0 ]; then
    echo "gpu-check: failed (exit $rc): $*"
    failures=$((failures + 1))
  fi
}

seed=$(awk '$1 == "refs" && $2 == "seed" { print $3 }' "$here/BUILD")
section "gpu-check $(head -1 "$here/BUILD")"
cat "$here/BUILD"
uname -a
echo "cores: $(nproc)"

section "bundled MuJoCo libraries"
export LD_LIBRARY_PATH="$here/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
mujoco_ldd=$(ldd "$here/native/libmujoco.so.2.2.2")
echo "$mujoco_ldd"
if grep -q "not found" <<< "$mujoco_ldd"; then
  fail "libmujoco.so.2.2.2 has unresolved libraries (above)"
fi
for lib in "$here"/native/*.so.*; do
  name=$(basename "$lib")
  [ "$name" = libmujoco.so.2.2.2 ] && continue
  grep -q "$name => $here/native/" <<< "$mujoco_ldd" || fail "$name resolved outside the bundle (above)"
done

# The JNI libraries come out of their jars, as JavaCPP would extract them, for ldd to look at.
jni=$here/.jni
mkdir -p "$jni"
python3 - "$here/lib" "$jni" <<'PY'
import pathlib, sys, zipfile
lib, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wanted = {"libjniMuJoCo.so", "libjnijavacpp.so", "libjnicudart.so", "libjnicublas.so", "libjninvrtc.so", "libjnicudnn.so"}
for jar in sorted(lib.glob("*.jar")):
    with zipfile.ZipFile(jar) as z:
        for name in z.namelist():
            if "linux-x86_64/" in name and pathlib.PurePath(name).name in wanted:
                (dest / pathlib.PurePath(name).name).write_bytes(z.read(name))
PY
mujoco_jni=$(ldd "$jni/libjniMuJoCo.so")
echo "$mujoco_jni" | grep -E "mujoco|not found" || true
grep -q "not found" <<< "$mujoco_jni" && fail "libjniMuJoCo.so has unresolved libraries"

if [ "$gpu" = 1 ]; then
  section "CUDA libraries"
  # Python's nvidia-* wheels for CUDA 13 put their libraries in site-packages/nvidia/cu13/lib (older wheels: one
  # nvidia/<package>/lib each); libnvrtc opens libnvrtc-builtins itself, so its folder must be on the path too.
  cuda_dirs=$(python3 - <<'PY' 2>/dev/null || true
import glob, os
try:
    import nvidia
except ImportError:
    raise SystemExit(0)
dirs = set()
for root in nvidia.__path__:
    for pattern in ("cu13/lib", "*/lib"):
        for d in glob.glob(os.path.join(root, pattern)):
            if glob.glob(os.path.join(d, "lib*.so.13*")):
                dirs.add(os.path.realpath(d))
print("\n".join(sorted(dirs)))
PY
  )
  # The folder among cuda_dirs that holds $1 (a glob), or nothing.
  folder_of() {
    local d
    for d in $cuda_dirs; do
      if compgen -G "$d/$1" >/dev/null; then
        echo "$d"
        return
      fi
    done
  }
  names=(libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13 'libnvrtc-builtins.so.13*')
  missing=()
  for name in "${names[@]}"; do
    [ -n "$(folder_of "$name")" ] || missing+=("$name")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "not in Python's nvidia packages: ${missing[*]}; searching / (at most 60 s)"
    found=$(timeout 60 find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o \( -name libcudart.so.13 \
      -o -name libcublas.so.13 -o -name libcublasLt.so.13 -o -name libnvrtc.so.13 -o -name 'libnvrtc-builtins.so.13*' \) \
      -print 2>/dev/null || true)
    cuda_dirs="$cuda_dirs $(xargs -r -n1 dirname <<< "$found" | sort -u | tr '\n' ' ')"
  fi
  for name in "${names[@]}"; do
    found=$(folder_of "$name")
    [ -n "$found" ] || fail "no $name: install the CUDA 13 wheels (pip install nvidia-cuda-runtime nvidia-cublas nvidia-cuda-nvrtc) or a CUDA 13 toolkit"
    echo "$name: $found"
  done
  for d in $(echo "$cuda_dirs" | tr ' ' '\n' | sort -u); do
    LD_LIBRARY_PATH="$LD_LIBRARY_PATH:$d"
  done
  export LD_LIBRARY_PATH
  echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

  section "CUDA JNI libraries (ldd -r)"
  for lib in "$jni"/libjnicudart.so "$jni"/libjnicublas.so "$jni"/libjninvrtc.so; do
    [ -f "$lib" ] || fail "the CUDA JNI jar holds no $(basename "$lib")"
    if ! report=$(ldd -r "$lib" 2>&1); then
      echo "$report"
      fail "ldd -r cannot load $(basename "$lib") (above)"
    fi
    if grep -q "not found" <<< "$report"; then
      echo "$report"
      fail "$(basename "$lib") has unresolved libraries (above)"
    fi
    undefined=$(grep -c "undefined symbol" <<< "$report" || true)
    # Symbols bind lazily: ones this CUDA lacks only matter if called (none of a forward pass is among them).
    echo "$(basename "$lib"): every library resolved; $undefined symbols undefined against this CUDA"
    { grep "undefined symbol" <<< "$report" || true; } | sed -n '1,20s/^/  /p'
  done

  section "device"
  command -v nvidia-smi >/dev/null || fail "no nvidia-smi: no NVIDIA driver on this machine"
  nvidia-smi || fail "nvidia-smi failed"
fi

lamo="$here/lamo"

section "Java"
"$lamo" --version || fail "the bundled Java runtime does not start lamo"

section "GPU tests"
if [ "$gpu" = 1 ]; then
  step "$(remaining 90)" "$lamo" gpu check --refs "$here/refs"
else
  step "$(remaining 90)" "$lamo" gpu check --refs "$here/refs" --device reference
fi

section "benchmark: DT 3 x 128, K = 20, halfcheetah"
mkdir -p "$here/results"
cores=$(nproc)
workers=$((cores > 3 ? cores - 2 : 1))
runtime=$([ "$gpu" = 1 ] && echo gpu || echo engine)
points=${GPU_CHECK_CONCURRENCY:-1,64,1024,4096}
npoints=$(tr ',' '\n' <<< "$points" | wc -l)
# each point: warm-up + window + one round; plus the start and loading
step "$(remaining $((npoints * (warmup + window + 5) + 30)))" "$lamo" bench harness --policy "$here/runs/dt-halfcheetah" \
  --runtime "$runtime" --concurrency "$points" --window "$window" --warmup "$warmup" --workers "$workers" \
  --max-batch 2048 --json "$here/results/bench-dt.json"

if [ "$gpu" = 1 ]; then
  # LaMo at GPT-2-small size (12 x 768, K = 20, about 9.4 GFLOP per env step), its weights drawn from the seed here
  section "benchmark: LaMo on a GPT-2-small-shaped backbone (seeded weights), hopper"
  for precision in ${GPU_CHECK_PRECISIONS:-fp32 tf32 bf16}; do
    step "$(remaining $((warmup + window + 45)))" "$lamo" bench harness --seeded lamo-gpt2-small --seed "$seed" \
      --runtime gpu --precision "$precision" --concurrency "${GPU_CHECK_LAMO_CONCURRENCY:-1024}" --window "$window" \
      --warmup "$warmup" --workers "$workers" --max-batch 512 --json "$here/results/bench-lamo-gpt2-small-$precision.json"
  done
else
  section "benchmark: the shipped tiny LaMo and the seeded small LaMo on the CPU engine"
  step "$(remaining $((warmup + window + 40)))" "$lamo" bench harness --policy "$here/runs/lamo-halfcheetah" \
    --runtime engine --concurrency 8 --window "$window" --warmup "$warmup" --workers "$workers" \
    --json "$here/results/bench-lamo-engine.json"
  step "$(remaining $((warmup + window + 40)))" "$lamo" bench harness --seeded lamo-small --seed "$seed" \
    --runtime engine --concurrency 8 --window "$window" --warmup "$warmup" --workers "$workers" \
    --json "$here/results/bench-lamo-small-engine.json"
fi

section "done in $((SECONDS - started)) s: $failures failed steps"
[ "$failures" = 0 ]
