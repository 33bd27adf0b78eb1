#!/usr/bin/env bash
# Builds every configuration a user or packager may choose — Debug, Release,
# RelWithDebInfo, MinSizeRel with GCC 12 and with Clang 14 — each with its
# test targets and the benchmark helpers, into build-matrix/<compiler>-<type>/,
# one after the other, and reports the warnings of each (any warning fails).
# Warnings are not errors here so that every one is listed. Each run cleans
# and rebuilds every configuration so that its log holds all warnings; with
# ccache (which replays a cached compile's warnings) a rerun takes seconds.
# Usage: scripts/build-matrix.sh [JOBS [COMPILER:TYPE…]]   (default: nproc, all eight)
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-$(nproc)}
shift || true
configs=("$@")
((${#configs[@]})) || configs=(gcc:Release clang:Release gcc:Debug clang:Debug gcc:RelWithDebInfo clang:RelWithDebInfo
  gcc:MinSizeRel clang:MinSizeRel)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
status=0
for config in "${configs[@]}"; do
  cc=${config%%:*} type=${config##*:}
  case $cc in
    gcc) export CC=gcc-12 CXX=g++-12 ;;
    clang) export CC=clang-14 CXX=clang++-14 ;;
  esac
    dir=build-matrix/$cc-$type
    log=$dir.log
    mkdir -p build-matrix
    start=$SECONDS
    if ! cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DJIXIAO_WERROR=OFF "${launcher[@]}" >"$log" 2>&1 ||
      ! cmake --build "$dir" --target clean >>"$log" 2>&1 ||
      ! nice cmake --build "$dir" -j"$jobs" >>"$log" 2>&1; then
      echo "$cc $type: BUILD FAILED (log $log)"
      status=1
      continue
    fi
    warnings=$(grep -c "warning:" "$log")
    echo "$cc $type: built in $((SECONDS - start)) s, $warnings warnings (log $log)"
    ((warnings == 0)) || status=1
done
exit $status
