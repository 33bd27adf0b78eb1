#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), then runs the whole test suite,
# the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, build-asan/), and each fuzz target briefly over its
# seed corpus (scripts/fuzz.sh, build-fuzz/; JIXIAO_FUZZ_SECONDS per target,
# default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
echo "== 测试套件（ASan + UBSan）"
bash scripts/sanitize.sh
echo "== 模糊测试（每个目标 ${JIXIAO_FUZZ_SECONDS:-30} 秒）"
bash scripts/fuzz.sh "${JIXIAO_FUZZ_SECONDS:-30}"
echo "== 全部通过，用时 $((SECONDS / 60)) 分 $((SECONDS % 60)) 秒"
