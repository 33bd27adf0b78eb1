#!/usr/bin/env bash
# The project's own workbook checker (tests/tools/xlsx-check), which the
# end-to-end tests rely on: a workbook whose cached values are right passes
# (exit 0), the same workbook with one cached value changed fails (exit 1)
# and names the cell, dump mode lists cells and formulas, --pdf renders the
# workbook, two runs at once do not collide (private LibreOffice profiles),
# and usage errors exit 2.
# Usage: xlsx_check_test.sh JIXIAO SOURCE_DIR
set -u
JX=$1
SRC=$2
CHECK=$SRC/tests/tools/xlsx-check
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$SRC/tests/harness.sh"

"$JX" score "$SRC/indicators/examples/kepu-2022.yaml" -o "$T/good.xlsx" -q
check "workbook written" test -s "$T/good.xlsx"

# A copy with the cached value of the first formula cell (the 总分 or a
# 小计) changed by 1: what a wrong engine figure would look like.
"$PY" - "$T/good.xlsx" "$T/bad.xlsx" >"$T/changed.txt" <<'PYEOF'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
done = None
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if done is None and re.match(r"xl/worksheets/sheet\d+\.xml", item.filename):
            text = data.decode()
            m = re.search(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f><v>(-?[0-9.]+)</v>', text)
            if m:
                old = m.group(0)
                new = old.replace(f"<v>{m.group(2)}</v>", f"<v>{float(m.group(2)) + 1}</v>")
                text = text.replace(old, new, 1)
                done = m.group(1)
                data = text.encode()
        zout.writestr(item, data)
print(done)
PYEOF
cell=$(cat "$T/changed.txt")
check "a formula cell was changed" test -n "$cell" -a "$cell" != None

# Both at once: each call has its own LibreOffice profile.
"$CHECK" --recalc "$T/good.xlsx" >"$T/good.txt" 2>&1 &
good_pid=$!
"$CHECK" --recalc "$T/bad.xlsx" >"$T/bad.txt" 2>&1
bad_rc=$?
wait $good_pid
good_rc=$?
check "sound workbook: exit 0" test $good_rc -eq 0
check "sound workbook: formulas checked" grep -Eq "^[1-9][0-9]* formulas checked, 0 mismatched$" "$T/good.txt"
check "changed cached value: exit 1" test $bad_rc -eq 1
check "changed cached value: the cell is named" grep -q "^MISMATCH .*!$cell " "$T/bad.txt"
check "changed cached value: counted" grep -q "formulas checked, 1 mismatched$" "$T/bad.txt"
[ $good_rc -eq 0 ] && [ $bad_rc -eq 1 ] || { cat "$T/good.txt" "$T/bad.txt"; }

# Dump mode: cells, merged ranges, formulas with their cached values.
"$CHECK" "$T/good.xlsx" >"$T/dump.txt"
check "dump: exit 0" test $? -eq 0
check "dump: sheet header" grep -q "^== sheet " "$T/dump.txt"
check "dump: merged ranges" grep -q "^merged: " "$T/dump.txt"
check "dump: formula with cached value" grep -Eq "^[A-Z]+[0-9]+: =.* -> " "$T/dump.txt"
check "dump: the project name" grep -q "省级科普专项经费" "$T/dump.txt"

# --pdf: a PDF with the form's Chinese text (fonts present).
"$CHECK" --pdf "$T/pdf" "$T/good.xlsx" >"$T/pdf.txt"
check "pdf: exit 0" test $? -eq 0
check "pdf: path printed" grep -qx "$T/pdf/good.pdf" "$T/pdf.txt"
check "pdf: is a PDF" grep -q "^%PDF" "$T/pdf/good.pdf"
if command -v pdftotext >/dev/null; then
  check "pdf: title text" sh -c "pdftotext '$T/pdf/good.pdf' - | grep -q 项目支出绩效自评表"
fi

# Usage and I/O errors.
"$CHECK" --recalc "$T/missing.xlsx" >/dev/null 2>&1
check "missing file: exit 2" test $? -eq 2
"$CHECK" --bogus "$T/good.xlsx" >/dev/null 2>&1
check "unknown option: exit 2" test $? -eq 2
"$CHECK" >/dev/null 2>&1
check "no arguments: exit 2" test $? -eq 2
printf 'not a workbook' >"$T/junk.xlsx"
"$CHECK" --recalc "$T/junk.xlsx" >/dev/null 2>&1
check "not a workbook: exit 1" test $? -eq 1

echo "xlsx_check_tool: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
