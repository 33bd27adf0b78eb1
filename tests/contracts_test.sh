#!/usr/bin/env bash
# Output contracts, end to end: bad files among good ones (`score --json`
# still prints the whole array, in order, the bad file with total null and
# its errors; the terminal shows the good tables and the bad file's errors;
# exit 1; no workbook), every limit is bad input (exit 1), and a department
# shows its attached projects' own errors and warnings under their names.
# Usage: contracts_test.sh JIXIAO SOURCE_DIR
set -u
JX=$(realpath "$1")
SRC=$(realpath "$2")
EX=$SRC/indicators/examples
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"

cd "$T" || exit 2
cp "$EX/kepu-2022.yaml" a.yaml
cp "$EX/kepu-2022.yaml" c.yaml
# b: readable header, one bad weight and a YAML-level duplicate key.
sed 's/^project: .*/project: 坏项目/; 0,/weight: 5$/s//weight: 五/' "$EX/kepu-2022.yaml" >b.yaml
# d: not YAML at all past its header.
printf 'kind: project\nyear: 2021\nrules: mof2020\nproject: 断了的项目\nindicators: [\n' >d.yaml

# 1. score --json with bad files among good ones.
"$JX" score --json a.yaml b.yaml c.yaml d.yaml >out.json 2>err.txt
check "json: exit 1" test $? -eq 1
check "json: the whole array, in order" "$PY" - out.json <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert [x["file"] for x in d] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"], d
assert d[0]["total"] == 97.0 and d[2]["total"] == 97.0, (d[0]["total"], d[2]["total"])
assert d[0]["errors"] == [] and d[0]["grade"] == "优"
for w in d[0]["warnings"]:
    assert w["col"] == w["column"] and w["file"] == "a.yaml", w
b = d[1]
assert b["total"] is None and b["grade"] is None, b
assert set(b["budget"]) == set(d[0]["budget"]) and all(v is None for v in b["budget"].values()), b["budget"]
assert (b["kind"], b["name"], b["year"], b["rules"]) == ("project", "坏项目", 2022, "mof2020"), b
assert b["department"] == "攀枝花市科学技术协会", b
assert len(b["errors"]) >= 1, b
e = b["errors"][0]
assert set(e) == {"file", "line", "col", "code", "message", "hint"}, e
assert e["file"] == "b.yaml" and e["line"] > 0 and e["col"] > 0, e
assert "weight" in e["message"] and e["hint"], e
dd = d[3]
assert dd["total"] is None and dd["name"] == "断了的项目" and dd["year"] == 2021, dd
assert dd["errors"][0]["line"] == 6, dd
PYEOF
check "json: the errors are on stderr too" grep -q "^b.yaml:.*错误: 字段“weight”" err.txt

# 2. The terminal: the good tables, the bad files' errors, exit 1.
"$JX" score a.yaml b.yaml c.yaml >out.txt 2>err.txt
check "terminal: exit 1" test $? -eq 1
check "terminal: both good tables" test "$(grep -c '总分 97.00  等级 优' out.txt)" -eq 2
check "terminal: the bad file's error" grep -q "^b.yaml:.*错误:" err.txt
check "terminal: the bad file has no table" bash -c '! grep -q 坏项目 out.txt'
check "terminal: a closing line names the bad files" grep -q "^jixiao: 3 个文件中 1 个有错误，未评分：b.yaml$" err.txt
"$JX" score -q a.yaml b.yaml >out.txt 2>err.txt
check "terminal -q: exit 1, errors only" test $? -eq 1 -a ! -s out.txt -a -s err.txt

# 3. The workbook rule: nothing written when any input has errors.
echo keep >old.xlsx
"$JX" score a.yaml b.yaml -o old.xlsx >out.txt 2>err.txt
check "workbook: exit 1" test $? -eq 1
check "workbook: old output untouched" test "$(cat old.xlsx)" = keep
check "workbook: says so" grep -q "输入有错误，未写出 old.xlsx" err.txt
check "workbook: still shows the good table" grep -q "总分 97.00" out.txt
"$JX" score --json b.yaml -o new.xlsx >out.json 2>/dev/null
check "workbook: json alone, exit 1" test $? -eq 1
check "workbook: nothing written" test ! -e new.xlsx
check "workbook: stdout never empty" "$PY" -c "import json,sys; assert len(json.load(open('out.json'))) == 1"

# 4. validate: the good files pass, the bad ones are listed on stderr.
"$JX" validate a.yaml b.yaml c.yaml >out.txt 2>err.txt
check "validate: exit 1" test $? -eq 1
check "validate: good files pass" test "$(grep -c ': 通过' out.txt)" -eq 2
check "validate: bad file's errors" grep -q "^b.yaml:" err.txt

# 5. A file that cannot be read is a usage / I/O error (exit 2), and still in the array.
"$JX" score --json a.yaml missing.yaml >out.json 2>err.txt
check "missing file: exit 2" test $? -eq 2
check "missing file: in the array" "$PY" - out.json <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert [x["file"] for x in d] == ["a.yaml", "missing.yaml"], d
assert d[1]["total"] is None and d[1]["errors"][0]["message"] == "文件不存在", d[1]
PYEOF

# 6. Limits are bad input: exit 1 and the message names the limit.
truncate -s 17M big.yaml
for cmd in validate score; do
  "$JX" $cmd big.yaml >out.txt 2>err.txt
  check "file size ($cmd): exit 1" test $? -eq 1
  check "file size ($cmd): names the limit" grep -q "^big.yaml:0:0: 错误: 文件过大（17408 KB），上限为 16384 KB" err.txt
done
"$JX" score --json a.yaml big.yaml >out.json 2>/dev/null
check "file size (json): exit 1" test $? -eq 1
check "file size (json): code" "$PY" -c "
import json; d = json.load(open('out.json'))
assert d[1]['errors'][0]['code'] == 'file-too-large' and d[1]['total'] is None, d[1]"
# A department naming a project file over the limit.
mkdir dept
cp "$EX/kexie-2022-department.yaml" dept/
truncate -s 17M dept/kepu-2022.yaml
"$JX" validate dept/kexie-2022-department.yaml >out.txt 2>err.txt
check "attached file size: exit 1" test $? -eq 1
check "attached file size: names the limit" grep -q "无法读取项目自评文件 dept/kepu-2022.yaml：文件过大（17408 KB），上限为 16384 KB" err.txt

# 7. A department shows its attached projects' warnings under their names.
cp "$EX/kepu-2022.yaml" dept/kepu-2022.yaml
"$JX" score dept/kexie-2022-department.yaml >out.txt 2>err.txt
check "department: exit 0" test $? -eq 0
check "department: same total as before" grep -q "总分 89.60  等级 良" out.txt
check "department: project warnings under its name" grep -A1 -q "^所附项目“省级科普专项经费”（dept/kepu-2022.yaml）2 条警告：" out.txt
check "department: the warning itself, indented" grep -q "^  dept/kepu-2022.yaml:38:5: 警告: 资金使用明细合计 89.57 万元" out.txt
"$JX" validate dept/kexie-2022-department.yaml >out.txt 2>err.txt
check "department validate: project warnings" grep -q "^所附项目“省级科普专项经费”" out.txt
"$JX" score -q dept/kexie-2022-department.yaml >out.txt 2>err.txt
check "department -q: no warnings" test ! -s out.txt

# A department with errors of its own still shows its good projects' warnings.
sed 's/^  收入合计: {value: 663.96/  收入合计: {value: 六六三/' dept/kexie-2022-department.yaml >dept/bad-dept.yaml
"$JX" score dept/bad-dept.yaml >out.txt 2>err.txt
check "bad department: exit 1" test $? -eq 1
check "bad department: its error" grep -q "^dept/bad-dept.yaml:67:17: 错误: 字段“value”应为数字" err.txt
check "bad department: project warnings still shown" grep -q "^所附项目“省级科普专项经费”（dept/kepu-2022.yaml）2 条警告：" out.txt

# 8. A department whose attached project has errors: one clear line, the errors under it.
sed -i '0,/weight: 5$/s//weight: 五/' dept/kepu-2022.yaml
"$JX" score dept/kexie-2022-department.yaml >out.txt 2>err.txt
check "department, bad project: exit 1" test $? -eq 1
check "department, bad project: one clear line" grep -q "^dept/kexie-2022-department.yaml:198:5: 错误: 所附项目“省级科普专项经费”有错误，未计入（1 个错误，列在下面）" err.txt
check "department, bad project: its errors indented under it" bash -c "grep -A3 '所附项目“省级科普专项经费”有错误' err.txt | grep -q '^    dept/kepu-2022.yaml:[0-9]*:[0-9]*: 错误: 字段“weight”'"
check "department, bad project: not 「projects 中没有项目」" bash -c '! grep -q "projects 中没有项目" err.txt'
"$JX" score --json dept/kexie-2022-department.yaml >out.json 2>/dev/null
check "department, bad project (json): exit 1" test $? -eq 1
check "department, bad project (json): nested" "$PY" - out.json <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["total"] is None and d["kind"] == "department" and d["name"] == "攀枝花市科学技术协会", d
assert [e["code"] for e in d["errors"]] == ["project-invalid"], d["errors"]
p = d["projects"]
assert len(p) == 1 and p[0]["file"] == "dept/kepu-2022.yaml" and p[0]["total"] is None, p
assert p[0]["name"] == "省级科普专项经费", p[0]
assert any("weight" in e["message"] for e in p[0]["errors"]), p[0]["errors"]
assert any(w["code"] for w in p[0]["warnings"]), p[0]
PYEOF

# 9. A department with a good and a bad project: projects listed in file order.
cp "$EX/kepu-2022.yaml" dept/good.yaml
sed -i 's/^projects:$/projects:\n  - good.yaml/' dept/kexie-2022-department.yaml
"$JX" score --json dept/kexie-2022-department.yaml >out.json 2>/dev/null
check "department, good and bad project: order" "$PY" - out.json <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))[0]
p = d["projects"]
assert [x["file"] for x in p] == ["dept/good.yaml", "dept/kepu-2022.yaml"], [x["file"] for x in p]
assert p[0]["total"] == 97.0 and p[1]["total"] is None, p
PYEOF

echo "$pass passed, $fail failed"
test "$fail" -eq 0
