#!/usr/bin/env bash
# End-to-end checks of the jixiao command as a user runs it: exit codes,
# the terminal table, --json, the workbook (layout, recalculation in
# LibreOffice), and that nothing is written when the input is bad.
# Usage: cli_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
EX=$SRC/indicators/examples/kepu-2022.yaml
PY=/usr/bin/python3
INSPECT=$SRC/tests/tools/xlsx-check  # the project's own recalculation check
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"

# 1. The example scores and prints its table.
"$JX" score "$EX" -o "$T/自评表.xlsx" >"$T/out.txt" 2>"$T/err.txt"
check "score exit 0" test $? -eq 0
check "total and grade printed" grep -q "总分 97.00  等级 优" "$T/out.txt"
check "budget line printed" grep -q "执行率 100.00%" "$T/out.txt"
check "items warning" grep -q "资金使用明细合计 89.57 万元，与全年执行数 89.66 万元相差 0.09 万元" "$T/out.txt"
check "workbook written" test -s "$T/自评表.xlsx"

# 2. --json has the contract's fields.
"$JX" score --json "$EX" >"$T/out.json"
check "json exit 0" test $? -eq 0
check "json fields" "$PY" - "$T/out.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
need = ["file", "kind", "name", "year", "rules", "total", "grade", "declared_score", "budget", "indicators", "warnings"]
assert all(k in r for k in need), [k for k in need if k not in r]
b = r["budget"]
assert all(k in b for k in ["initial", "budget", "executed", "rate", "weight", "score"])
assert b["initial"] == 135 and b["budget"] == 89.66 and b["executed"] == 89.66 and b["rate"] == 100 and b["score"] == 10
assert r["total"] == 97 and r["grade"] == "优" and r["rules"] == "mof2020" and r["declared_score"] is None
leaf = r["indicators"][0]
assert leaf["path"] == ["产出指标", "数量指标", "走访对接县（区）"], leaf["path"]
assert all(k in leaf for k in ["path", "weight", "target", "actual", "applicable", "score"])
assert any("89.57" in w["message"] for w in r["warnings"])
assert all(set(w) >= {"file", "line", "message"} for w in r["warnings"])
PYEOF

# 3. The workbook's layout is the 财预〔2020〕10号 table.
check "workbook layout" "$PY" - "$T/自评表.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
assert ws.title == "省级科普专项经费", ws.title
v = lambda c: ws[c].value
assert v("A1") == "项目支出绩效自评表" and v("A2") == "（2022年度）"
assert v("A3") == "项目名称" and v("C3") == "省级科普专项经费"
assert v("A4") == "主管部门" and v("F4") == "实施单位"
assert v("A5") == "项目资金\n（万元）"
assert [v(c + "5") for c in "DEFGHI"] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
assert [v("B%d" % r) for r in range(6, 10)] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
assert v("D6") == 135 and v("E6") == 89.66 and v("F6") == 89.66 and v("G6") == 10
assert v("H6") == "=F6/E6" and v("I6") == "=ROUND(MIN(F6/E6,1)*G6,2)"
assert v("G7") == "—" and v("I7") == "—" and v("H8") == "—"
assert v("A10") == "年度总体\n目标" and v("B10") == "预期目标" and v("F10") == "实际完成情况"
assert [v(c + "12") for c in "ABCDEFGHI"] == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析\n及改进措施"]
merged = {str(r) for r in ws.merged_cells.ranges}
for m in ["A1:I1", "A5:A9", "B6:C6", "A10:A11", "B10:E10", "F10:I10", "C3:I3"]:
    assert m in merged, m
assert v("B13") == "产出指标" and v("C13") == "数量指标" and v("D13") == "走访对接县（区）"
assert v("E13") == "≥5个" and v("F13") == "5个" and v("G13") == 5 and v("H13") == 5
assert any(r.startswith("B13:B") for r in merged) and any(r.startswith("C13:C") for r in merged)
rows = {ws.cell(r, 2).value: r for r in range(13, ws.max_row + 1) if ws.cell(r, 2).value}
total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
assert ws.cell(total_row, 7).value.startswith("=G6+"), ws.cell(total_row, 7).value
assert ws.cell(total_row, 8).value.startswith("=I6+")
assert ws.cell(total_row, 9).value == "自评等级：优"
subtotals = [r for r in range(13, total_row) if ws.cell(r, 3).value == "小计"]
assert len(subtotals) == 3 and all(ws.cell(r, 8).value.startswith("=SUM(") for r in subtotals)
assert ws["A1"].font.name == "宋体" and ws["D13"].font.name == "宋体"
assert ws["D13"].border.left.style == "thin"
assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
assert ws.print_title_rows == "$12:$12", ws.print_title_rows
assert ws.column_dimensions["I"].width >= 25 and ws["I%d" % rows["效益指标"]].alignment.wrap_text
PYEOF
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/自评表.xlsx" >"$T/recalc.txt" 2>&1
  check "LibreOffice recalculation matches" test $? -eq 0
  check "formulas were checked" grep -q "formulas checked, 0 mismatched" "$T/recalc.txt"
else
  bad "xlsx-inspect not found at $INSPECT"
fi

# 4. Same input, same workbook content (no clock in the output).
"$JX" score "$EX" -o "$T/again.xlsx" -q 2>/dev/null
mkdir -p "$T/u1" "$T/u2"
(cd "$T/u1" && unzip -q ../自评表.xlsx) && (cd "$T/u2" && unzip -q ../again.xlsx)
check "deterministic output" diff -r "$T/u1" "$T/u2"

# 5. Bad input: exit 1, every error, nothing written, an existing file untouched.
cat >"$T/bad.yaml" <<'YAML'
kind: project
year: 2022
rules: mof2020
project: 坏文件
funds: {total: {initial: 1, budget: 1, executed: 1}}
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 甲, wieght: 90, target: "≥5个", actual: "5场"}
YAML
echo "keep me" >"$T/existing.xlsx"
"$JX" score "$T/bad.yaml" -o "$T/existing.xlsx" >/dev/null 2>"$T/bad.err"
check "bad input exit 1" test $? -eq 1
check "existing file untouched" grep -q "keep me" "$T/existing.xlsx"
check "unknown key reported" grep -q "bad.yaml:11:23: 错误: 指标“甲”中有未知字段“wieght”" "$T/bad.err"
check "missing weight reported" grep -q "bad.yaml:11:20: 错误: 指标“甲”缺少分值" "$T/bad.err"
check "unit mismatch reported" grep -q "单位“场”与年度指标值的单位“个”不一致" "$T/bad.err"
"$JX" score "$T/bad.yaml" -o "$T/new.xlsx" >/dev/null 2>&1
check "no file written on bad input" test ! -e "$T/new.xlsx"
check "no temporary file left" test -z "$(ls -A "$T" | grep '\.tmp-')"

# 6. Usage and I/O errors: exit 2.
"$JX" score "$T/missing.yaml" >/dev/null 2>&1
check "missing file exit 2" test $? -eq 2
"$JX" score "$EX" -o "$EX" >/dev/null 2>&1
check "refuses to overwrite the input" test $? -eq 2
"$JX" frobnicate >/dev/null 2>&1
check "unknown subcommand exit 2" test $? -eq 2
"$JX" score "$EX" -o "$T/no/such/dir/x.xlsx" >/dev/null 2>&1
check "missing output folder exit 2" test $? -eq 2

# 7. Several files → one sheet each; validate.
cp "$EX" "$T/second.yaml"
"$JX" score "$EX" "$T/second.yaml" -o "$T/two.xlsx" -q 2>/dev/null
check "two files exit 0" test $? -eq 0
check "one sheet per file" "$PY" -c "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); assert wb.sheetnames==['省级科普专项经费','省级科普专项经费(2)'], wb.sheetnames" "$T/two.xlsx"
"$JX" validate "$EX" >"$T/v.txt"
check "validate exit 0" test $? -eq 0
check "validate says passed" grep -q "通过（2 条警告）" "$T/v.txt"

# 8. The department as a whole: facts → computed indicators, cross-checks, charts.
DEPT=$SRC/indicators/examples/kexie-2022-department.yaml
"$JX" score "$DEPT" -o "$T/部门.xlsx" >"$T/dept.txt" 2>"$T/dept.err"
check "department exit 0" test $? -eq 0
check "computed beside declared" grep -q "自报总分 94.84（自报 − 计算 = " "$T/dept.txt"
check "社保 items flagged" grep -q "= 42.59，相差 +94.99" "$T/dept.txt"
check "机关运行经费 change flagged" grep -q "= -25.56，.*= -20.36，相差 -5.20" "$T/dept.txt"
check "attached project listed" grep -q "省级科普专项经费  全年预算 89.66 万元  总分 97.00  优" "$T/dept.txt"
check "department workbook sheets" "$PY" - "$T/部门.xlsx" <<'PYEOF'
import sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["部门整体支出绩效自评表", "省级科普专项经费", "勾稽检查", "决算数据", "决算图表"], wb.sheetnames
ws = wb["部门整体支出绩效自评表"]
assert ws["A1"].value == "部门整体支出绩效自评表" and ws["A3"].value == "部门（单位）名称"
labels = [ws.cell(r, 2).value for r in range(5, 12)]
assert "按支出性质：基本支出" in labels and "按支出性质：项目支出" in labels, labels
rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
assert "总分" in rows and "单位自报总分" in rows
assert ws.cell(rows["单位自报总分"], 8).value == 94.84
assert ws.cell(rows["单位自报总分"], 9).value.startswith("=H")
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
assert len(charts) >= 4, charts
import re
allxml = "".join(z.read(n).decode() for n in charts)
cached = {round(float(x), 2) for x in re.findall(r"<c:v>(-?[0-9.Ee+-]+)</c:v>", allxml)}
for v in [580.86, 95.66, 500.53, 137.58, 0.81, 2.58, 676.52, 624.0]:
    assert v in cached, v
PYEOF
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/部门.xlsx" >"$T/recalc2.txt" 2>&1
  check "department recalculation matches" test $? -eq 0
fi
"$JX" score --json "$DEPT" >"$T/dept.json"
check "department json" "$PY" - "$T/dept.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["kind"] == "department" and r["declared_score"] == 94.84
assert r["difference"] == round(94.84 - r["total"], 2)
assert any(c["name"] and not c["ok"] for c in r["checks"])
assert len(r["projects"]) == 1 and r["projects"][0]["total"] == 97
leaf = next(i for i in r["indicators"] if "formula" in i)
assert leaf["inputs"] and "value" in leaf
PYEOF

# 9. Department bad input: every problem together, nothing written.
cat >"$T/baddept.yaml" <<'YAML'
kind: department
year: 2022
rules: mof2020
department: 坏部门
funds: {total: {initial: 1, budget: 1, executed: 1}}
facts:
  收入合计: 100
  甲: {formula: 乙 * 2}
  乙: {formula: 甲 / 2}
projects:
  - 不存在.yaml
indicators:
  - name: 过程
    children:
      - name: 预算执行
        children:
          - name: 预算完成率
            weight: 90
            formula: 收入总计 / 2
            scorer: {kind: steps, steps: [{min: 80%, points: 80}, {min: 90%, points: 90}]}
YAML
"$JX" score "$T/baddept.yaml" -o "$T/baddept.xlsx" >/dev/null 2>"$T/baddept.err"
check "bad department exit 1" test $? -eq 1
check "missing project reported" grep -q "baddept.yaml:11:5: 错误: 项目自评文件不存在" "$T/baddept.err"
check "cycle reported" grep -q "循环引用：甲 → 乙 → 甲" "$T/baddept.err"
check "unsorted steps reported" grep -q "阶梯评分的档次未排序" "$T/baddept.err"
check "unknown fact with did-you-mean" grep -q "公式中的事实“收入总计”未定义" "$T/baddept.err"
check "did you mean" grep -q "是否为“收入合计”" "$T/baddept.err"
check "nothing written for bad department" test ! -e "$T/baddept.xlsx"

# 10. init: an annotated starting file that scores as it stands, never overwriting.
"$JX" init department -o "$T/新部门.yaml" 2>/dev/null
check "init exit 0" test $? -eq 0
"$JX" score "$T/新部门.yaml" >/dev/null 2>&1
check "initialised file scores" test $? -eq 0
"$JX" init department --template dept-hunan -o "$T/湖南.yaml" 2>/dev/null && "$JX" score "$T/湖南.yaml" >/dev/null 2>&1
check "hunan template scores" test $? -eq 0
"$JX" init project -o "$T/项目.yaml" 2>/dev/null && "$JX" score "$T/项目.yaml" >/dev/null 2>&1
check "project template scores" test $? -eq 0
"$JX" init department -o "$T/新部门.yaml" >/dev/null 2>&1
check "init never overwrites" test $? -eq 2

# 11. import / review: submitted tables read back, recomputed and compared.
FX=$SRC/tests/fixtures
"$JX" score -q "$EX" -o "$T/rt.xlsx" >/dev/null 2>&1
"$JX" import "$T/rt.xlsx" -o "$T/rt.yaml" 2>"$T/import.err"
check "import exit 0" test $? -eq 0
"$JX" score --json "$EX" >"$T/rt-before.json" 2>/dev/null
"$JX" score --json "$T/rt.yaml" >"$T/rt-after.json" 2>/dev/null
check "round trip: imported file scores" test $? -eq 0
check "round trip: same scores" "$PY" - "$T/rt-before.json" "$T/rt-after.json" <<'PYEOF'
import json, sys
a, b = (json.load(open(f))[0] for f in sys.argv[1:3])
assert a["total"] == b["total"] and a["grade"] == b["grade"], (a["total"], b["total"])
assert a["budget"]["score"] == b["budget"]["score"]
assert [(i["path"], i["score"]) for i in a["indicators"]] == [(i["path"], i["score"]) for i in b["indicators"]]
assert b["declared_score"] == a["total"]
PYEOF
"$JX" review "$T/rt.xlsx" >"$T/rt-review.txt" 2>&1
check "review of the engine's own table exit 0" test $? -eq 0
check "review of the engine's own table finds nothing" grep -q "未发现问题" "$T/rt-review.txt"
"$JX" score -q "$DEPT" -o "$T/dept-rt.xlsx" >/dev/null 2>&1
"$JX" review --json "$T/dept-rt.xlsx" >"$T/dept-rt.json" 2>/dev/null
check "review of the department workbook: its project table, no findings" "$PY" - "$T/dept-rt.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r) == 1 and r[0]["ok"], r
t = r[0]["tables"]
assert [x["project"] for x in t] == ["省级科普专项经费"], t
assert t[0]["findings"] == [] and t[0]["computed_total"] == 97
PYEOF
"$JX" review "$FX/mof-merged.xlsx" >"$T/review.txt" 2>&1
check "review exit 0" test $? -eq 0
check "review: full marks despite shortfall, at the 得分 cell" grep -q "H14 .*培训人次 .*未完成仍给满分" "$T/review.txt"
check "review: rounded to a whole number" grep -q "设备验收合格率 .*9.00 .*9.78 .*得分取整" "$T/review.txt"
check "review: deduction although met" grep -q "演出合格率 .*已完成仍扣分" "$T/review.txt"
check "review: total" grep -q "自报总分 89.50（良）  按规则 97.12（优）  相差 -7.62" "$T/review.txt"
"$JX" review --json "$FX/sichuan-split.xlsx" "$FX/not-a-zip.xlsx" "$FX/weights-first.xlsx" "$FX/raw-doctype.xlsx" \
  -o "$T/复核结果.xlsx" >"$T/review.json" 2>"$T/review.err"
check "review with bad files exit 1" test $? -eq 1
check "bad file named" grep -q "not-a-zip.xlsx: 错误: 不是 Excel 工作簿" "$T/review.err"
check "DOCTYPE refused" grep -q "raw-doctype.xlsx: 错误: .*DOCTYPE" "$T/review.err"
check "review json: the good files still reviewed" "$PY" - "$T/review.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert [f["ok"] for f in r] == [True, False, True, False]
codes = lambda f: [x["code"] for x in f["tables"][0]["findings"]]
assert codes(r[0]) == ["budget-left-out", "total-differs"], codes(r[0])
assert codes(r[2]) == ["weights-not-100", "total-not-sum", "total-differs"], codes(r[2])
t = r[0]["tables"][0]
assert t["declared_total"] == 86.67 and t["computed_total"] == 96.27
assert t["rows"][0]["path"] == ["预算执行率"] and t["rows"][0]["cell"] == "H6"
PYEOF
check "review workbook" "$PY" - "$T/复核结果.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[0] == "复核汇总" and len(wb.sheetnames) == 3, wb.sheetnames
s = wb["复核汇总"]
assert s["B3"].value.endswith("sichuan-split.xlsx") and s["E3"].value == 86.67 and s["F3"].value == 96.27
assert s["E3"].fill.fgColor.rgb.endswith("FFC7CE")
assert s["C4"].value == "无法复核"
t = wb.worksheets[1]
assert [t.cell(row=3, column=c).value for c in range(1, 12)] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自报得分", "计算得分", "差异", "问题类别", "说明"]
PYEOF
"$JX" review "$FX/mof-merged.xlsx" -o "$T/m.xlsx" >/dev/null 2>&1
check "differing cells highlighted" "$PY" - "$T/m.xlsx" <<'PYEOF'
import sys, openpyxl
t = openpyxl.load_workbook(sys.argv[1]).worksheets[1]
rows = {t.cell(row=r, column=3).value: r for r in range(4, t.max_row + 1)}
red = lambda r, c: t.cell(row=r, column=c).fill.fgColor.rgb.endswith("FFC7CE")
assert red(rows["设备验收合格率"], 7) and red(rows["设备验收合格率"], 8)
assert not red(rows["群众满意度"], 7)
assert t.cell(row=rows["设备验收合格率"], column=10).value == "得分取整"
PYEOF
"$JX" import "$FX/no-table.xlsx" -o "$T/none.yaml" >/dev/null 2>"$T/none.err"
check "import without a table exit 1" test $? -eq 1
check "no table reported" grep -q "no-table.xlsx: 错误: 工作簿中找不到项目支出绩效自评表（工作表：说明）" "$T/none.err"
check "nothing written without a table" test ! -e "$T/none.yaml"
"$JX" import "$FX/sichuan-split.xlsx" >"$T/sc.yaml" 2>/dev/null && "$JX" validate -q "$T/sc.yaml" >/dev/null 2>&1
check "imported Sichuan table validates" test $? -eq 0
"$JX" import "$T/rt.xlsx" -o "$T/rt.xlsx" >/dev/null 2>&1
check "import refuses to overwrite its input" test $? -eq 2
"$JX" import "$T/rt.xlsx" -o "$T/rt.txt" >/dev/null 2>&1
check "import wants .yaml" test $? -eq 2
"$JX" review "$T/missing.xlsx" >/dev/null 2>&1
check "review of a missing file exit 2" test $? -eq 2

"$PY" - "$FX/mof-merged.xlsx" "$T/两表.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet("坏表")
for row in [["项目名称", "坏项目"], [None, "全年预算数", "全年执行数"], ["年度资金总额", 1, 1],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "甲", "≥1个", "1个", None, 5]]:
    ws.append(row)
wb.save(sys.argv[2])
PYEOF
"$JX" review --json "$T/两表.xlsx" >"$T/two-tables.json" 2>"$T/two-tables.err"
check "a bad table beside a good one: exit 1" test $? -eq 1
check "the bad table's cell named" grep -q "两表.xlsx:坏表!F5: 错误: 指标“甲”没有分值" "$T/two-tables.err"
check "the good table still reviewed" "$PY" -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; assert not r['ok'] and [t['sheet'] for t in r['tables']]==['自评表'], r" "$T/two-tables.json"
"$JX" import "$T/两表.xlsx" --sheet 自评表 -o "$T/good.yaml" 2>/dev/null
check "import --sheet picks the good table" test $? -eq 0
"$JX" review --json --rules hubei2022 "$FX/two-row-header.xlsx" >"$T/hubei.json" 2>/dev/null
check "review --rules: another rule set" "$PY" -c "import json,sys; t=json.load(open(sys.argv[1]))[0]['tables'][0]; assert any(f['code']=='weights-not-100' for f in t['findings']), t['findings']" "$T/hubei.json"

# 20. The Sichuan form (510000_0013zp) for rules: sichuan2023.
SC=$SRC/indicators/examples/kepu-2022-sichuan.yaml
"$JX" score "$SC" -o "$T/四川.xlsx" >"$T/sc.txt" 2>&1
check "sichuan example scores" test $? -eq 0
check "sichuan example: no error" bash -c '! grep -q "错误" "$1"' _ "$T/sc.txt"
check "sichuan total as the MOF version" grep -q "总分 97.00  等级 优" "$T/sc.txt"
check "sichuan form layout" "$PY" - "$T/四川.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
cached = openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]
v = lambda c: ws[c].value
assert v("A1") == "部门预算项目支出绩效自评表（2022年度）", v("A1")
assert v("A2") == "项目名称" and v("B2") == "51040022R000000000001-省级科普专项经费"
assert v("A3") == "主管部门" and v("E3") == "实施单位（盖章）" and v("G3") == "攀枝花市科学技术协会"
assert v("A4") == "项目基本情况" and v("B4") == "1.项目年度目标完成情况"
assert v("E4") == "项目年度目标" and v("I4") == "年度目标完成情况" and v("E5").startswith("坚持以习近平")
assert v("B6") == "2.项目实施内容及过程概述" and v("E6").startswith("项目包括")
assert v("A7") == "预算执行情况（10分）" and v("B7") == "年度预算数（万元）"
assert [v(c + "7") for c in "DEGHIJK"] == ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
assert [v("B%d" % r) for r in range(8, 13)] == ["总额", "其中：财政资金", "财政专户管理资金", "单位资金", "其他资金"]
assert v("D8") == 135 and v("E8") == 89.66 and v("G8") == 89.66 and v("I8") == 10
assert v("H8") == "=IF(E8=0,0,G8/E8)" and v("J8") == "=ROUND(MIN(G8/E8,1)*I8,2)"
assert v("D9") == 135 and v("E9") == 89.66 and v("G9") == 89.66
for r in range(9, 13):
    assert v("I%d" % r) == "/" and v("J%d" % r) == "/", r
for r in range(10, 13):
    assert v("E%d" % r) == 0 and cached["H%d" % r].value == 0 and ws["H%d" % r].number_format == "0.00%", r
assert v("K8").startswith("年中按省科协备案调整预算")
assert v("A13") == "绩效指标（90分）"
assert [v(c + "13") for c in "BCDEFGHIJK"] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]
assert [v(c + "14") for c in "BCDEFGHIJ"] == ["产出指标", "数量指标", "走访对接县（区）", "≥", "5", "个", "5个", 5, 5]
rows = {ws.cell(r, 4).value: r for r in range(14, ws.max_row + 1)}
assert [ws.cell(rows["科普活动受益群众"], c).value for c in (5, 6, 7)] == ["≥", "1", "万人次"]
assert [ws.cell(rows["项目支出成本控制"], c).value for c in (5, 6, 7)] == ["≤", "89.66", "万元"]
assert [ws.cell(rows["项目完成时限"], c).value for c in (5, 6)] == ["≤", "2022年12月31日前"]
assert [ws.cell(rows["全民科学素质提升"], c).value for c in (5, 6)] == ["定性", "有效提升"]
assert [ws.cell(rows["服务对象满意度"], c).value for c in (5, 6, 7)] == ["≥", "90", "%"]
labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
t = labels["合计"]
assert ws.cell(t, 9).value == "=I8+SUM(I14:I%d)" % (t - 1), ws.cell(t, 9).value
assert ws.cell(t, 10).value == "=J8+SUM(J14:J%d)" % (t - 1), ws.cell(t, 10).value
assert cached.cell(t, 9).value == 100 and cached.cell(t, 10).value == 97 and ws.cell(t, 11).value == "自评等级：优"
for name, field in [("评价结论", "市科协2022年度专项项目绩效评价良好"), ("存在问题", "存在全年支出进度不均衡"), ("改进措施", "继续认真贯彻落实")]:
    assert ws.cell(labels[name], 2).value.startswith(field), name
assert labels["项目负责人"] == t + 4 and ws.cell(t + 4, 5).value == "财务负责人"
merged = {str(r) for r in ws.merged_cells.ranges}
for m in ["A1:K1", "B2:K2", "B3:D3", "E3:F3", "G3:K3", "A4:A6", "B4:D5", "E4:H4", "I4:K4", "E5:H5", "I5:K5", "B6:D6", "E6:K6",
          "A7:A12", "B7:C7", "E7:F7", "B8:C8", "E8:F8", "E12:F12", "K8:K12", "A%d:H%d" % (t, t)]:
    assert m in merged, m
# 绩效指标, 一级 and 二级 are merged over their rows; a group split at a page
# break is merged on each page and shows its label there again.
def parts(col, top, bottom):
    rs = sorted((r.min_row, r.max_row) for r in ws.merged_cells.ranges
                if r.min_col == r.max_col == col and top <= r.min_row <= bottom)
    return rs, [ws.cell(a, col).value for a, _ in rs]
# 绩效指标 heads the repeated header row (A13) and frames the rows below,
# merged page by page (a merge starting in a repeated row would print twice).
rs, names = parts(1, 14, t - 1)
assert rs[0][0] == 14 and rs[-1][1] == t - 1 and all(a[1] + 1 == b[0] for a, b in zip(rs, rs[1:])), rs
assert not any(r.min_col == 1 and r.min_row == 13 for r in ws.merged_cells.ranges)
rs, names = parts(2, 14, 24)
assert rs[0][0] == 14 and rs[-1][1] == 24 and set(names) == {"产出指标"}, (rs, names)
rs, names = parts(3, 14, 20)
assert rs[0][0] == 14 and rs[-1][1] == 20 and set(names) == {"数量指标"}, (rs, names)
breaks = [b.id for b in ws.row_breaks.brk]
assert breaks, "the form is longer than a page: page breaks placed by the writer"
assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
assert ws.print_title_rows == "$13:$13", ws.print_title_rows
assert "省级科普专项经费" in ws.oddHeader.center.text and "2022年度" in ws.oddHeader.center.text
assert all(ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 18 for r in range(2, ws.max_row + 1))  # one line of 11-pt text (xlsx::row_points)
import re
text = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str) and not c.value.startswith("=")]
assert not any(re.search(r"[A-Za-z]{3,}", s) for s in text if not s.startswith("51040022R")), [s for s in text if re.search(r"[A-Za-z]{3,}", s)]
PYEOF
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/四川.xlsx" >"$T/recalc-sc.txt" 2>&1
  check "sichuan: LibreOffice recalculation matches" test $? -eq 0
  check "sichuan: formulas checked" grep -q "formulas checked, 0 mismatched" "$T/recalc-sc.txt"
fi

# A generated Sichuan project: every fund row, a row not applicable (the rescaled total), a declared total, leads.
cat >"$T/sc2.yaml" <<'YAML'
kind: project
year: 2023
rules: sichuan2023
code: 51000023R000000012345
project: 测试项目
department: 某厅
unit: 某中心
declared_score: 90
leads: {project: 张三, finance: 李四}
conclusion: 良好
funds:
  appropriation: {initial: 60, budget: 50, executed: 45}
  carryover: {initial: 10, budget: 10, executed: 10}
  special: {initial: 5, budget: 5, executed: 4}
  unit_funds: {initial: 3, budget: 3, executed: 3}
  other: {initial: 0, budget: 0, executed: 0}
  reason: 年中调减，采购延期
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 甲, weight: 30, target: "≥10个", actual: "9个", note: 少一个}
          - {name: 乙, weight: 20, target: "3～5场", actual: "4场"}
      - name: 成本指标
        children:
          - {name: 丙, weight: 10, target: "50万元", actual: "55万元", note: 超支}
  - name: 效益指标
    children:
      - name: 社会效益指标
        children:
          - {name: 丁, weight: 20, target: 明显改善, actual: 有所改善, grade: 部分达成, score: 13, note: 一般}
          - {name: 戊, weight: 10, applicable: false}
YAML
"$JX" score "$T/sc2.yaml" -o "$T/四川2.xlsx" --json >"$T/sc2.json" 2>"$T/sc2.err"
check "generated sichuan project scores" test $? -eq 0
check "generated sichuan form" "$PY" - "$T/四川2.xlsx" "$T/sc2.json" <<'PYEOF'
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
c = openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]
r = json.load(open(sys.argv[2]))[0]
assert ws["B2"].value == "51000023R000000012345-测试项目"
money = lambda row: [c["D%d" % row].value, c["E%d" % row].value, c["G%d" % row].value]
assert money(8) == [78, 68, 62] and money(9) == [70, 60, 55] and money(10) == [5, 5, 4] and money(11) == [3, 3, 3] and money(12) == [0, 0, 0]
assert abs(c["H8"].value - 62 / 68) < 1e-9 and c["J8"].value == r["budget"]["score"]
labels = {ws.cell(i, 1).value: i for i in range(1, ws.max_row + 1)}
rows = {ws.cell(i, 4).value: i for i in range(14, ws.max_row + 1)}
assert [ws.cell(rows["丙"], k).value for k in (5, 6, 7)] == ["≤", "50", "万元"]   # a bare 成本指标 target is a ceiling
assert [ws.cell(rows["乙"], k).value for k in (5, 6, 7)] == ["/", "3-5", "场"]
assert ws.cell(rows["戊"], 10).value == "不适用"
t = labels["合计"]
assert ws.cell(t, 10).value.startswith("=ROUND((J8+SUM("), ws.cell(t, 10).value
assert c.cell(t, 10).value == r["total"] and r["rescaled"]
d = labels["单位自报总分"]
assert c.cell(d, 10).value == 90 and abs(c.cell(d, 11).value - round(90 - r["total"], 2)) < 1e-9
assert ws.cell(labels["项目负责人"], 2).value == "张三" and ws.cell(labels["项目负责人"], 7).value == "李四"
assert ws.cell(labels["评价结论"], 2).value == "良好"
PYEOF
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/四川2.xlsx" >"$T/recalc-sc2.txt" 2>&1
  check "generated sichuan: recalculation matches" grep -q "formulas checked, 0 mismatched" "$T/recalc-sc2.txt"
fi

# score → import → score is the identity for the Sichuan form: the re-scored workbook shows the same
# cells (the imported file only adds the declared total, which the table printed) and review finds nothing.
DUMP='import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]
for row in ws.iter_rows(values_only=True):
    vals = [v if not isinstance(v, float) else round(v, 6) for v in row if v not in (None, "")]
    if vals and vals[0] != "单位自报总分": print("\t".join(str(v) for v in vals))'
for n in 四川 四川2; do
  "$JX" import "$T/$n.xlsx" -o "$T/$n-imported.yaml" >/dev/null 2>&1
  check "$n: import exit 0" test $? -eq 0
  check "$n: imported with its rule set" grep -q '^rules: "sichuan2023"' "$T/$n-imported.yaml"
  "$JX" score -q "$T/$n-imported.yaml" -o "$T/$n-again.xlsx" >/dev/null 2>&1
  check "$n: imported file scores" test $? -eq 0
  "$PY" -c "$DUMP" "$T/$n.xlsx" >"$T/$n-a.txt"
  "$PY" -c "$DUMP" "$T/$n-again.xlsx" >"$T/$n-b.txt"
  check "$n: score → import → score is the identity" diff "$T/$n-a.txt" "$T/$n-b.txt"
done
check "imported code and texts" grep -q '^code: "51040022R000000000001"' "$T/四川-imported.yaml"
check "imported leads" grep -q '^leads: {project: "张三", finance: "李四"}' "$T/四川2-imported.yaml"
"$JX" review "$T/四川.xlsx" >"$T/sc-review.txt" 2>&1
check "review of the Sichuan form: nothing found" grep -q "未发现问题" "$T/sc-review.txt"

# A department's attached Sichuan project is printed on the Sichuan form (the same dispatch as a project file).
mkdir -p "$T/dsc"
sed 's/^  - kepu-2022.yaml .*/  - kepu-2022-sichuan.yaml/' "$DEPT" >"$T/dsc/dept.yaml"
cp "$SC" "$T/dsc/kepu-2022-sichuan.yaml"
"$JX" score -q "$T/dsc/dept.yaml" -o "$T/dsc/部门.xlsx" >/dev/null 2>&1
check "department with a sichuan project: exit 0" test $? -eq 0
check "department: sichuan sheet" "$PY" -c "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['省级科普专项经费']; assert ws['A1'].value == '部门预算项目支出绩效自评表（2022年度）' and ws['A7'].value == '预算执行情况（10分）', ws['A1'].value; assert wb.worksheets[0]['A1'].value == '部门整体支出绩效自评表'" "$T/dsc/部门.xlsx"

# score --json: the Sichuan form's optional fields (null when absent, on project objects only).
"$JX" score --json "$SC" "$EX" "$T/dsc/dept.yaml" >"$T/form.json" 2>/dev/null
check "json: sichuan form fields" "$PY" - "$T/form.json" <<'PYEOF'
import json, sys
sc, mof, dept = json.load(open(sys.argv[1]))
keys = ["code", "content", "conclusion", "problems", "improvements", "leads"]
assert sc["code"] == "51040022R000000000001" and sc["conclusion"].startswith("市科协2022年度"), sc["code"]
assert all(sc[k] for k in ["content", "problems", "improvements"])
assert all(mof[k] is None for k in keys), [mof[k] for k in keys]
assert "special" in sc["budget"] and "unit_funds" in sc["budget"]
assert mof["budget"]["special"] is None and mof["budget"]["unit_funds"] is None
assert not any(k in dept for k in keys) and "special" not in dept["budget"]
assert dept["projects"][0]["code"] == "51040022R000000000001"
PYEOF
sed -e 's/^code: .*/code: "5104X"/' -e '/^conclusion:/d' "$SC" >"$T/form2.yaml"
printf 'leads: {project: "张三", finance: "李四"}\n' >>"$T/form2.yaml"
"$JX" score --json "$T/form2.yaml" >"$T/form2.json" 2>"$T/form2.err"
check "json: leads and special given" "$PY" - "$T/form2.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["leads"] == {"project": "张三", "finance": "李四"}, r["leads"]
assert r["conclusion"] is None and r["code"] == "5104X"
assert r["budget"]["special"] == {"initial": 0, "budget": 0, "executed": 0}, r["budget"]["special"]
PYEOF

# validate --json: score --json's per-file objects without scores, bad files included, exit 1.
printf 'kind: project\nyear: 2022\n' >"$T/v-bad.yaml"
"$JX" validate --json "$EX" "$T/v-bad.yaml" "$DEPT" >"$T/v.json" 2>"$T/v.err"
check "validate --json: exit 1 with a bad file" test $? -eq 1
check "validate --json: per-file objects" "$PY" - "$T/v.json" "$T/v-bad.yaml" <<'PYEOF'
import json, sys
good, bad, dept = json.load(open(sys.argv[1]))
for o in (good, bad, dept):
    assert {"file", "kind", "name", "year", "rules", "department", "unit", "valid", "errors", "warnings"} <= set(o), o.keys()
    assert not {"total", "grade", "budget", "indicators"} & set(o), o.keys()
assert good["valid"] is True and good["errors"] == [] and good["name"] == "省级科普专项经费"
assert any("89.57" in w["message"] for w in good["warnings"])
assert bad["valid"] is False and bad["file"] == sys.argv[2] and bad["year"] == 2022
assert all(set(e) >= {"file", "line", "col", "code", "message", "hint"} for e in bad["errors"]) and len(bad["errors"]) >= 2
assert dept["kind"] == "department" and dept["valid"] is True and dept["projects"][0]["valid"] is True
PYEOF
"$JX" validate --json "$EX" >"$T/v1.json" 2>/dev/null
check "validate --json: exit 0 on a good file" test $? -eq 0

# The MOF example's table means what it meant before the Sichuan form (every row's cached values; print line breaks and the note aside).
check "MOF example table unchanged" "$PY" - "$T/自评表.xlsx" "$SRC/tests/golden/kepu-2022-mof.rows" <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]
got = []
for row in ws.iter_rows(values_only=True):
    # A label broken across lines for print means the same; the method note sits outside the form.
    vals = [v.replace("\n", "") if isinstance(v, str) else round(v, 6) if isinstance(v, float) else v
            for v in row if v not in (None, "")]
    if vals and not str(vals[0]).startswith(("注：", "说明：")):
        got.append("\t".join(str(v) for v in vals))
want = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert got == want, [(g, w) for g, w in zip(got, want) if g != w] or (len(got), len(want))
PYEOF

echo "$pass passed, $fail failed"
test "$fail" -eq 0
