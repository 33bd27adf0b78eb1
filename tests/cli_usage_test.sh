#!/usr/bin/env bash
# The command line as a new user meets it: a mistyped subcommand or option is
# named with the nearest real one (exit 2), -q leaves only errors in every
# subcommand, --version names the program and each shipped rule set.
# Usage: cli_usage_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
EX=$SRC/indicators/examples/kepu-2022.yaml
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"
# expect CODE NAME CMD…: runs CMD with stdout in $T/out, stderr in $T/err.
expect() {
  local code=$1 name=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  if [ $rc -eq "$code" ]; then ok; else bad "$name: exit $rc, expected $code"; cat "$T/err"; fi
}
has() { grep -qF -- "$2" "$T/$1"; }
hasnt() { ! grep -qF -- "$2" "$T/$1"; }

# 1. Unknown subcommands: named, with the nearest one when it looks like a typo.
expect 2 "scroe" "$JX" scroe "$EX"
check "scroe named with suggestion" has err "未知的子命令“scroe”，是否想用 score？"
check "scroe: nothing on stdout" test ! -s "$T/out"
for pair in socre:score valdiate:validate reveiw:review histroy:history imprt:import bacth:batch innit:init; do
  expect 2 "${pair%%:*}" "$JX" "${pair%%:*}"
  check "${pair%%:*} → ${pair##*:}" has err "未知的子命令“${pair%%:*}”，是否想用 ${pair##*:}？"
done
expect 2 "unrelated word" "$JX" summarise "$EX"
check "unrelated word named" has err "未知的子命令“summarise”"
check "unrelated word: no guess" hasnt err "是否想用"
check "unrelated word: lists subcommands" has err "score、validate、goals、init、batch、history、import、review"
expect 2 "no subcommand" "$JX"
check "no subcommand: says so" has err "缺少子命令"

# 2. Unknown options of each subcommand.
expect 2 "--jsn" "$JX" score --jsn "$EX"
check "--jsn named with suggestion" has err "未知的选项“--jsn”，是否想用 --json？"
expect 2 "--quite" "$JX" review --quite x.xlsx
check "--quite → --quiet" has err "未知的选项“--quite”，是否想用 --quiet？"
expect 2 "--rule-dir" "$JX" validate "$EX" --rule-dir=x
check "--rule-dir=x → --rules-dir" has err "未知的选项“--rule-dir”，是否想用 --rules-dir？"
expect 2 "--ouptut" "$JX" batch "$SRC/indicators/examples" --ouptut s.xlsx
check "--ouptut → --output" has err "是否想用 --output？"
expect 2 "history --departmnt" "$JX" history --db x.sqlite --departmnt 科协
check "--departmnt → --department" has err "未知的选项“--departmnt”，是否想用 --department？"
expect 2 "--json is not an init option" "$JX" init project --json
check "init --json named" has err "未知的选项“--json”"
expect 2 "--colour" "$JX" score --colour "$EX"
check "--colour: no guess" hasnt err "是否想用"

# 3. -q: errors only, in every subcommand.
# A file with errors and warnings: a unit that cannot be reconciled (error)
# and a declared total that differs (warning).
sed -e '/^year:/a declared_score: 12' "$EX" >"$T/warn.yaml"
expect 0 "score with warnings" "$JX" score "$T/warn.yaml"
check "warnings are printed without -q" grep -q "警告" "$T/out" "$T/err"
expect 0 "score -q" "$JX" score -q "$T/warn.yaml"
check "score -q: silent" test ! -s "$T/out" -a ! -s "$T/err"
sed -e '/^year:/a declared_score: 12' -e '0,/actual: "5个"/s//actual: "5吨"/' "$EX" >"$T/both.yaml"
check "error injected" grep -q '5吨' "$T/both.yaml"
expect 1 "score with errors and warnings" "$JX" score "$T/both.yaml"
check "errors and warnings without -q" grep -q ": 警告: " "$T/err"
check "errors without -q" grep -q ": 错误: " "$T/err"
expect 1 "score -q with errors" "$JX" score -q "$T/both.yaml"
check "score -q: errors printed" grep -q ": 错误: " "$T/err"
check "score -q: no warnings" hasnt err ": 警告: "
check "score -q: no table" test ! -s "$T/out"
expect 1 "validate -q with errors" "$JX" validate -q "$T/both.yaml"
check "validate -q: no warnings" hasnt err ": 警告: "
check "validate -q: errors printed" grep -q ": 错误: " "$T/err"
expect 0 "validate -q" "$JX" validate -q "$T/warn.yaml"
check "validate -q: no warnings" hasnt out ": 警告: "
expect 0 "init -q" "$JX" init project -q -o "$T/p.yaml"
check "init -q: silent" test ! -s "$T/out" -a ! -s "$T/err"
check "init -q: written" test -s "$T/p.yaml"
# A workbook whose declared scores differ: review prints warnings / differences.
"$JX" score "$T/warn.yaml" -o "$T/t.xlsx" -q
expect 0 "import -q" "$JX" import -q "$T/t.xlsx" -o "$T/back.yaml"
check "import -q: silent" test ! -s "$T/err"
expect 0 "review -q" "$JX" review -q "$T/t.xlsx"
check "review -q: nothing printed" test ! -s "$T/out" -a ! -s "$T/err"
mkdir -p "$T/batch"
cp "$T/warn.yaml" "$T/batch/a.yaml"
cp "$T/both.yaml" "$T/batch/b.yaml"
expect 1 "batch -q" "$JX" batch -q "$T/batch" -o "$T/s.xlsx" --db "$T/h.sqlite"
check "batch -q: the invalid file is still named" grep -q "b.yaml" "$T/err"
check "batch -q: no results on stdout" test ! -s "$T/out"
expect 0 "history -q" "$JX" history -q --db "$T/h.sqlite" -o "$T/trend.csv"
check "history -q: silent" test ! -s "$T/out" -a ! -s "$T/err"
check "history -q: exported" test -s "$T/trend.csv"
expect 0 "history" "$JX" history --db "$T/h.sqlite"
check "history lists without -q" test -s "$T/out"

# 4. Data lookup: --rules-dir DIR also names DIR/../templates for init (with
# or without a trailing slash); a folder of its own comes before the shipped one.
mkdir -p "$T/data/rules" "$T/data/templates"
cp "$SRC"/indicators/rules/*.yaml "$T/data/rules/"
{ echo "# 本单位模板"; cat "$SRC/indicators/templates/project.yaml"; } >"$T/data/templates/project.yaml"
for d in "$T/data/rules" "$T/data/rules/"; do
  expect 0 "init --rules-dir $d" "$JX" init project --rules-dir "$d"
  check "init --rules-dir $d: the sibling template" grep -q "^# 本单位模板" "$T/out"
done
expect 0 "init without --rules-dir" "$JX" init project
check "init: the shipped template" hasnt out "本单位模板"
JIXIAO_RULES_DIR=$T/data/rules "$JX" init project >"$T/out" 2>"$T/err"
check "init: \$JIXIAO_RULES_DIR's sibling template" grep -q "^# 本单位模板" "$T/out"

# 5. --version: the program's version (CMake's project version) and every
# shipped rule set with its version.
expect 0 "--version" "$JX" --version
want=$(sed -n 's/^project(jixiao VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
check "--version: program version $want" grep -qx "jixiao $want" "$T/out"
for f in "$SRC"/indicators/rules/*.yaml; do
  id=$(sed -n 's/^id: *\([^ #]*\).*/\1/p' "$f")
  v=$(sed -n 's/^version: *"\{0,1\}\([^" #]*\)"\{0,1\}.*/\1/p' "$f")
  check "rule set $id has a version" test -n "$v"
  check "--version lists $id $v" grep -q "^  $id  版本 $v  " "$T/out"
done
expect 0 "-V" "$JX" -V
check "-V = --version" grep -qx "jixiao $want" "$T/out"

echo "cli_usage: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
