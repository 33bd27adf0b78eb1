#!/usr/bin/env bash
# The Debian package as a user gets it: `cpack -G DEB` in the build tree
# makes jixiao_<version>_amd64.deb with dependencies from dpkg-shlibdeps; it
# is unpacked with dpkg -x into a temporary root (no installation, no root
# needed) and the binary there scores the example from a folder outside the
# repository, finding its rule sets, templates and examples relative to
# itself; the manual page renders with man -l and names every subcommand and
# option; bash completion loads and completes subcommands and options.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"

version=$(sed -n 's/^project(jixiao VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
deb=$T/pkg/jixiao_${version}_amd64.deb
(cd "$BUILD" && cpack -G DEB -B "$T/pkg") >"$T/cpack.log" 2>&1
check "cpack -G DEB succeeds" test $? -eq 0
check "package named jixiao_${version}_amd64.deb" test -f "$deb"
if [ ! -f "$deb" ]; then
  cat "$T/cpack.log"
  echo "package_test: $pass passed, $fail failed"
  exit 1
fi

# Control data: name, version, dependencies from dpkg-shlibdeps.
dpkg-deb -f "$deb" Package Version Architecture Depends >"$T/control"
check "control: package" grep -qx "Package: jixiao" "$T/control"
check "control: version" grep -qx "Version: $version" "$T/control"
check "control: amd64" grep -qx "Architecture: amd64" "$T/control"
for lib in libyaml-cpp libxlsxwriter libsqlite3 libzip libpugixml libc6 libstdc++6; do
  check "depends on $lib (dpkg-shlibdeps)" grep -q "^Depends:.*$lib" "$T/control"
done
check "dependencies carry versions" grep -q "^Depends:.*(>= " "$T/control"

# Contents.
dpkg-deb -c "$deb" | awk '{print $6}' >"$T/contents"
for f in ./usr/bin/jixiao ./usr/share/man/man1/jixiao.1.gz ./usr/share/bash-completion/completions/jixiao \
  ./usr/share/doc/jixiao/copyright ./usr/bin/jixiao-web ./usr/share/applications/jixiao-web.desktop; do
  check "contains $f" grep -qx "$f" "$T/contents"
done
for d in "$SRC"/indicators/*/; do
  kind=$(basename "$d")
  for f in "$d"*; do
    check "contains $kind/$(basename "$f")" grep -qx "./usr/share/jixiao/$kind/$(basename "$f")" "$T/contents"
  done
done
check "nothing outside /usr" test -z "$(grep -v '^\./usr/\|^\./$' "$T/contents")"

# Unpacked into a temporary root and run from a folder outside the
# repository, with no rules folder named: the data is found beside the binary.
dpkg -x "$deb" "$T/root"
JX=$T/root/usr/bin/jixiao
mkdir -p "$T/work"
cd "$T/work" || exit 1
unset JIXIAO_RULES_DIR
"$JX" --version >"$T/version.txt" 2>&1
check "--version runs" test $? -eq 0
check "--version: program version" grep -qx "jixiao $version" "$T/version.txt"
check "--version: rules found relative to the binary" grep -qF "$T/root/usr/share/jixiao/rules" "$T/version.txt"
check "--version: not from the source tree" test -z "$(grep -F "$SRC" "$T/version.txt")"
check "--version: mof2020" grep -q "^  mof2020  版本 " "$T/version.txt"
cp "$T/root/usr/share/jixiao/examples/kepu-2022.yaml" "$T/work/"
"$JX" score kepu-2022.yaml -o 自评表.xlsx >"$T/score.txt" 2>&1
check "the example scores" test $? -eq 0
check "the workbook is written" test -s 自评表.xlsx
"$JX" score kepu-2022.yaml --json >"$T/packaged.json" 2>/dev/null
"$BUILD/jixiao" score kepu-2022.yaml --json >"$T/built.json" 2>/dev/null
check "same result as the build tree's binary" cmp -s "$T/packaged.json" "$T/built.json"
"$JX" score "$T/root/usr/share/jixiao/examples/kexie-2022-department.yaml" -q
check "the department example scores" test $? -eq 0
"$JX" init department --template dept-hunan -o 部门.yaml -q
check "init finds its templates" test -s 部门.yaml
"$JX" validate 部门.yaml >/dev/null 2>&1
check "the template validates" test $? -eq 0
mkdir -p "$T/myrules"
sed 's/^id: mof2020/id: local/' "$T/root/usr/share/jixiao/rules/mof2020.yaml" >"$T/myrules/local.yaml"
sed 's/^rules: mof2020/rules: local/' kepu-2022.yaml >local.yaml
"$JX" score local.yaml -q 2>/dev/null
check "a rule set outside the data folder is not found" test $? -ne 0
"$JX" score local.yaml -q --rules-dir "$T/myrules"
check "--rules-dir comes first" test $? -eq 0
JIXIAO_RULES_DIR=$T/myrules "$JX" score local.yaml -q
check "\$JIXIAO_RULES_DIR is searched" test $? -eq 0
cd "$SRC" || exit 1

# The manual page.
MANWIDTH=80 man -l "$T/root/usr/share/man/man1/jixiao.1.gz" >"$T/man.txt" 2>"$T/man.err"
check "man -l renders" test $? -eq 0 -a -s "$T/man.txt"
check "man: no groff errors" test -z "$(grep -v 'cannot adjust line' "$T/man.err")"
check "man: Chinese title" grep -q "预算绩效自评" "$T/man.txt"
check "man: version" grep -q "jixiao $version" "$T/man.txt"
for s in score validate init batch history import review serve; do
  check "man: subcommand $s" grep -q "^       $s\$\|^       $s " "$T/man.txt"
  # Every option the subcommand's --help lists is described.
  for o in $("$JX" "$s" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    check "man: $s option $o" grep -qF -- "$o" "$T/man.txt"
  done
done
for section in 退出状态 输入文件 环境变量; do
  check "man: section $section" grep -q "^$section" "$T/man.txt"
done
for key in kind year rules project department unit declared_score funds goals indicators facts projects checks charts \
  target actual weight children note grade applicable direction formula scorer; do
  check "man: input key $key" grep -qw -- "$key" "$T/man.txt"
done

# Bash completion: loads, completes subcommands and each subcommand's options.
comp=$T/root/usr/share/bash-completion/completions/jixiao
complete_words() { # complete_words WORD… : what TAB offers after the words
  bash -c 'source /usr/share/bash-completion/bash_completion 2>/dev/null; source "$1"; shift
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           _jixiao; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
check "completion loads" bash -c "source /usr/share/bash-completion/bash_completion 2>/dev/null; source '$comp' && complete -p jixiao >/dev/null"
check "completion: sc → score" test "$(complete_words jixiao sc)" = score
check "completion: all subcommands" test "$(complete_words jixiao '' | sort | tr '\n' ' ')" = \
  "batch goals history import init monitor review score serve validate "
check "completion: --js → --json" test "$(complete_words jixiao score --js)" = --json
check "completion: --template values" test "$(complete_words jixiao init department --template '' | tr '\n' ' ')" = \
  "dept-common dept-hunan "
for s in score validate init batch history import review serve; do
  offered=$(complete_words jixiao "$s" - | sort -u | tr '\n' ' ')
  for o in $("$JX" "$s" --help | grep -o -- ' -[a-z]\b\|--[a-z][a-z-]*' | tr -d ' ' | sort -u); do
    check "completion: $s offers $o" grep -qw -- "$o" <<<"$offered"
  done
done

echo "package_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
