#!/usr/bin/env bash
# Every workbook kind prints as a clean form: each is rendered to PDF by
# LibreOffice (tests/tools/xlsx-pdf) and checked (tests/tools/pdf-layout-check):
# the page count, no text printed over other text, the running head (title
# and name) on every page, labels never broken inside, no English headings.
# The workbook itself is checked for print titles, a header on every sheet,
# and the declared total outside the form's frame. A generated project with
# long texts (seeded; the seed is printed) checks the row heights.
# Usage: print_layout_test.sh JIXIAO SOURCE_DIR
set -u
BIN=$1
SRC=$2
PY=/usr/bin/python3
TOOLS=$SRC/tests/tools
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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
            n["note"] = text(rng.choice([0, 0, 20, 80, 200, 400]))
walk(doc["indicators"])
yaml.safe_dump(doc, open(out, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PYEOF
)
for n in 1 2; do
  "$PY" - "$SRC/indicators/examples/kepu-2022.yaml" "$T/long$n.yaml" "$((SEED + n))" <<<"$GEN" || fail=1
  "$BIN" score "$T/long$n.yaml" -o "$T/long$n.xlsx" -q || { echo "FAIL generated project $n does not score"; fail=1; }
done

render() { "$TOOLS/xlsx-pdf" "$T/pdf" "$T/$1.xlsx" >/dev/null; }
for k in project department review long1 long2; do check "$k renders" render $k; done

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
  "$PY" - "$T/project.xlsx" "$T/department.xlsx" "$T/review.xlsx" "$T/long1.xlsx" "$T/long2.xlsx" <<'PYEOF'
import re, sys, openpyxl
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        where = f"{path.rsplit('/', 1)[-1]}!{ws.title}"
        assert ws.oddHeader.center.text, f"{where}: no running head"
        assert ws.page_setup.orientation == "landscape", where
        if ws.title != "决算图表":
            assert ws.print_title_rows, f"{where}: no repeated header rows"
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.font.b and re.search(r"[A-Za-z]{2,}", c.value):
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

[ $fail = 0 ] && echo "print layout: all checks passed"
exit $fail
