#!/usr/bin/env bash
# The lamo command line of the GPU check (shipped as gpu-check/lamo): the bundled Java runtime and jars.
set -euo pipefail
read -r -a java_opts <<< "${LAMO_JAVA_OPTS:-}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# JavaCPP extracts the JNI libraries into the check's folder, not the home folder; the Vector API's start-up notice
# is filtered out so that an error stays one line.
exec "$here/jre/bin/java" "${java_opts[@]}" --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dorg.bytedeco.javacpp.cachedir="$here/.javacpp" -Dlamo.home="$here" \
  -cp "$here/lib/*" dev.lamo.harness.cli.Lamo "$@" \
  2> >(grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
