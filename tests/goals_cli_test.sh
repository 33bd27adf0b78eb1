#!/usr/bin/env bash
# End-to-end checks of the spring stage as a user runs it: jixiao goals
# (terminal, --json, the 申报表 workbook recalculated in LibreOffice, nothing
# written on bad input), validate --stage goals, score --approved with a
# YAML and with the 申报表 workbook, and goal findings in batch.
# Usage: goals_cli_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
EX=$SRC/indicators/examples/kepu-2022.yaml
PY=/usr/bin/python3
INSPECT=$SRC/tests/tools/xlsx-check
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"

# 1. The seed's 申报表: terminal, workbook, its one vague target.
"$JX" goals "$EX" -o "$T/申报表.xlsx" >"$T/out.txt" 2>"$T/err.txt"
check "goals exit 0" test $? -eq 0
check "goals title" grep -q "项目支出绩效目标申报表（2022年度）" "$T/out.txt"
check "goals funds" grep -q "年度 135.00（财政拨款 135.00，其他资金 0.00）" "$T/out.txt"
check "goals vague warning" grep -q "警告: 定性指标“全民科学素质提升”的指标值“有效提升”用语含糊" "$T/out.txt"
check "goals workbook" test -s "$T/申报表.xlsx"
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/申报表.xlsx" >"$T/recalc.txt" 2>&1
  check "申报表 recalculates with no mismatch" test $? -eq 0
  "$INSPECT" "$T/申报表.xlsx" >"$T/cells.txt" 2>&1
  check "资金总额 is a live formula" grep -q "E8: =F8+G8  -> 135" "$T/cells.txt"
  check "repeated column heads" grep -q "titles=\$11:\$11" "$T/cells.txt"
else
  bad "xlsx-check not found at $INSPECT"
fi

# 2. --json: the form's content.
"$JX" goals --json "$EX" >"$T/goals.json"
check "goals --json exit 0" test $? -eq 0
check "goals --json content" "$PY" - "$T/goals.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["kind"] == "project" and r["year"] == 2022 and r["valid"] is True, r
assert r["attribute"] == "延续" and r["period"] == "2022年"
assert r["request"]["annual"] == {"total": 135, "appropriation": 135, "other": 0}, r["request"]
assert r["goals"]["annual"].startswith("坚持以习近平")
leaf = r["indicators"][0]
assert leaf["path"] == ["产出指标", "数量指标", "走访对接县（区）"] and leaf["target"] == "≥5个" and leaf["basis"] == "计划标准"
assert [w["code"] for w in r["warnings"]] == ["goal-vague"], r["warnings"]
assert r["errors"] == []
PYEOF

# 3. Bad goals: exit 1, every problem, nothing written; an existing output is kept.
cat >"$T/bad.yaml" <<'YEOF'
kind: project
year: 2023
rules: mof2020
project: 坏目标
request:
  annual: {total: 100, appropriation: 60, other: 30}
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 甲, target: "≥**人"}
          - {name: 乙, basis: 计划标准}
YEOF
echo keep >"$T/old.xlsx"
"$JX" goals "$T/bad.yaml" -o "$T/old.xlsx" >"$T/out.txt" 2>"$T/err.txt"
check "bad goals exit 1" test $? -eq 1
check "funds error with position" grep -q "bad.yaml:6:19: 错误: 年度资金总额 100 万元不等于财政拨款 60 万元与其他资金 30 万元之和 90 万元" "$T/err.txt"
check "missing target error" grep -q "bad.yaml:13:20: 错误: 指标“乙”没有指标值" "$T/err.txt"
check "placeholder warning too" grep -q "含模板占位符" "$T/err.txt"
check "old output kept" grep -q keep "$T/old.xlsx"

# 4. validate --stage goals: 通过 with warnings; the year stage still wants funds.
"$JX" validate --stage goals "$EX" >"$T/out.txt" 2>&1
check "validate goals exit 0" test $? -eq 0
check "validate goals 通过" grep -q "通过（1 条警告）" "$T/out.txt"
cat >"$T/spring.yaml" <<'YEOF'
kind: project
year: 2023
rules: mof2020
project: 春季申报
department: 甲局
unit: 甲局
request:
  annual: {total: 100, appropriation: 100, other: 0}
goals: {expected: "完成培训"}
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 培训人次, target: "≥400人次", basis: 计划标准}
      - name: 成本指标
        children:
          - {name: 单位成本, target: "≤50元/人", basis: 行业标准}
YEOF
"$JX" validate --stage goals "$T/spring.yaml" >"$T/out.txt" 2>&1
check "spring file passes the goal stage" test $? -eq 0
check "no warnings" grep -qx ".*spring.yaml: 通过" "$T/out.txt"
"$JX" validate --stage goals --json "$T/spring.yaml" "$T/bad.yaml" >"$T/v.json" 2>/dev/null
check "validate --stage goals --json exit 1" test $? -eq 1
check "validate --stage goals --json: both files" "$PY" -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert [x['valid'] for x in r] == [True, False], r
assert any(e['code'] == 'goal-funds-sum' for e in r[1]['errors'])
" "$T/v.json"
"$JX" validate "$T/spring.yaml" >/dev/null 2>&1
check "spring file is no self-evaluation yet" test $? -eq 1
"$JX" validate --db "$T/x.sqlite" "$T/spring.yaml" >/dev/null 2>&1
check "validate --db without --stage goals is usage" test $? -eq 2
"$JX" validate --stage summer "$T/spring.yaml" >/dev/null 2>&1
check "unknown stage is usage" test $? -eq 2

# 5. score --approved: the spring file, then its 申报表 workbook.
sed -e 's/"≥400人次", basis/"≥300人次", actual: "350人次", weight: 45, basis/' \
    -e 's/"≤50元/"≤50元/; s/target: "≤50元\/人", basis: 行业标准/target: "≤50元\/人", actual: "45元\/人", weight: 45, basis: 行业标准/' \
    -e 's/^request:/funds:\n  total: {initial: 100, budget: 100, executed: 100}\nrequest:/' \
    "$T/spring.yaml" >"$T/year.yaml"
"$JX" score "$T/year.yaml" --approved "$T/spring.yaml" >"$T/out.txt" 2>&1
check "score --approved exit 0" test $? -eq 0
check "target changed found" grep -q "警告: 指标“培训人次”的年度指标值“≥300人次”与批复的“≥400人次”不同，没有调整记录" "$T/out.txt"
"$JX" goals "$T/spring.yaml" -o "$T/spring.xlsx" -q
check "spring 申报表 written" test -s "$T/spring.xlsx"
"$JX" score "$T/year.yaml" --approved "$T/spring.xlsx" --json >"$T/out.json"
check "score --approved xlsx exit 0" test $? -eq 0
check "target-changed from the workbook" grep -q '"code": "target-changed"' "$T/out.json"
printf 'adjustments:\n  - {indicator: 培训人次, from: "≥400人次", to: "≥300人次", date: 2023-06-30, reason: 经批准调减}\n' >>"$T/year.yaml"
"$JX" score "$T/year.yaml" --approved "$T/spring.xlsx" >"$T/out.txt" 2>&1
check "adjusted: no cross-year finding" bash -c "! grep -q '批复的\|调整记录' '$T/out.txt'"
"$JX" score "$T/year.yaml" --approved "$T/nope.yaml" >/dev/null 2>&1
check "missing approved file is I/O" test $? -eq 2
"$JX" score "$T/year.yaml" --approved "$T/bad.yaml" >/dev/null 2>&1
check "bad approved file is bad input" test $? -eq 1
"$JX" score "$T/year.yaml" --approved "$T/spring.xlsx" -o "$T/spring.xlsx" >/dev/null 2>&1
check "output may not be the approved file" test $? -eq 2

# 6. batch: goal findings in 问题清单 (JSON) for a file with a goal section.
mkdir -p "$T/sub"
cp "$EX" "$T/sub/"
"$JX" batch "$T/sub" --json >"$T/batch.json" 2>/dev/null
check "batch exit 0" test $? -eq 0
check "goal finding in batch" grep -q '"goal-vague"' "$T/batch.json"

# 6b. Last year's actuals from the history database: batch records 2022, goals --db checks 2023.
"$JX" batch "$T/sub" --db "$T/h.sqlite" -q >/dev/null 2>&1
check "batch --db exit 0" test $? -eq 0
sed -e 's/^year: 2022/year: 2023/' -e 's/target: "≥5个"  /target: "≥3个"  /' "$EX" >"$T/next.yaml"
"$JX" goals "$T/next.yaml" --db "$T/h.sqlite" >"$T/out.txt" 2>&1
check "goals --db exit 0" test $? -eq 0
check "below last year's actual" grep -q "警告: 指标“走访对接县（区）”的指标值“≥3个”低于上年实际完成值“5个”" "$T/out.txt"
# 科普活动受益群众: last year's 1.33万人次 is above this year's ≥1万人次 too; the others equal last year's.
check "1.33万人次 above ≥1万人次" grep -q "指标“科普活动受益群众”的指标值“≥1万人次”低于上年实际完成值“1.33万人次”" "$T/out.txt"
check "only those two are below" test "$(grep -c '低于上年实际完成值' "$T/out.txt")" -eq 2
"$JX" goals "$T/next.yaml" >"$T/out.txt" 2>&1
check "without --db: no such finding" bash -c "! grep -q '低于上年实际' '$T/out.txt'"
"$JX" goals "$T/next.yaml" --db "$T/none.sqlite" >/dev/null 2>&1
check "goals --db missing database is I/O" test $? -eq 2

# 7. The department's form: tasks with live sums, recalculated with no mismatch.
DEPT=$SRC/indicators/examples/kexie-2022-department.yaml
"$JX" goals "$DEPT" -o "$T/部门申报表.xlsx" >"$T/out.txt" 2>&1
check "department goals exit 0" test $? -eq 0
check "department tasks printed" grep -q "金额合计  676.52" "$T/out.txt"
if [ -x "$INSPECT" ]; then
  "$INSPECT" --recalc "$T/部门申报表.xlsx" >"$T/recalc.txt" 2>&1
  check "部门申报表 recalculates with no mismatch" test $? -eq 0
  "$INSPECT" "$T/部门申报表.xlsx" >"$T/cells.txt" 2>&1
  check "金额合计 is a SUM" grep -q "E8: =SUM(E5:E7)  -> 676.52" "$T/cells.txt"
fi
"$JX" goals --json "$DEPT" >"$T/dept.json"
check "department goals --json" "$PY" - "$T/dept.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["kind"] == "department" and r["name"] == "攀枝花市科学技术协会" and r["valid"] is True, r
assert [t["name"] for t in r["tasks"]] == ["机关运行保障", "省级科普专项", "市级项目"]
assert sum(t["total"] for t in r["tasks"]) == 676.52
PYEOF

echo "$pass passed, $fail failed"
test "$fail" -eq 0
