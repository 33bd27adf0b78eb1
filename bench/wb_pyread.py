#!/usr/bin/python3
"""The Python comparison reader of the workbook benchmark (issue 13): reads
the same 自评表 workbooks as `jixiao batch` and scores them with the same
rule, so that the two can be timed on equal work.

    wb_pyread.py DIR [--json OUT]

- .xlsx through openpyxl in read-only mode (values as saved: formulas' cached
  results), .xls through xlrd 1.2 (python3-xlrd); a workbook either cannot
  open is counted as refused, like jixiao's 无效文件.
- Finds each table by its labels (several per sheet: one per 项目名称 row),
  the funds row (年度资金总额 / 总额, columns 全年预算数 / 调整后预算数 and
  全年执行数 / 预算执行数), the indicator block (三级指标 header; 年度指标值,
  or 指标性质 | 指标值 | 度量单位 joined) down to 总分 / 合计, skipping blank
  and 小计 rows.
- Scores with the rule set jixiao picks for the sheet (sichuan2023 when the
  Sichuan form's title is there, else mof2020; indicators/rules/*.yaml, the
  word lists and bands read from them): positive rows min(actual/target, 1) × weight, reverse
  rows (≤, and bare numbers under 成本指标) target/actual × weight, ranges
  full inside, 时效 rows full when on time and late_fraction × weight when
  late, qualitative rows by the grade the actual names or else the band of
  the declared score (the declared score when inside it, else the band's
  default); each row rounded half-up to 2 places; budget
  min(执行数/预算数, 1) × 10; total = budget + rows. It covers what
  bench/wb_generate.py writes, not every form jixiao reads.
Prints a summary line; --json writes {file: [[sheet, total], …]} (tables of
a sheet in order) for the runner's agreement check.
"""
import argparse
import json
import os
import re
import time
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CENT = Decimal("0.01")


def load_rules(rules_id):
    import yaml
    with open(os.path.join(ROOT, "indicators", "rules", rules_id + ".yaml"), encoding="utf-8") as f:
        r = yaml.safe_load(f)
    bands = [(b["name"], [b["name"]] + b.get("synonyms", []), Decimal(str(b["low"])), Decimal(str(b["high"])),
              bool(b.get("high_inclusive")), Decimal(str(b["default"]))) for b in r["qualitative"]]
    q = r["quantitative"]
    return {
        "on_time": set(r["deadline_actuals"]["on_time"]),
        "late": set(r["deadline_actuals"]["late"]),
        "bands": bands,
        "reverse_second": set(q["reverse_second_level"]),
        "late_fraction": Decimal(str(q["late_fraction"])),
        "budget_weight": Decimal(str(r["budget"]["weight"])),
    }


ALL_RULES = {i: load_rules(i) for i in ("mof2020", "sichuan2023")}
RULES = ALL_RULES["mof2020"]  # the rule set in use (set per sheet by read_workbook)
NEGATION = "未不没无尚否"

OPS = [("大于或等于", "ge"), ("小于或等于", "le"), ("大于等于", "ge"), ("小于等于", "le"), ("不少于", "ge"),
       ("不低于", "ge"), ("不小于", "ge"), ("不超过", "le"), ("不高于", "le"), ("不多于", "le"), ("≥", "ge"),
       (">=", "ge"), ("≤", "le"), ("<=", "le"), (">", "ge"), ("<", "le"), ("=", "eq"), ("＝", "eq")]
NUM = re.compile(r"(-?\d+(?:\.\d+)?)\s*(.*)")
RANGE = re.compile(r"(\d+(?:\.\d+)?)(%?)\s*[-~～—至]\s*(\d+(?:\.\d+)?)(%?)")
DEADLINE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日|底)?(?:之)?前")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
MONTH_END = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def r2(d):
    return d.quantize(CENT, ROUND_HALF_UP)


def parse_target(t):
    """(kind, op, amount, unit, extra): kind number | range | deadline | qualitative."""
    t = t.strip()
    m = DEADLINE.fullmatch(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        return ("deadline", None, (y, mo, int(d) if d else MONTH_END[mo - 1]), None, None)
    m = RANGE.fullmatch(t)
    if m:
        return ("range", None, Decimal(m.group(1)), m.group(2) or m.group(4), Decimal(m.group(3)))
    op = None
    for word, o in OPS:
        if t.startswith(word):
            op, t = o, t[len(word):].strip()
            break
    m = NUM.fullmatch(t)
    if m and len(m.group(2).strip()) <= 4:
        return ("number", op, Decimal(m.group(1)), m.group(2).strip(), None)
    return ("qualitative", None, None, None, None)


def parse_actual(a):
    a = a.strip()
    if a in RULES["on_time"]:
        return ("on_time", None)
    if a in RULES["late"] or (a.startswith("未") and a[1:] in RULES["on_time"]):
        return ("late", None)
    m = DATE.fullmatch(a)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        return ("date", (y, mo, int(d) if d else 1))
    m = NUM.fullmatch(a)
    if m:
        return ("number", Decimal(m.group(1)))
    return ("text", None)


def implied_band(actual):
    # As engine/table_import.cpp: an exact word, else the longest contained
    # word, unless another band's word overlapping it starts before it (the
    # qualifier comes first: 部分达成预期指标 is 部分达成).
    for band in RULES["bands"]:
        if actual in band[1]:
            return band
    found = []
    for band in RULES["bands"]:
        for w in band[1]:
            if not w:
                continue
            at = actual.find(w)
            while at != -1:
                found.append((band, at, len(w)))
                at = actual.find(w, at + 1)
    if not found:
        return None
    longest = max(found, key=lambda m: m[2])  # the first of the longest, as the C++ loop
    best = longest
    for m in found:
        overlaps = m[1] < longest[1] + longest[2] and longest[1] < m[1] + m[2]
        if m[0] is not longest[0] and overlaps and m[1] < best[1]:
            best = m
    rest = actual[:best[1]] + actual[best[1] + best[2]:]
    if any(ch in rest for ch in NEGATION):
        return None
    return best[0]


def band_points(band, w):
    return r2(band[2] * w), r2(band[3] * w)


def inside(band, w, s):
    lo, hi = band_points(band, w)
    return s >= lo and (s <= hi if band[4] else s < hi)


def qualitative(actual, w, declared):
    band = implied_band(actual)
    if band is None and declared is not None:
        for b in RULES["bands"]:
            if inside(b, w, declared):
                band = b
        if band is None and declared > w:
            band = RULES["bands"][0]
    if band is None:
        band = RULES["bands"][0]
    if declared is not None and inside(band, w, declared):
        return r2(declared)
    lo, hi = band_points(band, w)
    s = r2(band[5] * w)
    if not band[4] and s >= hi:
        s = hi - CENT
    return max(s, lo)


def score_row(second, target, actual, w, declared=None):
    """The score of one 三级 row under mof2020; None when it cannot be scored."""
    kind, op, amount, unit, high = parse_target(target)
    if kind == "qualitative":
        return qualitative(actual.strip(), w, declared)
    akind, a = parse_actual(actual)
    if kind == "deadline":
        if akind == "on_time":
            return w
        if akind == "late":
            return r2(RULES["late_fraction"] * w)
        if akind == "date":
            return w if a <= amount else r2(RULES["late_fraction"] * w)
        return None
    if akind != "number":
        return None
    a = max(a, Decimal(0))
    if kind == "range":
        lo, hi = amount, high
        if lo <= a <= hi:
            return w
        if a < lo:
            return w if lo <= 0 else r2(a * w / lo)
        return r2(hi * w / a)
    reverse = op == "le" or (op is None and second in RULES["reverse_second"])
    if op == "eq" and amount == 0:
        return w if a <= 0 else Decimal(0)
    if reverse:
        if a <= amount:
            return w
        return Decimal(0) if amount <= 0 else r2(amount * w / a)
    if amount <= 0 or a >= amount:
        return w
    return r2(a * w / amount)


# ---------------------------------------------------------------- reading

def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v).strip()


def norm(s):
    return re.sub(r"\s+", "", s).replace("（", "(").replace("）", ")")


def dec(v):
    s = text(v).rstrip("%")
    try:
        return Decimal(s)
    except Exception:
        return None


def find_col(header, *labels):
    for c, h in enumerate(header):
        if h in labels:
            return c
    return -1


def read_table(rows):
    """One table region (rows of cell values) → total, or None when not a table."""
    t = [[norm(text(v)) for v in row] for row in rows]
    hr = next((i for i, row in enumerate(t) if "三级指标" in row), None)
    if hr is None:
        return None
    h = t[hr]
    c1, c2, c3 = find_col(h, "一级指标"), find_col(h, "二级指标"), find_col(h, "三级指标")
    ct = find_col(h, "年度指标值")
    cop, cval, cunit = find_col(h, "指标性质"), find_col(h, "指标值"), find_col(h, "度量单位")
    ca = find_col(h, "实际完成值", "完成值")
    cw = find_col(h, "分值", "权重")
    cs = find_col(h, "得分")
    if min(c1, c2, c3, ca, cw, cs) < 0 or (ct < 0 and cval < 0):
        return None  # a column jixiao requires is missing: it refuses the table too
    # The funds row: budget / executed columns from the block's header.
    budget = executed = None
    for i in range(hr):
        row = t[i]
        cb = find_col(row, "全年预算数", "调整后预算数")
        ce = find_col(row, "全年执行数", "预算执行数")
        if cb >= 0 and ce >= 0:
            for j in range(i + 1, hr):
                if "年度资金总额" in t[j] or "总额" in t[j]:
                    budget, executed = dec(rows[j][cb]), dec(rows[j][ce])
                    break
            break
    if not budget or executed is None:
        return None
    total = r2(min(executed / budget, Decimal(1)) * RULES["budget_weight"])
    l2 = ""  # the 二级 a row scores under (reverse cost rows); blank cells inherit it
    for i in range(hr + 1, len(rows)):
        row = t[i]
        first = next((x for x in row if x), "")
        if first.startswith("总分") or first.startswith("合计"):
            # The declared total must be there as saved: a formula without its
            # cached result reads as empty, and jixiao refuses such a sheet.
            if 0 <= cs < len(rows[i]) and rows[i][cs] is None:
                return None
            break
        cell = lambda c: text(rows[i][c]) if 0 <= c < len(rows[i]) else ""  # noqa: E731
        if cell(c2).startswith("小计") or cell(c3).startswith("小计"):
            continue
        if cell(c2):
            l2 = norm(cell(c2))
        name = cell(c3)
        if not name:
            continue
        if ct >= 0:
            target = cell(ct)
        else:
            op, val, unit = cell(cop), cell(cval), cell(cunit)
            if unit in ("/", "-", "—"):
                unit = ""
            target = val if op in ("定性", "正向", "反向", "") else op + val + unit
        w = dec(rows[i][cw]) if cw < len(rows[i]) else None
        if w is None:
            continue
        declared = dec(rows[i][cs]) if 0 <= cs < len(rows[i]) else None
        s = score_row(l2, target, cell(ca), w, declared)
        if s is None:
            return None
        total += s
    return total


def regions(rows):
    """Splits a sheet at its 项目名称 rows (the title up to 3 rows above starts a region)."""
    starts = [i for i, row in enumerate(rows) if any(text(v) == "项目名称" for v in row)]
    if len(starts) <= 1:
        return [rows]
    cuts = [0]
    for s in starts[1:]:
        cut = s
        for k in range(max(0, s - 3), s):
            if any("自评表" in text(v) for v in rows[k]):
                cut = k
                break
        cuts.append(cut)
    cuts.append(len(rows))
    return [rows[cuts[k]:cuts[k + 1]] for k in range(len(cuts) - 1)]


def read_sheets(path):
    """[(sheet name, rows)]; raises on a workbook that cannot be read."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"PK"):
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
        finally:
            wb.close()
    if head.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        import xlrd
        book = xlrd.open_workbook(path, on_demand=True, logfile=open(os.devnull, "w"))
        out = []
        for sh in book.sheets():
            rows = []
            for r in range(sh.nrows):
                row = []
                for c in sh.row(r):
                    row.append(None if c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR)
                               else c.value)
                rows.append(row)
            out.append((sh.name, rows))
        return out
    raise ValueError("not a workbook")


def read_workbook(path):
    """[(sheet, total)] for every table, or None when refused."""
    try:
        sheets = read_sheets(path)
    except Exception:
        return None
    out = []
    global RULES
    for name, rows in sheets:
        # As jixiao: the rule set the engine's note names, else sichuan2023 for
        # a sheet with the Sichuan form's title, else mof2020.
        RULES = ALL_RULES["mof2020"]
        for row in rows:
            if any(norm(text(v)).startswith("部门预算项目支出绩效自评表") for v in row):
                RULES = ALL_RULES["sichuan2023"]
                break
        for region in regions(rows):
            # A formula saved without its value reads as None in data_only mode:
            # the row's score is missing, which jixiao refuses too.
            total = read_table(region)
            if total is not None:
                out.append((name, total))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--json")
    a = ap.parse_args()
    start = time.perf_counter()
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(a.dir) for f in fs
                   if f.lower().endswith((".xlsx", ".xls")))
    results, refused, tables = {}, 0, 0
    for f in files:
        got = read_workbook(f)
        if got is None:
            refused += 1
            continue
        tables += len(got)
        results[f] = [[s, str(t)] for s, t in got]
    secs = time.perf_counter() - start
    print(f"python reader: {len(files)} workbooks, {tables} tables, {refused} refused, {secs:.2f} s")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
