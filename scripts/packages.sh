# The Debian packages jixiao needs, split by need (sourced by the set-up
# scripts; scripts/measure-setup.sh measures each set).
#   JIXIAO_BUILD_PACKAGES  building and running (scripts/setup.sh)
#   JIXIAO_TEST_PACKAGES   the test suite only (scripts/setup-tests.sh, run by scripts/test.sh)

JIXIAO_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libyaml-cpp-dev libspdlog-dev libfmt-dev libxlsxwriter-dev libcli11-dev libsqlite3-dev libzip-dev libpugixml-dev
  libfreexl-dev
  libcpp-httplib-dev                       # jixiao serve (web/server.cpp)
)

JIXIAO_TEST_PACKAGES=(
  catch2                                   # the C++ specifications
  python3 python3-openpyxl                 # reading workbooks in the end-to-end scripts
  python3-xlwt python3-xlrd python3-yaml   # bench/wb_*.py: .xls written and read, rule sets read
  time                                     # bench/wb_run.py: max RSS and CPU time of each run
  libreoffice-calc-nogui fonts-noto-cjk    # tests/tools/xlsx-check: recalculation, rendering to PDF
  fonts-crosextra-carlito                  # Calibri metrics: LibreOffice measures columns as Excel does
  poppler-utils unzip                      # PDF text positions (pdftotext -bbox), workbook parts
  clang libclang-rt-14-dev                 # scripts/sanitize.sh, scripts/fuzz.sh: ASan, UBSan, libFuzzer
  file man-db bash-completion              # tests/package_test.sh: cpack's dpkg-shlibdeps, man -l, completion
  ccache                                   # rebuilds of the three build trees
  chromium chromium-driver python3-selenium # tests/browser: the serve pages in headless Chromium
)

# install_missing [--no-install-recommends] PACKAGE…: installs those not
# installed yet (idempotent; nothing is fetched when all are there). The
# build set needs none of its packages' recommendations (63 packages: gnupg,
# fonts, image libraries, manual pages); the test set keeps them
# (LibreOffice's are what a user's LibreOffice has).
install_missing() {
  local flags=() missing=() p
  if [ "${1:-}" = --no-install-recommends ]; then
    flags=(--no-install-recommends)
    shift
  fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "安装缺少的软件包：${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${flags[@]}" "${missing[@]}"
}
