#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang + ASan + UBSan) into
# build-fuzz/ and runs each for SECONDS (default 60) over the committed seed
# corpus, one target at a time. A crash, leak, timeout or sanitizer report
# fails the script; the input is kept in build-fuzz/artifacts/TARGET/ —
# turn it into a regression test (tests/bad/ or a Catch2 case).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: tests/fuzz/corpus/*)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  for d in tests/fuzz/corpus/*/; do targets+=("$(basename "$d")"); done
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIXIAO_FUZZ=ON -DJIXIAO_WERROR=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_all

failed=()
for t in "${targets[@]}"; do
  bin=build-fuzz/tests/fuzz/fuzz_$t
  work=build-fuzz/corpus/$t
  art=build-fuzz/artifacts/$t
  log=build-fuzz/fuzz-$t.log
  mkdir -p "$work" "$art"
  args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
        -artifact_prefix="$art/")
  seeds=(tests/fuzz/corpus/"$t")
  case $t in
    project | department)
      args+=(-dict=tests/fuzz/yaml.dict)
      seeds+=(tests/bad)
      ;;
  esac
  # The generated corpus (first directory) grows in build-fuzz/, never in git.
  if nice -n 10 "$bin" "${args[@]}" "$work" "${seeds[@]}" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $t: ${secs} s, ${execs:-?} runs, corpus $(find "$work" -type f | wc -l) files, no findings"
  else
    echo "fuzz $t: FINDING (log $log, input in $art/)" >&2
    grep -E "ERROR|runtime error|SUMMARY" "$log" | head -5 >&2 || true
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "模糊测试发现问题：${failed[*]}" >&2
  exit 1
fi
