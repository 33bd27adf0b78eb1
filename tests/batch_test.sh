#!/usr/bin/env bash
# End-to-end checks of `jixiao batch` and `jixiao history` as a finance
# bureau runs them: generated submissions with broken files among them, the
# summary workbook (layout, LibreOffice recalculation), identical output
# whatever --jobs is, the history database across two years, idempotent
# re-runs, --tables, and usage errors.
# Usage: batch_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
PY=/usr/bin/python3
INSPECT=$SRC/tests/tools/xlsx-check  # the project's own recalculation check
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }

# Submissions: 60 generated projects for 2021 and the same for 2022 (a fifth
# broken in varied ways), plus the seed project and department.
"$PY" "$SRC/bench/generate.py" 60 "$T/2021" --seed 7 --broken 0.2 --year 2021 --departments 6
"$PY" "$SRC/bench/generate.py" 60 "$T/2022" --seed 7 --broken 0.2 --year 2022 --departments 6
mkdir -p "$T/2022/seed"
cp "$SRC/indicators/examples/kepu-2022.yaml" "$SRC/indicators/examples/kexie-2022-department.yaml" "$T/2022/seed/"
nbroken=$(grep -c . "$T/2022/broken.txt")

# 1. A run with broken files: they are listed, the rest scored, exit 1.
"$JX" batch "$T/2022" -o "$T/汇总.xlsx" --json -j 2 >"$T/a.json" 2>"$T/a.err"
check "batch exit 1 with broken files" test $? -eq 1
check "summary workbook written" test -s "$T/汇总.xlsx"
check "every broken file invalid, every other scored" "$PY" - "$T/a.json" "$T/2022/broken.txt" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
broken = {l.split("\t")[0] for l in open(sys.argv[2]) if l.strip()}
invalid = {f["file"] for f in r["invalid"]}
assert invalid == broken, (invalid ^ broken)
assert r["files"] == 62 and r["scored"] == 62 - len(broken), (r["files"], r["scored"])
assert all(f["messages"] and ": 错误: " in f["messages"][0] + "".join(f["messages"]) for f in r["invalid"])
ranks = [x["rank"] for x in r["rows"] if x["kind"] == "project"]
totals = [x["total"] for x in r["rows"] if x["kind"] == "project"]
assert totals == sorted(totals, reverse=True) and ranks[0] == 1
dept = [x for x in r["rows"] if x["kind"] == "department"]
assert len(dept) == 1 and dept[0]["total"] == 89.6 and dept[0]["declared_score"] == 94.84
assert any(d["name"] == "攀枝花市科学技术协会" and d["department_total"] == 89.6 for d in r["departments"])
codes = {f["code"] for x in r["rows"] for f in x["findings"]}
assert {"declared-total-differs", "target-too-low", "items-sum"} <= codes, codes
assert sum(r["grades"].values()) == sum(1 for x in r["rows"] if x["kind"] == "project")
PYEOF
check "invalid files named on stderr" grep -q "无效，未评分" "$T/a.err"

# 2. The same output whatever --jobs is.
"$JX" batch "$T/2022" -o "$T/汇总1.xlsx" --json -j 1 >"$T/b.json" 2>/dev/null
check "json identical for -j1 and -j2" cmp -s "$T/a.json" "$T/b.json"
check "workbook identical for -j1 and -j2" cmp -s "$T/汇总.xlsx" "$T/汇总1.xlsx"

# 3. The workbook: sheets, frozen header, filter, grade colours, charts, formulas.
check "summary layout" "$PY" - "$T/汇总.xlsx" <<'PYEOF'
import sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["汇总", "按部门", "等级分布", "问题清单", "无效文件"], wb.sheetnames
s = wb["汇总"]
assert s["A1"].value == "2022年度绩效自评汇总", s["A1"].value
heads = [c.value for c in s[2]]
for h in ["排名", "主管部门", "实施单位", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率",
          "预算执行得分", "产出指标得分", "效益指标得分", "满意度指标得分", "计算总分", "自评得分", "自评−计算",
          "等级", "上年得分", "较上年", "问题"]:
    assert h in heads, h
assert s.freeze_panes == "F3", s.freeze_panes
assert s.auto_filter.ref and s.auto_filter.ref.startswith("A2:"), s.auto_filter.ref
rules = [r for rng in s.conditional_formatting for r in rng.rules]
assert len(rules) >= 4, len(rules)
assert s["A3"].value == 1
d = wb["按部门"]
assert [c.value for c in d[2]][:6] == ["主管部门", "项目数", "全年预算数（万元）", "全年执行数（万元）", "执行率", "加权平均得分"]
assert str(d["B3"].value).startswith("=COUNTIFS(")
p = wb["问题清单"]
assert [c.value for c in p[2]] == ["文件", "行", "主管部门", "项目名称", "指标", "问题类别", "代码", "说明"]
assert p.max_row > 3
i = wb["无效文件"]
assert i.max_row >= 3 and ": 错误: " in i["C3"].value
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
assert len(charts) == 2, charts
PYEOF
if [ -x "$INSPECT" ] || [ -f "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/汇总.xlsx" >"$T/recalc.txt" 2>&1
  check "summary formulas recalculate to their cached values" grep -q " 0 mismatched" "$T/recalc.txt"
  grep -q " 0 mismatched" "$T/recalc.txt" || cat "$T/recalc.txt" | tail -20
else
  bad "xlsx-inspect not found at $INSPECT"
fi

# 4. History: 2021 recorded, then 2022 shows last year's score; re-runs add nothing.
"$JX" batch "$T/2021" --db "$T/h.sqlite" -q >/dev/null 2>&1
check "2021 recorded (exit 1: broken files)" test $? -eq 1
"$JX" batch "$T/2022" --db "$T/h.sqlite" --json -o "$T/汇总2.xlsx" >"$T/c.json" 2>"$T/c.err"
check "2022 recorded" grep -q "新增" "$T/c.err"
check "prior year and change shown" "$PY" - "$T/c.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
with_prior = [x for x in r["rows"] if x["prior_total"] is not None]
assert len(with_prior) >= 30, len(with_prior)
assert all(abs(x["change"] - round(x["total"] - x["prior_total"], 2)) < 1e-9 for x in with_prior)
PYEOF
"$JX" batch "$T/2022" --db "$T/h.sqlite" -q >/dev/null 2>"$T/d.err"
"$JX" batch "$T/2022" --db "$T/h.sqlite" -v >/dev/null 2>"$T/d.err"
check "re-run adds nothing" grep -q "新增 0 条" "$T/d.err"
proj=$("$PY" -c "import json,sys; r=json.load(open(sys.argv[1])); print([x for x in r['rows'] if x['prior_total'] is not None][0]['project'])" "$T/c.json")
"$JX" history --db "$T/h.sqlite" --project "$proj" >"$T/h.txt" 2>&1
check "history exit 0" test $? -eq 0
check "history shows both years" grep -q "2021" "$T/h.txt"
check "history shows the change" grep -q "较上年" "$T/h.txt"
"$JX" history --db "$T/h.sqlite" -o "$T/trend.csv" >/dev/null 2>&1
check "history csv export with BOM and header" "$PY" -c "
import sys
b = open(sys.argv[1], 'rb').read()
assert b.startswith(b'\xef\xbb\xbf'), b[:10]
assert b.decode('utf-8-sig').splitlines()[0].startswith('主管部门,项目名称,年度,得分')
" "$T/trend.csv"
"$JX" history --db "$T/h.sqlite" -o "$T/trend.xlsx" >/dev/null 2>&1
check "history xlsx export" test -s "$T/trend.xlsx"
"$JX" history --db "$T/h.sqlite" --json >"$T/h.json" 2>/dev/null
check "history json" "$PY" -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r) > 40 and {'year','total','change'} <= set(r[0])" "$T/h.json"
"$JX" history --db "$T/none.sqlite" >/dev/null 2>&1
check "history of a missing database: exit 2" test $? -eq 2
check "missing database not created" test ! -e "$T/none.sqlite"

# 5. --tables: one 自评表 per scored submission, with safe names.
"$JX" batch "$T/2022" --tables "$T/tables" -q >/dev/null 2>&1
n=$(ls "$T/tables" | grep -c '\.xlsx$')
check "one table per scored submission" test "$n" -eq $((62 - nbroken))
check "department table named from the department" test -s "$T/tables/攀枝花市科学技术协会_部门整体支出.xlsx"

# 5b. Round trip on generated submissions: batch --tables → review finds
# nothing, and the reviewed totals are the batch's (declared scores removed
# first, since the engine's table carries what the unit declared).
mkdir -p "$T/rt"
cp -r "$T/2022" "$T/rt/in"
rm -rf "$T/rt/in/seed"
find "$T/rt/in" -name '*.yaml' -exec sed -i -E '/^declared_score:/d; s/, declared_score: [0-9.]+//' {} +
"$JX" batch "$T/rt/in" --tables "$T/rt/tables" --json -q >"$T/rt/batch.json" 2>/dev/null
"$JX" review "$T/rt/tables"/*.xlsx --json >"$T/rt/review.json" 2>/dev/null
check "review of the engine's own tables: exit 0" test $? -eq 0
check "round trip: review finds nothing and totals match the batch" "$PY" - "$T/rt/batch.json" "$T/rt/review.json" <<'PYEOF'
import json, sys
batch = json.load(open(sys.argv[1]))
review = json.load(open(sys.argv[2]))
totals = sorted(x["total"] for x in batch["rows"])
tables = [t for f in review for t in f["tables"]]
assert len(tables) == len(batch["rows"]) > 40, (len(tables), len(batch["rows"]))
assert all(f["ok"] and not f["errors"] for f in review)
assert all(not t["findings"] for t in tables), [t["findings"] for t in tables if t["findings"]][:2]
assert sorted(t["computed_total"] for t in tables) == totals
assert all(t["declared_total"] == t["computed_total"] for t in tables)
PYEOF

# 5c. direction: reverse on a bare target survives the round trip (the table shows "≤").
mkdir -p "$T/dir"
cat >"$T/dir/p.yaml" <<'YAML'
kind: project
year: 2022
rules: mof2020
project: 方向测试
department: 甲局
unit: 甲局
funds:
  total: {initial: 100, budget: 100, executed: 100}
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 差错数, weight: 40, target: "5个", actual: "8个", direction: reverse, note: 延误}
          - {name: 培训, weight: 50, target: "4场", actual: "3场", direction: positive, note: 延误}
YAML
"$JX" score "$T/dir/p.yaml" -o "$T/dir/p.xlsx" --json >"$T/dir/a.json" 2>/dev/null
"$JX" import "$T/dir/p.xlsx" -o "$T/dir/back.yaml" >/dev/null 2>&1
"$JX" score "$T/dir/back.yaml" --json >"$T/dir/b.json" 2>/dev/null
check "direction survives score → import → score" "$PY" -c "
import json, sys
a = json.load(open(sys.argv[1]))[0]; b = json.load(open(sys.argv[2]))[0]
assert a['total'] == b['total'], (a['total'], b['total'])
assert [i['score'] for i in a['indicators']] == [i['score'] for i in b['indicators']]
assert b['indicators'][0]['target'] == '≤5个', b['indicators'][0]['target']
" "$T/dir/a.json" "$T/dir/b.json"

# 6. Usage errors write nothing.
"$JX" batch "$T/no-such-dir" -o "$T/x.xlsx" >/dev/null 2>&1
check "missing path: exit 2" test $? -eq 2
check "missing path: nothing written" test ! -e "$T/x.xlsx"
"$JX" batch "$T/2022" -o "$T/x.txt" >/dev/null 2>&1
check "wrong output extension: exit 2" test $? -eq 2
cp "$T/汇总.xlsx" "$T/in.xlsx"
"$JX" batch "$T/in.xlsx" -o "$T/in.xlsx" >/dev/null 2>&1
check "an input named on the command line is never the output" test $? -eq 2
check "the input is left as it was" cmp -s "$T/汇总.xlsx" "$T/in.xlsx"
mkdir -p "$T/empty"
"$JX" batch "$T/empty" >/dev/null 2>&1
check "no submissions: exit 2" test $? -eq 2
"$JX" batch "$T/2022" --db "$T/empty" -o "$T/y.xlsx" >/dev/null 2>&1
check "database that cannot be opened: exit 2" test $? -eq 2
check "nothing written when the database fails" test ! -e "$T/y.xlsx"

# 6b. On a terminal, a progress line (done / total, rate, time left) on stderr.
if command -v script >/dev/null; then
  script -qec "'$JX' batch '$T/2022' -j 2" /dev/null >"$T/tty.txt" 2>&1
  check "progress line on a terminal" grep -q "评分 62/62，每秒" "$T/tty.txt"
fi
"$JX" batch "$T/2022" -j 2 >/dev/null 2>"$T/notty.err"
check "no progress line when stderr is not a terminal" bash -c "! grep -q '每秒' '$T/notty.err'"

# 7. A clean run exits 0.
mkdir -p "$T/clean" && cp "$SRC/indicators/examples/kepu-2022.yaml" "$T/clean/"
"$JX" batch "$T/clean" >"$T/clean.txt" 2>/dev/null
check "clean run exit 0" test $? -eq 0
check "text summary on stdout" grep -q "文件 1 个：已评分 1，无效 0" "$T/clean.txt"

# 7b. Review of a workbook whose formulas were saved without results (a program that does not
# calculate, e.g. openpyxl): a warning says so instead of silently reading the totals as empty.
"$JX" score "$SRC/indicators/examples/kepu-2022.yaml" -q -o "$T/k.xlsx" >/dev/null 2>&1
"$PY" -c "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])" "$T/k.xlsx" "$T/k2.xlsx"
"$JX" review "$T/k2.xlsx" >"$T/k2.txt" 2>&1
check "formulas without results are named" grep -q "公式单元格没有保存计算结果（如 H6）" "$T/k2.txt"
"$JX" review "$T/k.xlsx" >"$T/k1.txt" 2>&1
check "the engine's own workbook has results" bash -c "! grep -q '没有保存计算结果' '$T/k1.txt'"

# 8. The department's 决算图表 prints two chart blocks to a page (one page break per two blocks).
"$JX" score "$SRC/indicators/examples/kexie-2022-department.yaml" -q -o "$T/dept.xlsx" >/dev/null 2>&1
check "two page breaks on 决算图表" bash -c "unzip -p '$T/dept.xlsx' 'xl/worksheets/sheet*.xml' | grep -q 'rowBreaks count=\"2\"'"

echo "$pass passed, $fail failed"
test "$fail" -eq 0
