#!/usr/bin/env bash
# Builds the whole project and its tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (any report aborts) into build-asan/ and runs
# the test suite there, the end-to-end CLI checks included. clang, as for
# fuzzing (GCC 12 at -O2 with ASan reports false -Wmaybe-uninitialized in
# libstdc++'s <regex>, which -Werror turns into a failed build).
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIXIAO_WERROR=ON \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
# One batch worker in the tests that fork .xls readers (tests/incremental_test.py: ASan is not fork-safe).
JIXIAO_TEST_JOBS=1 ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
