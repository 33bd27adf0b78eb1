#!/usr/bin/env bash
# Installs what building and running jixiao need (Debian bookworm packages,
# only those missing: scripts/packages.sh), then configures and builds the
# jixiao program into ./build. Nothing for the tests (scripts/test.sh
# installs that itself). Safe to run again: it only installs what is not
# there and rebuilds what changed.
# JIXIAO_WERROR=ON (set by scripts/test.sh) makes warnings errors.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_missing --no-install-recommends "${JIXIAO_BUILD_PACKAGES[@]}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIXIAO_WERROR="${JIXIAO_WERROR:-OFF}" \
  "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)" --target jixiao
