#!/usr/bin/env bash
# Installs what the test suite needs beyond building (scripts/packages.sh:
# Catch2, LibreOffice Calc and CJK fonts for tests/tools/xlsx-check, clang
# for the sanitizers and fuzzing, …). Run by scripts/test.sh; idempotent:
# once everything is installed it does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_missing "${JIXIAO_TEST_PACKAGES[@]}"
