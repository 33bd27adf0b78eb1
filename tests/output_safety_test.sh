#!/usr/bin/env bash
# Output safety, end to end: text that looks like a formula is written as a
# string cell; names from the input become safe sheet names; an input is
# never overwritten (same path spelt differently, symlink, hard link, an
# attached project file); a failed write leaves no temporary file and the
# old output untouched; a file over 16 MB is refused.
# Usage: output_safety_test.sh JIXIAO SOURCE_DIR
set -u
JX=$(realpath "$1")
SRC=$2
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
check() { local name=$1; shift; if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi; }

# 1. Formula-looking text from the input stays text.
cat >"$T/f.yaml" <<'YAML'
kind: project
year: 2022
rules: mof2020
project: "=HYPERLINK(\"http://example.com\",\"点此\")"
department: "+1+1"
unit: "@SUM(1)"
funds:
  total: {initial: 10, budget: 10, executed: 10}
  reason: "-2+3"
goals: {expected: "=1/0", achieved: "@A1"}
indicators:
  - name: 产出指标
    weight: 50
    children:
      - name: "=数量指标"
        weight: 50
        children:
          - {name: "=SUM(A1:A9)", weight: 50, target: "≥5个", actual: 5个, note: "=cmd|' /C calc'!A0"}
  - name: 效益指标
    weight: 30
    children:
      - name: 社会效益指标
        children:
          - {name: "-社会效益", weight: 30, target: 明显, actual: 明显, grade: 达成}
  - name: 满意度指标
    weight: 10
    children:
      - name: 满意度
        children:
          - {name: "+满意度", weight: 10, target: "≥90%", actual: 95%}
YAML
"$JX" score -q "$T/f.yaml" -o "$T/f.xlsx" >/dev/null 2>"$T/f.err"
check "formula-looking input scores" test $? -eq 0
check "formula-looking text is string cells" "$PY" - "$T/f.xlsx" <<'PYEOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
shared = z.read("xl/sharedStrings.xml").decode()
texts = ['=HYPERLINK("http://example.com","点此")', "+1+1", "@SUM(1)", "=1/0", "@A1", "=数量指标",
         "=SUM(A1:A9)", "=cmd|' /C calc'!A0", "-社会效益", "+满意度"]
esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
for t in texts:
    assert esc(t) in shared or t in shared, t
formulas = []
for n in sheets:
    formulas += re.findall(r"<f>(.*?)</f>", z.read(n).decode())
# Only the engine's own formulas (=F6/E6, ROUND, SUM…), never the input's text.
for f in formulas:
    for t in texts:
        assert t.lstrip("=+-@") not in f or f.startswith(("SUM(", "ROUND(", "F", "G", "H", "I")), (f, t)
    assert "HYPERLINK" not in f and "cmd" not in f and "1/0" not in f, f
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
for t in ["=SUM(A1:A9)", "-社会效益", "+满意度"]:
    assert t in cells, t
PYEOF

# Very long text: rows no taller than Excel allows (409 points).
/usr/bin/python3 - "$SRC/tests/bad/ok-baseline.yaml" "$T/long.yaml" <<'PYEOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("note: 部分活动改为线上开展", "note: |\n              " + "部分活动改为线上开展，" * 900)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PYEOF
"$JX" score -q "$T/long.yaml" -o "$T/long.xlsx" >/dev/null 2>&1
check "long text scores" test $? -eq 0
check "row heights within Excel's 409 points" "$PY" -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
hs = [d.height for d in ws.row_dimensions.values() if d.height]
assert hs and max(hs) <= 409, max(hs)" "$T/long.xlsx"

# 2. Names from the input become safe, unique sheet names.
sed 's|^project: .*|project: "a/b:c*d?[e]\\\\f'"'"'"|' "$T/f.yaml" >"$T/n1.yaml"
cp "$T/n1.yaml" "$T/n2.yaml"
"$JX" score -q "$T/n1.yaml" "$T/n2.yaml" -o "$T/n.xlsx" >/dev/null 2>&1
check "odd project names score" test $? -eq 0
check "sheet names made safe and unique" "$PY" -c "
import openpyxl, sys
names = openpyxl.load_workbook(sys.argv[1]).sheetnames
assert names == ['a／b：c＊d？［e］＼f', 'a／b：c＊d？［e］＼f(2)'], names" "$T/n.xlsx"

# 3. An input is never overwritten, however the output path is spelt.
EX=$SRC/indicators/examples/kepu-2022.yaml
mkdir -p "$T/d/sub"
cp "$EX" "$T/d/in.xlsx"   # a YAML file with an unlucky name
cp "$T/d/in.xlsx" "$T/d/keep"
"$JX" score -q "$T/d/in.xlsx" -o "$T/d/sub/../in.xlsx" >/dev/null 2>&1
check "different spelling refused" test $? -eq 2
ln -s "$T/d/in.xlsx" "$T/d/link.xlsx"
"$JX" score -q "$T/d/in.xlsx" -o "$T/d/link.xlsx" >/dev/null 2>&1
check "symlink to the input refused" test $? -eq 2
ln "$T/d/in.xlsx" "$T/d/hard.xlsx"
"$JX" score -q "$T/d/in.xlsx" -o "$T/d/hard.xlsx" >/dev/null 2>&1
check "hard link to the input refused" test $? -eq 2
(cd "$T/d" && "$JX" score -q in.xlsx -o ./in.xlsx >/dev/null 2>&1)
check "relative spelling refused" test $? -eq 2
check "input unchanged" cmp -s "$T/d/in.xlsx" "$T/d/keep"
# A department's attached project file is an input too.
DEPT=$SRC/indicators/examples/kexie-2022-department.yaml
mkdir -p "$T/dept"
sed 's|^  - kepu-2022.yaml|  - proj.xlsx|' "$DEPT" >"$T/dept/d.yaml"
cp "$EX" "$T/dept/proj.xlsx"
cp "$EX" "$T/dept/proj.keep"
if grep -q "proj.xlsx" "$T/dept/d.yaml"; then
  "$JX" score -q "$T/dept/d.yaml" -o "$T/dept/proj.xlsx" >/dev/null 2>&1
  check "attached project refused as output" test $? -eq 2
  check "attached project unchanged" cmp -s "$T/dept/proj.xlsx" "$T/dept/proj.keep"
else
  fail=$((fail + 1)); echo "FAIL: department example has no attached project line to rewrite"
fi

# 4. A failed write leaves no temporary file, and a good old output stays.
mkdir -p "$T/w/out.xlsx"   # a folder where the workbook should go: rename fails
"$JX" score -q "$EX" -o "$T/w/out.xlsx" >/dev/null 2>&1
check "write over a folder fails" test $? -eq 2
check "no temporary file left" test -z "$(ls -A "$T/w" | grep -v '^out.xlsx$')"
"$JX" score -q "$EX" -o "$T/w/good.xlsx" >/dev/null 2>&1
cp "$T/w/good.xlsx" "$T/w/good.keep"
chmod 555 "$T/w"
"$JX" score -q "$EX" -o "$T/w/good.xlsx" >/dev/null 2>&1
rc=$?
chmod 755 "$T/w"
if [ "$(id -u)" -ne 0 ]; then
  check "read-only folder: exit 2" test $rc -eq 2
  check "read-only folder: old output untouched" cmp -s "$T/w/good.xlsx" "$T/w/good.keep"
fi
check "no temporary file left after all" test -z "$(ls -A "$T/w" | grep '\.tmp-')"

# 5. A file over 16 MB is refused before it is read.
truncate -s 17M "$T/big.yaml"
"$JX" validate "$T/big.yaml" >/dev/null 2>"$T/big.err"
check "file over 16 MB: exit 1 (a limit is bad input)" test $? -eq 1
check "file over 16 MB: message" grep -q "文件过大（17408 KB），上限为 16384 KB" "$T/big.err"

# 6. Thousands of problems: the first 200 are printed, then a count of the rest.
/usr/bin/python3 -c "
print('kind: project\nyear: 2022\nrules: mof2020\nproject: x\nindicators:')
for i in range(500): print('  - {name: 指标%d, wieght: 1}' % i)" >"$T/many.yaml"
"$JX" validate "$T/many.yaml" >/dev/null 2>"$T/many.err"
check "many problems: exit 1" test $? -eq 1
check "many problems: at most 200 printed" test "$(grep -c ': 错误: ' "$T/many.err")" -eq 200
check "many problems: the rest counted" grep -q "many.yaml: 另有 [0-9]* 条问题未列出" "$T/many.err"

echo "$pass passed, $fail failed"
test "$fail" -eq 0
