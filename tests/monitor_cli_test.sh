#!/usr/bin/env bash
# End-to-end checks of `jixiao monitor` (运行监控) as an officer and a script
# use it: the seed's illustrative 1-7月 snapshot in the terminal, as JSON
# (each positive indicator's v recomputed here from the rule text with
# Python's decimal module) and as the 执行监控表 workbook (LibreOffice
# recalculation with no mismatch, printed: page count, no overlapping text,
# readable size, heads on every page); missing months, bad months and bad
# files with their exit codes, and nothing written on bad input.
# Usage: monitor_cli_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
PY=/usr/bin/python3
TOOLS=$SRC/tests/tools
SEED=$SRC/indicators/examples/kepu-2022.yaml
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"
export COLUMNS=120

# 1. The terminal table.
"$JX" monitor "$SEED" --month 7 >"$T/out.txt" 2>"$T/err.txt"
check "seed month 7: exit 0" test $? -eq 0
check "table: the project's light" grep -q "^项目预警：黄灯" "$T/out.txt"
check "table: a blue indicator" grep -Eq "137.14 +蓝灯" "$T/out.txt"
check "table: the budget row" grep -Eq "^预算执行（万元） .*78.77 +黄灯$" "$T/out.txt"
check "table: nothing on stderr" test ! -s "$T/err.txt"
check "table: fits the width" "$PY" -c "
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
bad = [l for l in open(sys.argv[1], encoding='utf-8').read().splitlines() if w(l) > 120]
assert not bad, bad" "$T/out.txt"
"$JX" monitor "$SEED" --month 7 -q >"$T/q.txt" 2>&1
check "-q: silent" test ! -s "$T/q.txt"

# 2. JSON: the fields, and v recomputed independently.
"$JX" monitor "$SEED" --month 7 --json >"$T/m.json"
check "json exit 0" test $? -eq 0
check "json: fields and lights by the rule text" "$PY" - "$T/m.json" <<'PYEOF'
import json, re, sys
from decimal import Decimal, ROUND_HALF_UP
r = json.load(open(sys.argv[1]))
assert len(r) == 1
f = r[0]
assert f["month"] == 7 and f["light"] == "yellow" and f["light_label"] == "黄灯", f
assert f["budget_v"] == 78.77 and f["budget"]["light"] == "yellow" and f["budget"]["rate"] == 45.95, f["budget"]
assert f["errors"] == [] and f["warnings"] == []
inds = f["indicators"]
assert len(inds) == 15, len(inds)
for i in inds:
    assert set(i) >= {"path", "value", "forecast", "v", "light"}, i
    assert i["light"] in ("green", "yellow", "red", "blue"), i
def num(s):
    m = re.match(r"[≥>]?([0-9.]+)(万)?", s)
    return Decimal(m.group(1)) * (10000 if m.group(2) else 1)
def band(v):
    return "blue" if v >= 120 else "green" if v >= 80 else "yellow" if v >= 60 else "red"
checked = 0
for i in inds:
    if i["kind"] != "positive":
        assert i["v"] is None, i
        continue
    t, x = num(i["target"]), num(i["value"])
    if i["target"].endswith("%"):
        v = (x * 100 / t).quantize(Decimal("0.01"), ROUND_HALF_UP)
    else:
        v = (x * 1200 / (t * 7)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(str(i["v"])) == v, (i["path"], i["v"], v)
    assert i["light"] == band(v), (i["path"], i["light"], band(v))
    checked += 1
assert checked == 9, checked
worst = max([i["light"] for i in inds] + [f["budget"]["light"]], key=["blue", "green", "yellow", "red"].index)
assert worst == f["light"]
PYEOF

# 3. The workbook: recalculated with no mismatch, printed and looked at.
"$JX" monitor "$SEED" --month 7 -o "$T/监控表.xlsx" -q
check "workbook written" test -s "$T/监控表.xlsx"
check "workbook recalculates with no mismatch" "$TOOLS/xlsx-check" --recalc "$T/监控表.xlsx"
check "workbook: lights as words in coloured cells" "$PY" - "$T/监控表.xlsx" <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
cells = [c for row in ws.iter_rows() for c in row if c.value in ("绿灯", "黄灯", "红灯", "蓝灯")]
assert len(cells) == 17, len(cells)  # 15 indicators, the budget, the project
fills = {c.value: c.fill.fgColor.rgb for c in cells}
assert len(set(fills.values())) == len(fills), fills  # one colour per light
assert ws.print_title_rows, "indicator heads repeat on every page"
assert ws.page_setup.orientation == "landscape"
PYEOF
"$TOOLS/xlsx-pdf" "$T/pdf" "$T/监控表.xlsx" >/dev/null
check "printed: 3 pages, no overlap, readable, heads on every page" "$TOOLS/pdf-layout-check" --pages 3 \
  --every-page 项目支出绩效目标执行监控表 --every-page 偏差原因分析 --whole 完成目标 --whole 全年预计执行数 \
  --min-size 8 "$T/pdf/监控表.pdf"

# 4. Missing data and bad input: clear errors, exit codes, nothing written.
cp "$T/监控表.xlsx" "$T/keep.xlsx"
"$JX" monitor "$SEED" --month 6 -o "$T/监控表.xlsx" >"$T/o6.txt" 2>"$T/e6.txt"
check "no snapshot for month 6: exit 1" test $? -eq 1
check "no snapshot: the error names the months there are" grep -q "错误: 文件中没有 6 月的监控数据" "$T/e6.txt"
check "no snapshot: hint" grep -q "提示: 文件中有 7 月的数据" "$T/e6.txt"
check "no snapshot: nothing on stdout" test ! -s "$T/o6.txt"
check "no snapshot: the existing workbook untouched" cmp -s "$T/监控表.xlsx" "$T/keep.xlsx"
"$JX" monitor "$SEED" --month 6 --json >"$T/e6.json" 2>/dev/null
check "no snapshot --json: exit 1, the error in the array" "$PY" -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert r[0]['light'] is None and r[0]['errors'][0]['code'] == 'monitor-no-month', r" "$T/e6.json"
for m in 0 13 7.5 x; do
  "$JX" monitor "$SEED" --month "$m" >/dev/null 2>"$T/em.txt"
  check "--month $m: exit 2" test $? -eq 2
  check "--month $m: message" grep -q "month 应为 1～12 的月份" "$T/em.txt"
done
"$JX" monitor "$SEED" >/dev/null 2>"$T/nm.txt"
check "no --month: exit 2" test $? -eq 2
check "no --month: named" grep -q "缺少 --month" "$T/nm.txt"
"$JX" monitor "$T/none.yaml" --month 7 >/dev/null 2>&1
check "missing file: exit 2" test $? -eq 2
"$JX" monitor "$SRC/indicators/examples/kexie-2022-department.yaml" --month 7 >/dev/null 2>"$T/d.txt"
check "department file: exit 1" test $? -eq 1
check "department file: explained" grep -q "运行监控只用于项目" "$T/d.txt"
sed 's/possibility: 确定能}/possibility: 肯定能}/; s/reasons: \[其他\]/reasons: [经费不足]/' "$SEED" >"$T/bad.yaml"
"$JX" monitor "$T/bad.yaml" --month 7 -o "$T/bad.xlsx" >/dev/null 2>"$T/bad.txt"
check "bad words: exit 1" test $? -eq 1
check "bad words: every one reported" test "$(grep -c '错误:' "$T/bad.txt")" -ge 10
check "bad words: with position" grep -q "bad.yaml:[0-9]*:[0-9]*: 错误: 指标“走访对接县（区）”7 月的完成目标可能性“肯定能”不是规定的选项" "$T/bad.txt"
check "bad input: no workbook" test ! -e "$T/bad.xlsx"
"$JX" monitor "$SEED" "$T/bad.yaml" --month 7 >"$T/mix.txt" 2>/dev/null
check "good and bad files: exit 1, the good one's table still printed" test $? -eq 1
check "good and bad: table" grep -q "^项目预警：黄灯" "$T/mix.txt"
"$JX" monitor "$SEED" --month 7 -o "$SEED" >/dev/null 2>&1
check "output may not be the input" test $? -eq 2
"$JX" monitor "$SEED" --month 7 -o "$T/x.csv" >/dev/null 2>&1
check "output must be .xlsx" test $? -eq 2

# 5. Year end: the seed's snapshot adds no warning to its self-evaluation.
"$JX" score "$SEED" --json >"$T/s.json" 2>/dev/null
check "score: no monitoring warning on the seed" "$PY" -c "
import json, sys
w = [x['code'] for x in json.load(open(sys.argv[1]))[0]['warnings']]
assert not [c for c in w if c.startswith('monitor')], w" "$T/s.json"

echo "$pass passed, $fail failed"
test "$fail" -eq 0
