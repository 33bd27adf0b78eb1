#!/usr/bin/env bash
# Every workbook kind prints as a clean form: each is rendered to PDF by
# LibreOffice (tests/tools/xlsx-pdf) and checked (tests/tools/pdf-layout-check):
# the page count, no text printed over other text, the running head (title
# and name) on every page, labels never broken inside, no English headings.
# The workbook itself is checked for print titles, a header on every sheet,
# and the declared total outside the form's frame. A generated project with
# long texts (seeded; the seed is printed) checks the row heights; so do a
# generated long-text Sichuan project and a generated batch (summary, history).
# Usage: print_layout_test.sh JIXIAO SOURCE_DIR
set -u
BIN=$1
SRC=$2
PY=/usr/bin/python3
TOOLS=$SRC/tests/tools
T=$(mktemp -d)
[ -n "${PRINT_KEEP:-}" ] && echo "work dir: $T"
[ -n "${PRINT_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
fail=0
check() { # check NAME COMMAND…
  local name=$1
  shift
  if "$@" >"$T/check.txt" 2>&1; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    sed 's/^/     /' "$T/check.txt" | head -30
    fail=1
  fi
}
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "FAIL LibreOffice (soffice) and poppler-utils (pdftotext) are needed"
  exit 1
fi

"$BIN" score "$SRC/indicators/examples/kepu-2022.yaml" -o "$T/project.xlsx" -q || fail=1
"$BIN" score "$SRC/indicators/examples/kexie-2022-department.yaml" -o "$T/department.xlsx" -q || fail=1
"$BIN" review "$T/project.xlsx" -o "$T/review.xlsx" -q || fail=1

# A project with long texts in every free-text cell, from a seeded generator.
SEED=${PRINT_SEED:-$(date +%s)}
echo "generated projects: seeds $((SEED + 1)) and $((SEED + 2)) (PRINT_SEED=$SEED to repeat)"
GEN=$(cat <<'PYEOF'
import random, sys, yaml
src, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
# The Sichuan form's 未完成原因分析 column is narrow (the official widths):
# notes of the lengths officers write there; the MOF form takes 400 characters.
note_lengths = [0, 0, 20, 60, 120] if "content" in open(src, encoding="utf-8").read() else [0, 0, 20, 80, 200, 400]
pool = "项目资金绩效目标完成情况科普活动受益群众走访对接县区市级部门企事业单位培训人次，。、；：“”（）" + "0123456789%." + "ab"
def text(n):
    return "".join(rng.choice(pool) for _ in range(n))
doc = yaml.safe_load(open(src, encoding="utf-8"))
doc["project"] = "生成的项目" + text(rng.randint(0, 30))
doc["goals"] = {"expected": text(rng.randint(0, 400)), "achieved": text(rng.randint(0, 400))}
def walk(nodes):
    for n in nodes:
        if "children" in n:
            walk(n["children"])
        else:
            n["note"] = text(rng.choice(note_lengths))
walk(doc["indicators"])
for k in ("content", "conclusion", "problems", "improvements"):  # the Sichuan form's text blocks
    if k in doc:
        doc[k] = text(rng.choice([0, 80, 300, 600]))
if "reason" in doc.get("funds", {}) and "content" in doc:
    doc["funds"]["reason"] = text(rng.choice([0, 60, 250]))
yaml.safe_dump(doc, open(out, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PYEOF
)
for n in 1 2; do
  "$PY" - "$SRC/indicators/examples/kepu-2022.yaml" "$T/long$n.yaml" "$((SEED + n))" <<<"$GEN" || fail=1
  "$BIN" score "$T/long$n.yaml" -o "$T/long$n.xlsx" -q || { echo "FAIL generated project $n does not score"; fail=1; }
done

# The Sichuan 510000_0013zp form: the example and generated long texts.
"$BIN" score "$SRC/indicators/examples/kepu-2022-sichuan.yaml" -o "$T/sichuan.xlsx" -q || fail=1
for n in 1 2; do
  "$PY" - "$SRC/indicators/examples/kepu-2022-sichuan.yaml" "$T/sclong$n.yaml" "$((SEED + 10 + n))" <<<"$GEN" || fail=1
  "$BIN" score "$T/sclong$n.yaml" -o "$T/sclong$n.xlsx" -q || { echo "FAIL generated Sichuan project $n does not score"; fail=1; }
done

# The bureau's summary of a batch (every sheet) and the history export: two
# years of generated submissions (seeded, a quarter broken), long names and
# notes in some valid ones, a long department name.
for y in 2021 2022; do
  "$PY" "$SRC/bench/generate.py" 24 "$T/batch$y" --seed "$SEED" --broken 0.25 --year $y --departments 4 >/dev/null || fail=1
  "$PY" - "$T/batch$y" "$SEED" <<'PYEOF' || fail=1
import os, random, sys, yaml
root, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
broken = {l.split("\t")[0].rsplit("/", 1)[-1] for l in open(os.path.join(root, "broken.txt")) if l.strip()}
pool = "项目资金绩效目标完成情况科普活动受益群众走访对接县区市级部门企事业单位培训人次，。、；：“”（）0123456789"
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".yaml") and f not in broken)
for path in files[::3]:
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    doc["project"] += "".join(rng.choice(pool) for _ in range(rng.randint(10, 60)))
    if path == files[0]:
        doc["department"] = "攀枝花市某某区人民政府办公室（区金融工作局、区大数据中心）"
    for first in doc["indicators"]:
        for second in first.get("children", []):
            for leaf in second.get("children", []):
                if rng.random() < 0.3:
                    leaf["note"] = "".join(rng.choice(pool) for _ in range(rng.randint(50, 300)))
    yaml.safe_dump(doc, open(path, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PYEOF
done
"$BIN" batch "$T/batch2021" --db "$T/h.sqlite" -j 2 -q >/dev/null 2>&1
"$BIN" batch "$T/batch2022" --db "$T/h.sqlite" -o "$T/summary.xlsx" -j 2 -q >/dev/null 2>&1
[ -s "$T/summary.xlsx" ] || { echo "FAIL the batch summary was not written"; fail=1; }
"$BIN" history --db "$T/h.sqlite" -o "$T/history.xlsx" >/dev/null || fail=1

# The goal forms (jixiao goals): the seed's project and department forms, and
# the generated long texts as a goal form.
"$BIN" goals "$SRC/indicators/examples/kepu-2022.yaml" -o "$T/goals.xlsx" -q || fail=1
"$BIN" goals "$SRC/indicators/examples/kexie-2022-department.yaml" -o "$T/dgoals.xlsx" -q || fail=1
for n in 1 2; do
  "$BIN" goals "$T/long$n.yaml" -o "$T/glong$n.xlsx" -q || { echo "FAIL generated goal form $n not written"; fail=1; }
done

render() { "$TOOLS/xlsx-pdf" "$T/pdf" "$T/$1.xlsx" >/dev/null; }
for k in project department review long1 long2 sichuan sclong1 sclong2 summary history goals dgoals glong1 glong2; do
  check "$k renders" render $k
done

LC="$TOOLS/pdf-layout-check"
check "project: 3 pages, no overlap, head on every page" \
  "$LC" --pages 3 --every-page "项目名称：省级科普专项经费" --whole "偏差原因分析" "$T/pdf/project.pdf"
check "department: 27 pages, no overlap, head on every page, no English" \
  "$LC" --pages 27 --every-page "2022年度" --whole "部门（单位）名称" --whole "勾稽关系" \
  --absent facts "$T/pdf/department.pdf"
check "review: 2 pages, no overlap, head on every page" \
  "$LC" --pages 2 --every-page "复核" "$T/pdf/review.pdf"
for n in 1 2; do
  check "generated long texts $n: no overlap, head on every page" "$LC" --every-page "生成的项目" "$T/pdf/long$n.pdf"
done

check "sichuan: 4 pages, no overlap, head on every page, at least 8 pt" \
  "$LC" --min-size 8 --pages 4 --every-page "项目名称：51040022R000000000001-省级科普专项经费" --whole "项目基本情况" \
  --whole "未完成原因分析" --whole "预算执行情况（10分）" "$T/pdf/sichuan.pdf"
for n in 1 2; do
  check "generated long Sichuan texts $n: no overlap, head on every page" \
    "$LC" --every-page "生成的项目" "$T/pdf/sclong$n.pdf"
done
check "goals: 2 pages, no overlap, head on every page" \
  "$LC" --pages 2 --every-page "项目名称：省级科普专项经费" --whole "取值依据" --whole "中期资金总额" "$T/pdf/goals.pdf"
check "department goals: 3 pages, no overlap, head on every page" \
  "$LC" --pages 3 --every-page "部门（单位）名称：攀枝花市科学技术协会" --whole "预算申请总额" "$T/pdf/dgoals.pdf"
for n in 1 2; do
  check "generated long goal form $n: no overlap, head on every page" "$LC" --every-page "生成的项目" "$T/pdf/glong$n.pdf"
done
check "summary: no overlap, head on every page, labels whole, at least 7.5 pt" \
  "$LC" --min-size 7.5 --every-page "年度绩效自评汇总" --whole "全部指标满分" --whole "部门整体得分" --whole "其余错误和警告" \
  "$T/pdf/summary.pdf"
check "history: no overlap, title on every page, at least 8 pt" \
  "$LC" --min-size 8 --every-page "绩效自评历年得分" --every-page "主管部门" "$T/pdf/history.pdf"

# The checker itself finds printed-over text: a wrapped cell in a row too
# short for it runs into the rows below.
"$PY" - "$T/overprint.xlsx" <<'PYEOF'
import sys, openpyxl
from openpyxl.styles import Alignment
wb = openpyxl.Workbook()
ws = wb.active
ws.column_dimensions["A"].width = 20
ws["A1"] = "这是一段很长的文字，" * 8
ws["A1"].alignment = Alignment(wrap_text=True, vertical="top")
ws.row_dimensions[1].height = 15
ws["A2"] = "下一行的文字"
ws["A3"] = "再下一行"
wb.save(sys.argv[1])
PYEOF
render overprint
check "the checker finds printed-over text" bash -c '! "$0" "$1"' "$LC" "$T/pdf/overprint.pdf"

check "workbooks: print titles, running heads, declared total outside the frame" \
  "$PY" - "$T/project.xlsx" "$T/department.xlsx" "$T/review.xlsx" "$T/long1.xlsx" "$T/long2.xlsx" \
  "$T/sichuan.xlsx" "$T/sclong1.xlsx" "$T/sclong2.xlsx" "$T/summary.xlsx" "$T/history.xlsx" <<'PYEOF'
import re, sys, openpyxl
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        where = f"{path.rsplit('/', 1)[-1]}!{ws.title}"
        assert ws.oddHeader.center.text, f"{where}: no running head"
        assert ws.page_setup.orientation == "landscape", where
        # Charts and several small tables, each with its own header (总览's
        # finding and cause tables start a page of their own): no repeated rows.
        if ws.title not in ("决算图表", "等级分布") and not ws.title.endswith("总览"):
            assert ws.print_title_rows, f"{where}: no repeated header rows"
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and not c.value.startswith("=") and c.font.b and re.search(r"[A-Za-z]{2,}", c.value):
                    raise AssertionError(f"{where}!{c.coordinate}: English in a heading: {c.value!r}")
        # The declared total is outside the frame: a blank row below 总分, no borders.
        rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
        if "单位自报总分" in rows:
            r = rows["单位自报总分"]
            assert rows.get("总分", 0) < r - 1, f"{where}: 单位自报总分 directly below 总分"
            assert all(ws.cell(r - 1, c).value is None for c in range(1, 10)), f"{where}: no gap above 单位自报总分"
            for c in range(1, 10):
                b = ws.cell(r, c).border
                assert not (b.left.style or b.right.style or b.top.style or b.bottom.style), \
                    f"{where}: 单位自报总分 row has borders (inside the frame)"
PYEOF

echo "page counts:"
for f in "$T"/pdf/*.pdf; do
  [ "$(basename "$f")" = overprint.pdf ] && continue
  echo "  $(basename "$f" .pdf): $(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')"
done
[ $fail = 0 ] && echo "print layout: all checks passed"
exit $fail
