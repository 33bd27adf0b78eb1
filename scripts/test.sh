#!/usr/bin/env bash
# The whole test suite (what .ci/run runs): installs and builds what is
# missing (scripts/setup.sh, then scripts/setup-tests.sh on the first run),
# builds everything with warnings as errors, runs the Catch2 specifications
# and the end-to-end scripts, the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer (scripts/sanitize.sh, build-asan/), and each
# fuzz target briefly over its seed corpus (scripts/fuzz.sh, build-fuzz/;
# JIXIAO_FUZZ_SECONDS per target, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
JIXIAO_WERROR=ON bash scripts/setup.sh
bash scripts/setup-tests.sh
# Catch2 may have just arrived: configure again so that the tests are built.
cmake -S . -B build -DJIXIAO_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
echo "== 测试套件（ASan + UBSan）"
bash scripts/sanitize.sh
echo "== 模糊测试（每个目标 ${JIXIAO_FUZZ_SECONDS:-30} 秒）"
bash scripts/fuzz.sh "${JIXIAO_FUZZ_SECONDS:-30}"
echo "== 全部通过，用时 $((SECONDS / 60)) 分 $((SECONDS % 60)) 秒"
