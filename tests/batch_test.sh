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
source "$SRC/tests/harness.sh"

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
# 运行监控: the seed's illustrative 1-7月 snapshot gives its latest light; files without snapshots have none.
lit = {x["project"]: (x["light"], x["light_month"]) for x in r["rows"] if x["light"] is not None}
assert lit == {"省级科普专项经费": ("yellow", 7)}, lit
assert all("light" in x and "light_month" in x for x in r["rows"])
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
assert wb.sheetnames == ["总览", "汇总", "按部门", "等级分布", "变动较大", "问题清单", "退回重报"], wb.sheetnames
o = wb["总览"]
labels = [o.cell(row=i, column=1).value for i in range(1, 40)]
for l in ["年度", "收到自评文件（份）", "无效，退回重报（份）", "平均得分（项目）", "预算加权平均得分（项目）", "预算执行率"]:
    assert l in labels, l
s = wb["汇总"]
assert s["A1"].value == "2022年度绩效自评汇总", s["A1"].value
heads = [c.value for c in s[2]]
for h in ["排名", "主管部门", "实施单位", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率",
          "预算执行得分", "产出指标得分", "效益指标得分", "满意度指标得分", "计算总分", "自评得分", "自评−计算",
          "等级", "监控预警", "上年得分", "较上年", "问题"]:
    assert h in heads, h
assert heads.index("监控预警") == heads.index("等级") + 1  # beside the score and grade
lights = [row[heads.index("监控预警")].value for row in s.iter_rows(min_row=3) if row[heads.index("监控预警")].value]
assert lights == ["黄灯（7月）"], lights
assert s.freeze_panes == "D3", s.freeze_panes
assert "$A$1:$O$" in str(s.print_area), s.print_area  # the reader's columns only
assert s.page_setup.orientation == "landscape"
assert s.auto_filter.ref and s.auto_filter.ref.startswith("A2:"), s.auto_filter.ref
rules = [r for rng in s.conditional_formatting for r in rng.rules]
assert len(rules) >= 4, len(rules)
assert s["A3"].value == 1
d = wb["按部门"]
assert [c.value for c in d[2]][:10] == ["排名", "主管部门", "已评分项目", "无效文件", "全年预算数（万元）",
                                       "全年执行数（万元）", "执行率", "加权平均得分", "上年加权平均", "较上年"]
assert str(d["C3"].value).startswith("=SUMPRODUCT(EXACT(")
assert d["A3"].value == 1
p = wb["问题清单"]
assert [c.value for c in p[2]] == ["文件", "行", "主管部门", "项目名称", "指标", "问题类别", "代码", "说明"]
assert p.max_row > 3
i = wb["退回重报"]
assert i.max_row >= 3 and ": 错误: " in i["E3"].value
assert any(i.cell(row=k, column=2).value not in (None, "（无法读出）") for k in range(3, i.max_row + 1))
assert all(i.row_dimensions[k].height for k in range(3, i.max_row + 1))  # rows tall enough for wrapped text
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
assert b.decode('utf-8-sig').splitlines()[0] == '主管部门,项目名称,2021年,2022年,较上年', b.decode('utf-8-sig').splitlines()[0]
" "$T/trend.csv"
"$JX" history --db "$T/h.sqlite" -o "$T/trend.xlsx" >/dev/null 2>&1
check "history xlsx export" test -s "$T/trend.xlsx"
"$JX" history --db "$T/h.sqlite" --json >"$T/h.json" 2>/dev/null
check "history json" "$PY" -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r) > 40 and {'year','total','change'} <= set(r[0])" "$T/h.json"
"$JX" history --db "$T/h.sqlite" --json --aggregates >"$T/ha.json" 2>/dev/null
check "history json --aggregates: records unchanged, departments' weighted means by year" "$PY" - "$T/ha.json" "$T/h.json" "$T/c.json" <<'PYEOF'
import json, sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP
a = json.load(open(sys.argv[1]))
assert set(a) == {"records", "departments"}, a.keys()
assert a["records"] == json.load(open(sys.argv[2]))
deps = a["departments"]
assert deps and all(set(d) == {"department", "year", "weighted_mean", "projects", "change"} for d in deps)
assert {d["year"] for d in deps} == {2021, 2022}
# 2022, independently: Σ total × budget / Σ budget over each department's project rows (plain mean when Σ budget is 0).
acc = defaultdict(list)
for r in json.load(open(sys.argv[3]))["rows"]:
    if r["kind"] == "project":
        acc[r["department"]].append((Decimal(str(r["total"])), Decimal(str(r["budget"]))))
got = {d["department"]: d for d in deps if d["year"] == 2022}
assert set(got) == set(acc), (set(got) ^ set(acc))
for dep, xs in acc.items():
    sb = sum(b for _, b in xs)
    want = (sum(t * b for t, b in xs) / sb) if sb else sum(t for t, _ in xs) / len(xs)
    want = want.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(str(got[dep]["weighted_mean"])).quantize(Decimal("0.01")) == want, (dep, got[dep], want)
    assert got[dep]["projects"] == len(xs)
# change: this year's minus last year's, when both are stored.
by = {(d["department"], d["year"]): d for d in deps}
for d in deps:
    p = by.get((d["department"], d["year"] - 1))
    if p is None:
        assert d["change"] is None
    else:
        assert abs(d["change"] - round(d["weighted_mean"] - p["weighted_mean"], 2)) < 1e-9, d
assert any(d["change"] is not None for d in deps)
PYEOF
"$JX" history --db "$T/none.sqlite" >/dev/null 2>&1
check "history of a missing database: exit 2" test $? -eq 2
check "missing database not created" test ! -e "$T/none.sqlite"

# 5. --tables: one 自评表 per scored submission, with safe names.
"$JX" batch "$T/2022" --tables "$T/tables" -q >/dev/null 2>&1
n=$(ls "$T/tables" | grep -c '\.xlsx$')
check "one table per scored submission" test "$n" -eq $((62 - nbroken))
check "department table named from the year and the department" test -s "$T/tables/2022_攀枝花市科学技术协会_部门整体支出.xlsx"

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
check "text summary on stdout" grep -q "收到 1 份：已评分 1（项目 1），无效 0" "$T/clean.txt"

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

# 9. Two years in one run: summarised and ranked per year, never pooled.
"$JX" batch "$T/2021" "$T/2022" -o "$T/两年.xlsx" --json --movers 0 -j 2 >"$T/y2.json" 2>/dev/null
check "two years: exit 1 (broken files)" test $? -eq 1
check "two years: one summary per year, 2022 compared with 2021" "$PY" - "$T/y2.json" "$T/2022/broken.txt" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["years"] == [2021, 2022], r.get("years")
a, b = r["summaries"]
assert a["year"] == 2021 and b["year"] == 2022
assert all(x["year"] == 2021 for x in a["rows"]) and all(x["year"] == 2022 for x in b["rows"])
assert a["overview"]["prior_mean"] is None and b["overview"]["prior_mean"] is not None
# Independent recomputation of the overview from the rows.
from decimal import Decimal, ROUND_HALF_UP
q = lambda x: Decimal(x).quantize(Decimal("0.01"), ROUND_HALF_UP)
def means(rows):
    p = [x for x in rows if x["kind"] == "project"]
    tot = sum(Decimal(str(x["total"])) for x in p)
    bud = sum(Decimal(str(x["budget"])) for x in p)
    w = sum(Decimal(str(x["total"])) * Decimal(str(x["budget"])) for x in p)
    return len(p), q(tot / len(p)), q(w / bud)
n, mean, wmean = means(b["rows"])
o = b["overview"]
assert o["projects"] == n and Decimal(str(o["mean"])) == mean and Decimal(str(o["weighted_mean"])) == wmean, (o, mean, wmean)
pn, pmean, pwmean = means(a["rows"])
assert Decimal(str(o["prior_mean"])) == pmean and Decimal(str(o["prior_weighted_mean"])) == pwmean
assert o["received"] == o["scored"] + o["invalid"] == b["files"]
# Findings are counted by project, not by finding.
for f in o["findings"]:
    projects = [x for x in b["rows"] if x["kind"] == "project" and any(g["code"] == f["code"] for g in x["findings"])]
    assert f["projects"] == len(projects), f
# Department ranking: rank by weighted mean, change against last year.
ranked = [d for d in b["departments"] if d["projects"]]
assert [d["rank"] for d in ranked][0] == 1
assert all(d["change"] is None or abs(d["change"] - round(d["weighted_mean"] - d["prior_weighted_mean"], 2)) < 1e-9 for d in ranked)
# Movers (threshold 0): every project with a prior score that changed, largest change first.
moved = [x for x in b["rows"] if x["prior_total"] is not None and x["total"] != x["prior_total"]]
assert len(b["movers"]) == len(moved), (len(b["movers"]), len(moved))
ch = [abs(m["change"]) for m in b["movers"]]
assert ch == sorted(ch, reverse=True)
# The invalid files carry what they say they are.
broken = {l.split("\t")[0] for l in open(sys.argv[2]) if l.strip()}
inv = {f["file"]: f for f in b["invalid"]}
assert broken <= set(inv), broken - set(inv)
assert sum(1 for f in inv.values() if f["department"]) >= len(inv) // 2, [f["department"] for f in inv.values()]
assert all(f["cause"] for f in inv.values())
PYEOF
check "two years: sheet sets per year" "$PY" -c "
import openpyxl, sys
names = openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames
assert names[0] == '2021年总览' and '2022年汇总' in names and '2022年退回重报' in names, names" "$T/两年.xlsx"
if [ -f "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/两年.xlsx" >"$T/recalc2.txt" 2>&1
  check "two-year workbook recalculates to its cached values" grep -q " 0 mismatched" "$T/recalc2.txt"
fi
"$JX" batch "$T/2021" "$T/2022" -j 2 >"$T/y2.txt" 2>/dev/null
check "terminal names the years found" grep -q "本次共有 2 个年度：2021、2022" "$T/y2.txt"
check "terminal lists each invalid file once" "$PY" -c "
import sys, collections
lines = [l for l in open(sys.argv[1], encoding='utf-8') if l.startswith('无效：')]
files = collections.Counter(l.split(':')[0] for l in lines)
assert lines and max(files.values()) == 1, files.most_common(3)" "$T/y2.txt"

# 10. Department names full of wildcards and comparison signs: the workbook
# recalculates to the engine's counts and sums (no COUNTIFS criteria).
mkdir -p "$T/wild"
"$PY" "$SRC/bench/generate.py" 36 "$T/wild/in" --seed 11 --year 2022 --departments 6 >/dev/null
"$PY" - "$T/wild/in" <<'PYEOF'
import os, re, sys
names = ["财政*", "财?局", "<>财政局", "~财政局", "财政局", "=财政局", ">1", "ABC局", "abc局", "*", "?", "~*"]
i = 0
for root, _, files in sorted(os.walk(sys.argv[1])):
    for f in sorted(files):
        if not f.endswith(".yaml"):
            continue
        p = os.path.join(root, f)
        s = open(p, encoding="utf-8", errors="surrogateescape").read()
        s = re.sub(r"(?m)^department: .*$", 'department: "%s"' % names[i % len(names)].replace('"', ''), s)
        i += 1
        open(p, "w", encoding="utf-8", errors="surrogateescape").write(s)
PYEOF
"$JX" batch "$T/wild/in" -o "$T/wild/s.xlsx" --json -j 2 >"$T/wild/s.json" 2>/dev/null
check "wildcard names: department counts are exact" "$PY" -c "
import json, sys, collections
r = json.load(open(sys.argv[1]))
c = collections.Counter(x['department'] for x in r['rows'] if x['kind'] == 'project')
assert {d['name']: d['projects'] for d in r['departments'] if d['projects']} == dict(c)
assert c['ABC局'] and c['abc局']" "$T/wild/s.json"
if [ -f "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/wild/s.xlsx" >"$T/wild/recalc.txt" 2>&1
  check "wildcard names: no formula recalculates differently" grep -q " 0 mismatched" "$T/wild/recalc.txt"
fi

# 11. Data safety: no run loses or corrupts data.
EX=$SRC/indicators/examples/kepu-2022.yaml
mkdir -p "$T/s/in"
cp "$EX" "$T/s/in/p.yaml"
count_runs() { "$PY" -c "import sqlite3,sys; print(sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True).execute('select count(*) from run').fetchone()[0])" "$1"; }
"$JX" batch "$T/s/in" --db "$T/s/h.xlsx" -q >/dev/null 2>&1
cp "$T/s/h.xlsx" "$T/s/h.keep"
"$JX" batch "$T/s/in" --db "$T/s/h.xlsx" -o "$T/s/h.xlsx" >/dev/null 2>&1
check "batch -o the database: exit 2" test $? -eq 2
check "batch -o the database: database unchanged" cmp -s "$T/s/h.xlsx" "$T/s/h.keep"
"$JX" batch "$T/s/in" --db "$T/s/h.xlsx" -o "$T/s/H.XLSX" >/dev/null 2>&1
check "batch -o the database in other case: exit 2" test $? -eq 2
ln -s "$T/s/h.xlsx" "$T/s/link.xlsx"
"$JX" batch "$T/s/in" --db "$T/s/h.xlsx" -o "$T/s/link.xlsx" >/dev/null 2>&1
check "batch -o a link to the database: exit 2" test $? -eq 2
check "database still unchanged" cmp -s "$T/s/h.xlsx" "$T/s/h.keep"
cp "$T/s/h.xlsx" "$T/s/t.csv"
"$JX" history --db "$T/s/t.csv" -o "$T/s/t.csv" >/dev/null 2>&1
check "history -o the database: exit 2" test $? -eq 2
check "history -o the database: unchanged" cmp -s "$T/s/t.csv" "$T/s/h.keep"
# An attached project named like the output.
mkdir -p "$T/s/dept"
sed 's|^  - kepu-2022.yaml.*|  - proj.xlsx|' "$SRC/indicators/examples/kexie-2022-department.yaml" >"$T/s/dept/d.yaml"
cp "$EX" "$T/s/dept/proj.xlsx"
"$JX" batch "$T/s/dept" -o "$T/s/dept/proj.xlsx" >/dev/null 2>&1
check "attached project as the summary: exit 2" test $? -eq 2
check "attached project unchanged" cmp -s "$T/s/dept/proj.xlsx" "$EX"
# A submission named like its own table, and -o onto a table of the run.
mkdir -p "$T/s/own"
cp "$EX" "$T/s/own/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx"
"$JX" batch "$T/s/own/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx" --tables "$T/s/own" >/dev/null 2>&1
check "an input named like its table: exit 2" test $? -eq 2
check "that input unchanged" cmp -s "$T/s/own/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx" "$EX"
"$JX" batch "$T/s/in" --tables "$T/s/tab1" -o "$T/s/tab1/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx" --db "$T/s/new.sqlite" >/dev/null 2>&1
check "-o onto a table of the run: exit 2" test $? -eq 2
check "-o onto a table: no tables folder left" test ! -e "$T/s/tab1"
check "a failed run leaves no new database file" test ! -e "$T/s/new.sqlite"
check "no temporary files left" test -z "$(ls -A "$T/s" | grep tmp)"
# The database commits last: when the summary cannot be put in place, the
# history has not recorded the run.
before=$(count_runs "$T/s/h.xlsx")
mkdir -p "$T/s/dir.xlsx"
"$JX" batch "$T/s/in" --db "$T/s/h.xlsx" -o "$T/s/dir.xlsx" >/dev/null 2>&1
check "summary over a folder: exit 2" test $? -eq 2
check "summary over a folder: run not recorded" test "$(count_runs "$T/s/h.xlsx")" -eq "$before"
# A database that refuses the run (here a trigger): exit 2, no tables, no
# summary, nothing recorded.
cp "$T/s/h.keep" "$T/s/refuse.sqlite"
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"CREATE TRIGGER no BEFORE INSERT ON submission BEGIN SELECT RAISE(ABORT,'refused'); END\"); c.commit()" "$T/s/refuse.sqlite"
cp "$EX" "$T/s/in/p2.yaml" && sed -i 's/^project: .*/project: 另一个项目/' "$T/s/in/p2.yaml"
"$JX" batch "$T/s/in" --db "$T/s/refuse.sqlite" --tables "$T/s/tab2" -o "$T/s/out2.xlsx" >/dev/null 2>&1
check "database refuses: exit 2" test $? -eq 2
check "database refuses: no tables folder" test ! -e "$T/s/tab2"
check "database refuses: no summary" test ! -e "$T/s/out2.xlsx"
check "database refuses: nothing left behind" test -z "$(ls -A "$T/s" | grep tmp)"
mkdir -p "$T/s/tab3"
echo old >"$T/s/tab3/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx"
echo mine >"$T/s/tab3/notes.txt"
"$JX" batch "$T/s/in" --db "$T/s/refuse.sqlite" --tables "$T/s/tab3" >/dev/null 2>&1
check "database refuses, existing tables folder: exit 2" test $? -eq 2
check "existing tables folder exactly as it was" test "$(cd "$T/s/tab3" && ls | tr '\n' ' ')" = "2022_攀枝花市科学技术协会_省级科普专项经费.xlsx notes.txt "
check "existing table not replaced" grep -qx old "$T/s/tab3/2022_攀枝花市科学技术协会_省级科普专项经费.xlsx"
"$JX" batch "$T/s/in" --tables "$T/s/tab3" -q >/dev/null 2>&1
check "a good run replaces the old table and keeps other files" test "$(ls "$T/s/tab3" | wc -l)" -eq 3
# year: 0 and a department of 1800: invalid files, the rest scored and recorded.
mkdir -p "$T/s/years"
cp "$EX" "$T/s/years/ok.yaml"
sed 's/^year: .*/year: 0/; s/^project: .*/project: 零年项目/' "$EX" >"$T/s/years/zero.yaml"
sed 's/^year: .*/year: 1800/; s|^  - kepu-2022.yaml.*|  - '"$EX"'|' "$SRC/indicators/examples/kexie-2022-department.yaml" >"$T/s/years/dept.yaml"
"$JX" validate "$T/s/years/zero.yaml" >/dev/null 2>&1
check "validate refuses year: 0" test $? -eq 1
"$JX" validate "$T/s/years/dept.yaml" >/dev/null 2>&1
check "validate refuses a department of 1800" test $? -eq 1
"$JX" batch "$T/s/years" --db "$T/s/years.sqlite" -o "$T/s/years.xlsx" --json >"$T/s/years.json" 2>/dev/null
check "bad years: exit 1, not 2" test $? -eq 1
check "bad years: listed invalid, the good file recorded" "$PY" -c "
import json, sqlite3, sys
r = json.load(open(sys.argv[1]))
assert sorted(f['file'].rsplit('/', 1)[1] for f in r['invalid']) == ['dept.yaml', 'zero.yaml'], r['invalid']
assert r['scored'] == 1
assert sqlite3.connect(sys.argv[2]).execute('select count(*) from submission').fetchone()[0] == 1" "$T/s/years.json" "$T/s/years.sqlite"
# --tables: names unique as Windows and macOS see them (case, full width, NFC).
mkdir -p "$T/s/names"
i=0
for d in "Äpfel" "äpfel" "$(printf 'A\xcc\x88pfel')" "Ｄ局" "ｄ局" "Café" "$(printf 'Cafe\xcc\x81')" "CAFÉ" "D局" "Ωmega" "ωMEGA"; do
  i=$((i + 1))
  sed "s/^department: .*/department: \"$d\"/" "$EX" >"$T/s/names/p$i.yaml"
done
"$JX" batch "$T/s/names" --tables "$T/s/names-out" -q >/dev/null 2>&1
check "generated names: one table each" test "$(ls "$T/s/names-out" | wc -l)" -eq "$i"
check "table names distinct under case folding and NFC" "$PY" -c "
import os, sys, unicodedata
names = os.listdir(sys.argv[1])
keys = {unicodedata.normalize('NFC', unicodedata.normalize('NFD', n).casefold()) for n in names}
assert len(keys) == len(names), sorted(names)" "$T/s/names-out"
# history is read-only: an old schema is not migrated, a missing file not created.
"$PY" - "$T/s/old.sqlite" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""CREATE TABLE submission (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, year INTEGER NOT NULL,
  department TEXT NOT NULL, unit TEXT NOT NULL, project TEXT NOT NULL, rules TEXT NOT NULL, total TEXT NOT NULL,
  grade TEXT NOT NULL, file TEXT NOT NULL);
CREATE TABLE finding (submission_id INTEGER NOT NULL, code TEXT NOT NULL, line INTEGER NOT NULL,
  indicator TEXT NOT NULL, message TEXT NOT NULL);
PRAGMA user_version = 1;""")
c.commit()
PYEOF
cp "$T/s/old.sqlite" "$T/s/old.keep"
"$JX" history --db "$T/s/old.sqlite" >/dev/null 2>"$T/s/old.err"
check "history of an old database: exit 2" test $? -eq 2
check "history of an old database: not migrated" cmp -s "$T/s/old.sqlite" "$T/s/old.keep"
check "history of an old database: says how to upgrade" grep -q "batch" "$T/s/old.err"
# CSV export: text that a spreadsheet would run is neutralised.
mkdir -p "$T/s/csv"
sed 's/^department: .*/department: "=HYPERLINK(\\"http:\/\/x\\",\\"点\\")"/; s/^project: .*/project: "+1-1"/' "$EX" >"$T/s/csv/p.yaml"
"$JX" batch "$T/s/csv" --db "$T/s/csv.sqlite" -q >/dev/null 2>&1
"$JX" history --db "$T/s/csv.sqlite" -o "$T/s/csv.csv" >"$T/s/csv.out" 2>&1
check "history -o prints one line" test "$(wc -l <"$T/s/csv.out")" -eq 1
check "CSV formula cells neutralised" "$PY" -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
cells = [c for r in rows[1:] for c in r[:2]]
assert cells and all(not c or c[0] not in '=+-@' for c in cells), cells
assert \"'=HYPERLINK\" in ''.join(cells)" "$T/s/csv.csv"

# 12. Only invalid files: a summary with the 退回重报 list, every formula recalculates.
mkdir -p "$T/allbad"
echo "garbage: [" >"$T/allbad/a.yaml"
printf 'year: 2023\ndepartment: 甲局\nproject: 乙\n' >"$T/allbad/b.yaml"
"$JX" batch "$T/allbad" -o "$T/allbad.xlsx" --json >"$T/allbad.json" 2>/dev/null
check "only invalid files: exit 1" test $? -eq 1
check "only invalid files: year and department read from the file" "$PY" -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert r['year'] == 2023 and r['scored'] == 0
b = [f for f in r['invalid'] if f['file'].endswith('b.yaml')][0]
assert b['department'] == '甲局' and b['project'] == '乙' and b['year'] == 2023, b" "$T/allbad.json"
if [ -f "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/allbad.xlsx" >"$T/allbad.txt" 2>&1
  check "only invalid files: workbook recalculates" grep -q " 0 mismatched" "$T/allbad.txt"
fi

# 13. A mixed inbox: YAML beside .xlsx and .xls workbooks (BIFF8, BIFF5 in
# codepage 936, several tables per workbook and two stacked on one sheet),
# with broken workbooks among them. Every table is ranked with its declared
# score compared, every difference classified with the review classes, every
# bad file one line in 退回重报 with its reason, and the run goes on.
F=$SRC/tests/fixtures
mkdir -p "$T/mix/sub"
cp "$SRC/indicators/examples/kepu-2022.yaml" "$F/real-mof.xls" "$F/real-sichuan-95.xls" "$F/stacked.xls" \
  "$F/mof-merged.xlsx" "$F/truncated.xls" "$F/freexl-crash.xls" "$F/encrypted.xlsx" "$F/empty.xlsx" "$F/no-table.xlsx" \
  "$F/not-a-zip.xlsx" "$F/formulas.xlsx" "$T/mix/"
cp "$F/stacked.xlsx" "$T/mix/sub/"
cp "$F/real-mof.xlsx" "$T/mix/sub/~\$real-mof.xlsx"  # a lock file of an open workbook: passed over
"$JX" batch "$T/mix" -o "$T/mix.xlsx" --json -j 2 >"$T/mix.json" 2>"$T/mix.err"
check "mixed inbox: exit 1 (bad files listed)" test $? -eq 1
check "mixed inbox: every table ranked, declared compared, every bad file listed" "$PY" - "$T/mix.json" "$T/mix" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
d = sys.argv[2] + "/"
r = r if "summaries" in r else {"summaries": [r]}
s = [x for x in r["summaries"] if x["year"] == 2022][0]
rows = {x["file"].replace(d, ""): x for x in s["rows"]}
want = {"kepu-2022.yaml", "real-mof.xls:项目支出绩效自评表", "real-sichuan-95.xls:510000_0013zp",
        "stacked.xls:两个项目", "stacked.xls:两个项目!A26", "stacked.xls:四川",
        "sub/stacked.xlsx:两个项目", "sub/stacked.xlsx:两个项目!A26", "sub/stacked.xlsx:四川", "mof-merged.xlsx:自评表"}
assert set(rows) == want, set(rows) ^ want
assert sorted(x["rank"] for x in s["rows"]) == sorted(x["rank"] for x in s["rows"]) and all(x["rank"] > 0 for x in s["rows"])
for f, x in rows.items():
    if f.endswith(".yaml"):
        continue
    assert x["declared_score"] is not None and x["difference"] is not None, f
m = rows["mof-merged.xlsx:自评表"]
assert m["declared_score"] == 89.5 and m["total"] == 97.12, (m["declared_score"], m["total"])
codes = {f["code"] for f in m["findings"]}
for c in ("rounded-whole", "full-despite-shortfall", "above-weight", "deduction-although-met", "outside-band", "total-differs"):
    assert c in codes, (c, codes)
assert "declared-row-differs" not in codes and "declared-total-differs" not in codes, codes
labels = {f["code"]: f["label"] for f in m["findings"]}
assert labels["rounded-whole"] == "得分取整", labels
assert rows["stacked.xls:两个项目!A26"]["project"] == "省级科普专项经费（二期）"
assert rows["real-sichuan-95.xls:510000_0013zp"]["department"] == "攀枝花市科学技术协会"
assert rows["real-sichuan-95.xls:510000_0013zp"]["rules"] == "sichuan2023"
invalid = {}
for x in r["summaries"]:
    for f in x["invalid"]:
        invalid[f["file"].replace(d, "")] = f
want = {"truncated.xls": ("bad-workbook", "损坏"), "freexl-crash.xls": ("bad-workbook", "异常终止"), "encrypted.xlsx": ("bad-workbook", "密码"),
        "empty.xlsx": ("bad-workbook", "空"), "not-a-zip.xlsx": ("bad-workbook", "不是 Excel 工作簿"),
        "no-table.xlsx:说明": ("unrecognised-sheet", "找不到三级指标"),
        "formulas.xlsx:项目支出绩效自评表": ("formula-without-result", "没有保存计算结果")}
assert set(invalid) == set(want), set(invalid) ^ set(want)
for f, (cause, text) in want.items():
    assert invalid[f]["cause"] == cause and text in invalid[f]["messages"][0], (f, invalid[f])
    assert ": 错误: " in invalid[f]["messages"][0], invalid[f]
PYEOF
check "mixed inbox: a summary workbook written" test -s "$T/mix.xlsx"
check "mixed inbox: the summary's 问题清单 names review classes" "$PY" -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = [wb[n] for n in wb.sheetnames if n.endswith('问题清单')][0]
labels = {r[5] for r in ws.iter_rows(min_row=3, values_only=True)}
assert {'得分取整', '未完成仍给满分', '总分与计算不符'} <= labels, labels" "$T/mix.xlsx"
if [ -f "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/mix.xlsx" >"$T/mix.txt" 2>&1
  check "mixed inbox: workbook recalculates" grep -q " 0 mismatched" "$T/mix.txt"
fi
# The summary may not overwrite a workbook among the inputs.
"$JX" batch "$T/mix" -o "$T/mix/real-mof.xls" -q >/dev/null 2>"$T/mix-out.err"
check "mixed inbox: -o on an input workbook refused (exit 2)" test $? -eq 2
check "mixed inbox: the input workbook untouched" cmp -s "$F/real-mof.xls" "$T/mix/real-mof.xls"

# A workbook with no table at all: one line naming each sheet and what it lacks.
mkdir -p "$T/mix2"
"$PY" -c "
import openpyxl, sys
wb = openpyxl.Workbook(); wb.active.title = '说明'; wb.active['A1'] = '各单位自评表见附件'
wb.save(sys.argv[1])" "$T/mix2/附件说明.xlsx"
cp "$F/real-mof.xls" "$T/mix2/"
"$JX" batch "$T/mix2" --json >"$T/mix2.json" 2>/dev/null
check "no table: exit 1" test $? -eq 1
check "no table: one line with each sheet's missing labels" "$PY" -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert r['scored'] == 1, r['scored']
(f,) = r['invalid']
assert f['cause'] == 'no-table' and '说明（缺项目名称、三级指标' in f['messages'][0], f" "$T/mix2.json"
# review and import take .xls as .xlsx.
"$JX" review "$F/real-sichuan-95.xls" >"$T/rv.out" 2>&1
check "review .xls (BIFF5): exit 0, nothing found" test $? -eq 0
check "review .xls (BIFF5): clean" grep -q "未发现问题" "$T/rv.out"
"$JX" import "$F/real-mof.xls" -o "$T/from-xls.yaml" 2>/dev/null
check "import .xls: exit 0" test $? -eq 0
check "import .xls: scores 100" sh -c "'$JX' score '$T/from-xls.yaml' --json | '$PY' -c 'import json,sys; r=json.load(sys.stdin); r=r[0] if isinstance(r,list) else r; assert r[\"total\"] == 100, r[\"total\"]'"

# 14. The values branch's codes: warnings are finding kinds (问题清单, 总览
# counted per project and department); 乱码 and an ambiguous fraction make a
# file invalid, counted by cause in the 总览 and labelled on 退回重报.
mkdir -p "$T/codes"
sed 's/^  expected: .*/  expected: "示例：请替换为年度目标"/' "$EX" >"$T/codes/tmpl.yaml"
sed '0,/target: "≥5个"/s//target: "5"/; 0,/actual: "5个"/s//actual: "5%"/' "$EX" >"$T/codes/nounit.yaml"
sed '0,/target: "≥5个"/s//target: "≥98%"/; 0,/actual: "5个"/s//actual: "0.985"/' "$EX" >"$T/codes/fraction.yaml"
"$PY" -c "
import sys
s = open(sys.argv[1], encoding='utf-8').read()
open(sys.argv[2], 'w', encoding='utf-8').write(''.join(c.encode('gbk').decode('latin-1') if ord(c) > 127 else c for c in s))
" "$EX" "$T/codes/mojibake.yaml"
for f in dept-percent-as-ratio dept-rate-implausible dept-same-figure-differs; do
  sed "s/^department: .*/department: $f/" "$SRC/tests/bad/$f.yaml" >"$T/codes/$f.yaml"
done
"$JX" batch "$T/codes" -o "$T/codes.xlsx" --json >"$T/codes.json" 2>"$T/codes.err"
check "new codes: exit 1 (two invalid files)" test $? -eq 1
check "new codes: findings, overview reach and invalid causes" "$PY" - "$T/codes.json" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
o = s["overview"]
reach = {f["code"]: f for f in o["findings"]}
for code, projects, departments in [("template-text", 1, 1), ("target-without-unit", 1, 1),
                                    ("percent-fact-as-ratio", 0, 1), ("rate-implausible", 0, 1),
                                    ("same-figure-differs", 0, 1)]:
    r = reach[code]
    assert r["label"] and (r["projects"], r["departments"]) == (projects, departments), (code, r)
codes = {f["code"] for row in s["rows"] for f in row["findings"]}
assert {"template-text", "target-without-unit", "percent-fact-as-ratio", "rate-implausible", "same-figure-differs"} <= codes, codes
causes = {c["code"]: c for c in o["invalid_causes"]}
assert causes["gbk-mojibake"]["files"] == 1 and causes["gbk-mojibake"]["departments"] == 0 and causes["gbk-mojibake"]["label"].startswith("文字乱码（编码错误）"), causes["gbk-mojibake"]
assert causes["ambiguous-fraction"]["files"] == 1 and causes["ambiguous-fraction"]["departments"] == 1, causes
assert sum(c["files"] for c in causes.values()) == o["invalid"] == 2
PYEOF
check "new codes: 总览 and 退回重报 name the causes in Chinese" "$PY" - "$T/codes.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ov = [[c for c in r if c is not None] for r in wb["总览"].iter_rows(values_only=True)]
flat = [r for r in ov if r]
def row(label):
    return next(r for r in flat if r[0] == label)
assert row("模板文字未替换")[1:3] == [1, 1], row("模板文字未替换")
assert row("同一数字两处不一致")[1:3] == [0, 1], row("同一数字两处不一致")
assert row("文字乱码（编码错误）")[1:3] == [1, 0], row("文字乱码（编码错误）")
assert row("完成值含义不明")[1:3] == [1, 1], row("完成值含义不明")
ret = [r[0] for r in wb["退回重报"].iter_rows(min_row=3, values_only=True) if r[0]]
assert any(x.startswith("文字乱码（编码错误）（gbk-mojibake）") for x in ret), ret
codes = {r[6] for r in wb["问题清单"].iter_rows(min_row=3, values_only=True)}
assert {"template-text", "target-without-unit", "rate-implausible"} <= codes, codes
PYEOF
"$JX" batch "$T/codes" >"$T/codes.txt" 2>&1
check "new codes: the terminal names the causes" grep -q "退回原因：.*文字乱码（编码错误）（gbk-mojibake） 1 份" "$T/codes.txt"

echo "$pass passed, $fail failed"
test "$fail" -eq 0
