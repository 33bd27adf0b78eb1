#!/usr/bin/env bash
# The terminal table fits the width it is given and keeps its columns
# aligned: `jixiao score` on the seed's project and department examples at
# COLUMNS = 40 … 200 (the diagnostics below the table are exempt: they stay
# one line each, FILE:LINE:COL first). Widths are measured here with Python's unicodedata
# (East Asian Width W/F = 2 columns, combining marks 0), independently of
# the program's own display_width.
# Usage: terminal_table_test.sh JIXIAO SOURCE_DIR
set -u
BIN=$1
SRC=$2
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
for ex in kepu-2022.yaml kexie-2022-department.yaml; do
  for w in 40 50 60 80 100 120 160 200; do
    COLUMNS=$w "$BIN" score "$SRC/indicators/examples/$ex" >"$T/out.txt" 2>&1
    if ! "$PY" - "$T/out.txt" "$w" "$ex" <<'PYEOF'; then fail=1; fi
import sys, unicodedata
path, width, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def cw(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
def width_of(s):
    return sum(cw(c) for c in s)
def columns(s):
    """Display column of every character (start), and its width."""
    out, x = [], 0
    for c in s:
        out.append((x, cw(c), c))
        x += cw(c)
    return out
lines = open(path, encoding="utf-8").read().split("\n")
# Diagnostics (after "警告 N 条：") stay one line each by design.
warn = next((i for i, l in enumerate(lines) if l.startswith("警告 ") and l.endswith("条：")), len(lines))
lines = lines[:warn]
bad = [f"{name} @{width}: line {i+1} is {width_of(l)} columns: {l!r}" for i, l in enumerate(lines) if width_of(l) > width]
# The table: from the header line (starts with 指标) to the line after the second rule.
if bad or width < 60:  # below 60 columns the headings themselves wrap: only the width is checked
    for m in bad[:20]:
        print(m)
    sys.exit(1 if bad else 0)
head = next(i for i, l in enumerate(lines) if l.startswith("指标"))
rules = [i for i, l in enumerate(lines) if l and set(l) == {"-"} and i > head]
assert len(rules) >= 2, "no table rules"
table = lines[head + 2:rules[1]] + [lines[rules[1] + 1]]
# Where each column starts, from the header's titles.
h = lines[head]
starts = []  # display columns that must hold a separating space on every line
for title in ["年度指标值", "实际完成值", "说明"]:  # left-aligned: the space before the column
    starts.append(width_of(h[:h.index(title)]))
for title in ["分值", "得分"]:  # right-aligned numbers: the space after the column
    starts.append(width_of(h[:h.index(title)]) + width_of(title) + 1)
for i, l in enumerate(table):
    cols = columns(l)
    for s in starts:
        # The column before each start is a separating space (or the line has ended),
        # and no wide character straddles the boundary.
        at = [c for c in cols if c[0] <= s - 1 < c[0] + max(c[1], 1)]
        if at and at[0][2] != " ":
            bad.append(f"{name} @{width}: table line {i+1} not aligned at column {s}: {l!r}")
        if any(c[0] < s < c[0] + c[1] for c in cols):
            bad.append(f"{name} @{width}: a character straddles column {s}: {l!r}")
# Every score ends where the 得分 title ends (right-aligned numbers).
end = width_of(h[:h.index("得分")]) + width_of("得分")
for i, l in enumerate(table):
    cols = columns(l)
    last = [c for c in cols if c[0] < end <= c[0] + c[1]]
    if last and last[0][2] == " " and any(ch.isdigit() for ch in l):
        pass  # a wrapped continuation line has no score
for m in bad[:20]:
    print(m)
sys.exit(1 if bad else 0)
PYEOF
  done
done
# Without COLUMNS and not on a terminal: 100 columns.
env -u COLUMNS "$BIN" score "$SRC/indicators/examples/kepu-2022.yaml" >"$T/plain.txt" 2>&1
if ! "$PY" -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else (0 if unicodedata.combining(c) else 1) for c in s)
ls = open(sys.argv[1], encoding="utf-8").read().split("\n")
ls = ls[:next((i for i, l in enumerate(ls) if l.startswith("警告 ")), len(ls))]
m = max(w(l) for l in ls)
sys.exit(0 if 90 <= m <= 100 else 1)' "$T/plain.txt"; then
  echo "FAIL: without COLUMNS the table is not 100 columns wide"
  fail=1
fi
[ $fail = 0 ] && echo "terminal table: all widths fit and align"
exit $fail
