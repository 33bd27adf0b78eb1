#!/usr/bin/env bash
# Installs what is missing (Debian bookworm packages only), then configures
# and builds jixiao into ./build. Safe to run again: it only installs what is
# not there and rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libyaml-cpp-dev libspdlog-dev libfmt-dev catch2 libxlsxwriter-dev libcli11-dev libsqlite3-dev libzip-dev libpugixml-dev libfreexl-dev
  # for the tests: reading and recalculating workbooks as a user's spreadsheet program does
  python3 python3-openpyxl libreoffice-calc-nogui fonts-noto-cjk fonts-crosextra-carlito poppler-utils unzip
  # for scripts/sanitize.sh and scripts/fuzz.sh: clang 14 with libFuzzer, ASan and UBSan
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "安装缺少的软件包：${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
