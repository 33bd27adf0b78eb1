#!/usr/bin/python3
"""Generates 自评表 workbooks for the workbook benchmark (issue 13).

    wb_generate.py N OUTDIR [--seed S] [--broken FRACTION] [--xls FRACTION] [--jixiao PATH]

Writes N workbooks into OUTDIR/<dNNNN>/ (N/20 department folders), two
layouts, deterministic for a seed:
- (a) half of them are the engine's own tables: bench/generate.py makes the
  YAML projects (no broken ones) and `jixiao batch YAML --tables DIR` writes
  one 自评表 per project (merged cells, formulas with their cached results,
  shared strings as libxlsxwriter writes them);
- (b) the other half look hand-filled, written here with openpyxl: the MOF
  附件1 layout or the Sichuan 510000_0013zp one (target split over 指标性质 |
  指标值 | 度量单位), a title row, merged 一级/二级 cells (or blank ones that
  inherit), shared strings, stray blank rows, numbers stored as text, a
  说明 sheet beside the table; some workbooks hold several projects, one per
  sheet or two stacked on one sheet; declared row scores mostly right, some
  rounded to whole points, some full marks despite a shortfall;
- among (b): --xls (3 %) of all the workbooks are .xls written with xlwt
  (BIFF8, merged cells), and --broken (3 %) of all are refusals: a
  truncated zip, an empty file, an encrypted-looking OLE container, a total
  saved as a formula without its cached result.
Writes OUTDIR/manifest.tsv: file, layout, projects, broken kind.
The project rows come from bench/generate.py (the same indicator mix as the
YAML benchmark: quantitative, reverse cost rows, ranges, deadlines,
qualitative rows), so the Python reader (bench/wb_pyread.py) meets every
scoring path.
"""
import argparse
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (bench/generate.py: the indicator mix)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTHS = [10, 12, 16, 20, 16, 16, 8, 8, 18, 14]  # columns A–J, in characters, as officers widen them
BANDS = [("达成", 0.8, 1.0), ("部分达成", 0.6, 0.8), ("未达成", 0.0, 0.6)]


def project_rows(rng, idx, dept):
    """One project as data: name, department, unit, funds, goals, rows
    (一级, 二级, 三级, target, actual, weight, declared score or None, note).
    Declared scores are filled in by the caller (it needs a scorer)."""
    budget = round(rng.uniform(5, 800), 2)
    executed = round(budget * min(1.0, rng.uniform(0.7, 1.02)), 2)
    rows = []
    count = 0
    for first, (w, seconds) in generate.SECOND.items():
        n_leaves = {"产出指标": 8, "效益指标": 5, "满意度指标": 2}[first] + rng.randint(-1, 1)
        per_second = generate.split(n_leaves, len(seconds), rng) if n_leaves >= len(seconds) else [1] * len(seconds)
        weights = generate.split(w, sum(per_second), rng)
        k = 0
        for second, n in zip(seconds, per_second):
            for _ in range(n):
                count += 1
                name, target, actual, extra = generate.leaf(rng, second, count)
                grade = None
                if extra:
                    grade = extra.split("grade: ")[1]
                    # What hand-filled tables show: a grade phrase, or the
                    # bare result text with a declared score in its band.
                    actual = rng.choice([grade + "预期指标", target, "基本" + target])
                rows.append([first, second, name, target, actual, weights[k], grade,
                             "部分工作延期" if rng.random() < 0.4 else ""])
                k += 1
    return {
        "name": rng.choice(generate.THINGS) + "专项经费" + str(idx),
        "department": dept,
        "unit": dept + "机关",
        "budget": budget,
        "executed": executed,
        "expected": "完成年度" + rng.choice(generate.THINGS) + "任务，服务对象满意度达90%以上",
        "achieved": "基本完成年度目标任务",
        "rows": rows,
    }


def declare(rng, p, score_row):
    """Declared row scores and total, as units fill them in: mostly the
    computed score, some rounded to whole points, some full marks despite a
    shortfall; qualitative rows a score inside their grade's band."""
    from decimal import Decimal, ROUND_HALF_UP
    total = Decimal(0)
    for row in p["rows"]:
        first, second, name, target, actual, w, grade, note = row
        wd = Decimal(w)
        if grade is not None:
            lo, hi = [b for b in BANDS if b[0] == grade][0][1:]
            frac = Decimal(str(round(rng.uniform(lo, hi), 2)))
            if frac >= Decimal(str(hi)) and grade != "达成":
                frac = Decimal(str(hi)) - Decimal("0.01")
            s = (frac * wd).quantize(Decimal("0.01"), ROUND_HALF_UP)
            lo_pts = (Decimal(str(lo)) * wd).quantize(Decimal("0.01"), ROUND_HALF_UP)
            hi_pts = (Decimal(str(hi)) * wd).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if s < lo_pts:
                s = lo_pts
            if grade != "达成" and s >= hi_pts:
                s = hi_pts - Decimal("0.01")
        else:
            s = score_row(second, target, actual, wd)
            r = rng.random()
            if s is not None and s < wd and r < 0.08:
                s = wd  # full marks despite a shortfall
            elif s is not None and r < 0.12:
                s = s.quantize(Decimal("1"), ROUND_HALF_UP)  # rounded to whole points
        row.append(s)
        total += s if s is not None else Decimal(0)
    budget_score = min(Decimal(str(p["executed"])) / Decimal(str(p["budget"])), Decimal(1)) * 10
    p["budget_score"] = budget_score.quantize(Decimal("0.01"), ROUND_HALF_UP)
    p["declared_total"] = total + p["budget_score"]


def num(rng, v):
    """A number as officers enter it: mostly a number, sometimes text."""
    return str(v) if rng.random() < 0.1 else v


def put(ws, r, c, v):
    if v is not None and v != "":
        ws.cell(row=r, column=c, value=v)


def write_mof(rng, ws, p, top, merges):
    """The 财预〔2020〕10号 附件1 layout from row `top` (1-based); returns the next free row."""
    r = top
    merges.append((r, 1, r, 9))
    put(ws, r, 1, "项目支出绩效自评表")
    r += 1
    merges.append((r, 1, r, 9))
    put(ws, r, 1, "（2022年度）")
    r += 1
    put(ws, r, 1, "项目名称")
    put(ws, r, 2, p["name"])
    merges.append((r, 2, r, 9))
    r += 1
    put(ws, r, 1, "主管部门")
    put(ws, r, 2, p["department"])
    put(ws, r, 6, "实施单位")
    put(ws, r, 7, p["unit"])
    r += 1
    if rng.random() < 0.3:
        r += 1  # a stray blank row
    for c, v in enumerate(["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        put(ws, r, c + 1, v)
    merges.append((r, 1, r + 4, 1))
    r += 1
    b, e = p["budget"], p["executed"]
    for label, vals in (("年度资金总额", [b, b, e, 10, round(e / b, 4), float(p["budget_score"])]),
                        ("其中：当年财政拨款", [b, b, e, "—", round(e / b, 4), "—"]),
                        ("上年结转资金", [0, 0, 0, "—", "—", "—"]),
                        ("其他资金", [0, 0, 0, "—", "—", "—"])):
        put(ws, r, 2, label)
        for c, v in enumerate(vals):
            put(ws, r, 4 + c, num(rng, v) if isinstance(v, float) and c < 3 else v)
        r += 1
    put(ws, r, 1, "年度总体目标")
    put(ws, r, 2, "预期目标")
    put(ws, r, 6, "实际完成情况")
    r += 1
    put(ws, r, 2, p["expected"])
    put(ws, r, 6, p["achieved"])
    r += 1
    for c, v in enumerate(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                           "偏差原因分析及改进措施"]):
        put(ws, r, c + 1, v)
    r += 1
    merge_levels = rng.random() < 0.7
    first_row = r
    prev = (None, None)
    starts = {}
    for row in p["rows"]:
        first, second, name, target, actual, w, grade, note, declared = row
        if rng.random() < 0.03:
            r += 1  # a blank row inside the block
        l1 = first if first != prev[0] else None
        l2 = second if (first, second) != prev else None
        if l1:
            starts.setdefault(("1", first), [r, r])
        starts.setdefault(("2", first, second), [r, r])
        starts[("1", first)][1] = r
        starts[("2", first, second)][1] = r
        put(ws, r, 2, l1)
        put(ws, r, 3, l2)
        put(ws, r, 4, name)
        put(ws, r, 5, target)
        put(ws, r, 6, actual)
        put(ws, r, 7, num(rng, w))
        put(ws, r, 8, float(declared) if declared is not None else None)
        put(ws, r, 9, note)
        prev = (first, second)
        r += 1
    if merge_levels:
        for (kind, *_), (a, z) in starts.items():
            if z > a:
                merges.append((a, 2 if kind == "1" else 3, z, 2 if kind == "1" else 3))
    merges.append((first_row - 1, 1, r - 1, 1))
    put(ws, r, 1, "总分")
    merges.append((r, 1, r, 6))
    put(ws, r, 7, 100)
    put(ws, r, 8, float(p["declared_total"]))
    put(ws, r, 9, "自评等级：" + grade_of(p["declared_total"]))
    return r + 1


def grade_of(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def split_target(rng, target):
    """指标性质 | 指标值 | 度量单位 for the Sichuan form."""
    m = re.fullmatch(r"(\d+)%-(\d+)%", target)
    if m:
        return "≥", int(m.group(1)), "%"  # the Sichuan form has no range: its lower bound
    m = re.fullmatch(r"(≥|≤|不少于)?(\d+(?:\.\d+)?)(.*)", target)
    if m and not m.group(3).endswith("前"):
        op = {"不少于": "≥", None: "≥"}.get(m.group(1), m.group(1))
        v = m.group(2)
        return op, num(rng, int(v) if v.isdigit() else float(v)), m.group(3) or "/"
    return "定性", target, "/"


def write_sichuan(rng, ws, p, top, merges):
    """The Sichuan 510000_0013zp layout from row `top`; returns the next free row."""
    r = top
    put(ws, r, 1, "部门预算项目支出绩效自评表（2022年度）")
    merges.append((r, 1, r, 10))
    r += 1
    put(ws, r, 1, "项目名称")
    put(ws, r, 2, "51000022R" + str(rng.randint(10 ** 11, 10 ** 12 - 1)) + "-" + p["name"])
    merges.append((r, 2, r, 10))
    r += 1
    put(ws, r, 1, "主管部门")
    put(ws, r, 2, p["department"])
    put(ws, r, 6, "实施单位（盖章）")
    put(ws, r, 7, p["unit"])
    r += 1
    put(ws, r, 1, "项目基本情况")
    put(ws, r, 2, "1.项目年度目标完成情况")
    merges.append((r, 1, r + 3, 1))
    put(ws, r + 1, 2, "项目年度目标")
    put(ws, r + 1, 3, p["expected"])
    put(ws, r + 2, 2, "年度目标完成情况")
    put(ws, r + 2, 3, p["achieved"])
    put(ws, r + 3, 2, "2.项目实施内容及过程概述")
    put(ws, r + 3, 3, "按年初计划组织实施，年底前完成")
    r += 4
    put(ws, r, 1, "预算执行情况（10分）")
    put(ws, r, 2, "年度预算数（万元）")
    merges.append((r, 1, r + 6, 1))
    r += 1
    for c, v in enumerate(["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]):
        put(ws, r, 3 + c, v)
    r += 1
    b, e = p["budget"], p["executed"]
    rate = f"{e / b * 100:.2f}%"
    for label, vals in (("总额", [b, b, e, rate, 10, float(p["budget_score"]), ""]),
                        ("其中：财政资金", [b, b, e, rate, "/", "/", ""]),
                        ("财政专户管理资金", [0, 0, 0, "0.00%", "/", "/", ""]),
                        ("单位资金", [0, 0, 0, "0.00%", "/", "/", ""]),
                        ("其他资金", [0, 0, 0, "0.00%", "/", "/", ""])):
        put(ws, r, 2, label)
        for c, v in enumerate(vals):
            put(ws, r, 3 + c, v)
        r += 1
    put(ws, r, 1, "绩效指标（90分）")
    merges.append((r, 1, r, 10))
    r += 1
    for c, v in enumerate(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
                           "未完成原因分析"]):
        put(ws, r, c + 1, v)
    r += 1
    prev = (None, None)
    starts = {}
    merge_levels = rng.random() < 0.5
    for row in p["rows"]:
        first, second, name, target, actual, w, grade, note, declared = row
        op, value, unit = split_target(rng, target)
        l1 = first if first != prev[0] else None
        l2 = second if (first, second) != prev else None
        if l1:
            starts.setdefault(("1", first), [r, r])
        starts.setdefault(("2", first, second), [r, r])
        starts[("1", first)][1] = r
        starts[("2", first, second)][1] = r
        put(ws, r, 1, l1)
        put(ws, r, 2, l2)
        put(ws, r, 3, name)
        put(ws, r, 4, op)
        put(ws, r, 5, value)
        put(ws, r, 6, unit)
        put(ws, r, 7, actual)
        put(ws, r, 8, num(rng, w))
        put(ws, r, 9, float(declared) if declared is not None else None)
        put(ws, r, 10, note)
        prev = (first, second)
        r += 1
    if merge_levels:
        for (kind, *_), (a, z) in starts.items():
            if z > a:
                merges.append((a, 1 if kind == "1" else 2, z, 1 if kind == "1" else 2))
    put(ws, r, 1, "合计")
    merges.append((r, 1, r, 7))
    put(ws, r, 8, 100)
    put(ws, r, 9, float(p["declared_total"]))
    r += 1
    put(ws, r, 1, "评价结论")
    put(ws, r, 2, f"自评得分{p['declared_total']}分，等级为{grade_of(p['declared_total'])}")
    put(ws, r + 1, 1, "存在问题")
    put(ws, r + 1, 2, "无")
    put(ws, r + 2, 1, "改进措施")
    put(ws, r + 2, 2, "继续加强项目管理")
    return r + 3


class XlsSheet:
    """The openpyxl calls write_* use, onto an xlwt sheet (0-based there)."""

    def __init__(self, ws):
        self.ws = ws

    def cell(self, row, column, value):
        self.ws.write(row - 1, column - 1, value)


def encrypted_ole():
    # What Excel writes for a password-protected .xlsx: an OLE container with
    # EncryptionInfo and EncryptedPackage streams (headers only).
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", "EncryptionInfo", "EncryptedPackage"]):
        raw = name.encode("utf-16-le")
        directory[i * 128:i * 128 + len(raw)] = raw
        struct.pack_into("<H", directory, i * 128 + 64, len(raw) + 2)
    return bytes(header + directory)


def hand_filled(rng, path, projects, score_row, fmt, broken):
    """One hand-filled workbook holding `projects` (one per sheet, or two
    stacked on a sheet). Returns the number of tables written."""
    for p in projects:
        declare(rng, p, score_row)
    layout = write_mof if rng.random() < 0.6 else write_sichuan
    stacked = len(projects) > 1 and rng.random() < 0.5
    sheets = [projects] if stacked else [[p] for p in projects]
    if fmt == "xls":
        import xlwt
        wb = xlwt.Workbook(encoding="utf-8")
        for i, group in enumerate(sheets):
            ws = wb.add_sheet(f"自评表{i + 1}" if len(sheets) > 1 else "项目支出绩效自评表")
            merges = []
            top = 1
            cells = {}
            shim = type("S", (), {"cell": lambda self, row, column, value: cells.__setitem__((row, column), value)})()
            for p in group:
                top = layout(rng, shim, p, top, merges) + 2
            covered = {}
            for (r1, c1, r2, c2) in merges:
                covered[(r1, c1)] = (r2, c2)
            done = set()
            for (r1, c1), (r2, c2) in covered.items():
                ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, cells.get((r1, c1), ""))
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        done.add((r, c))
            for (r, c), v in cells.items():
                if (r, c) not in done:
                    ws.write(r - 1, c - 1, v)
            for c, w in enumerate(WIDTHS):
                ws.col(c).width = w * 256
        wb.save(path)
        return sum(len(g) for g in sheets)
    wb = openpyxl.Workbook()
    first = wb.active
    for i, group in enumerate(sheets):
        ws = first if i == 0 else wb.create_sheet()
        ws.title = f"自评表{i + 1}" if len(sheets) > 1 else ("510000_0013zp" if layout is write_sichuan else "项目支出绩效自评表")
        merges = []
        top = 1
        for p in group:
            top = layout(rng, ws, p, top, merges) + rng.randint(1, 3)
        for (r1, c1, r2, c2) in merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for c, w in enumerate(WIDTHS):
            ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width = w
        if broken == "formula":
            # The total as a live formula, saved by a program that does not calculate.
            for row in ws.iter_rows():
                for c in row:
                    if c.value in ("总分", "合计"):
                        ws.cell(row=c.row, column=8 if c.value == "总分" else 9, value=f"=SUM(H1:H{c.row - 1})")
    if rng.random() < 0.2:
        ws = wb.create_sheet("填表说明")
        ws["A1"] = "金额单位：万元；得分保留两位小数。"
        ws["A2"] = "本表由项目实施单位填报，主管部门审核。"
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if broken == "truncated":
        data = data[:len(data) // 2]
    with open(path, "wb") as f:
        f.write(data)
    return sum(len(g) for g in sheets)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--broken", type=float, default=0.03)
    ap.add_argument("--xls", type=float, default=0.03)
    ap.add_argument("--jixiao", default=os.path.join(ROOT, "build", "jixiao"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import wb_pyread  # the scorer for declared scores (the same rule)
    rng = random.Random(a.seed)
    n_dept = max(5, a.n // 20)
    depts = [f"{generate.CITIES[i % len(generate.CITIES)]}{generate.DEPTS[i % len(generate.DEPTS)]}" +
             (str(i // len(generate.DEPTS)) if i >= len(generate.DEPTS) else "") for i in range(n_dept)]
    os.makedirs(a.out, exist_ok=True)
    for d in range(n_dept):
        os.makedirs(os.path.join(a.out, f"d{d:04d}"), exist_ok=True)
    manifest = []
    # (a) the engine's own tables, from generated YAML.
    n_engine = a.n // 2
    with tempfile.TemporaryDirectory() as tmp:
        ydir = os.path.join(tmp, "yaml")
        tdir = os.path.join(tmp, "tables")
        subprocess.check_call([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n_engine), ydir,
                               "--seed", str(a.seed), "--broken", "0"])
        subprocess.run([a.jixiao, "batch", ydir, "-q", "--tables", tdir], check=False,
                       stdout=subprocess.DEVNULL)
        for i, name in enumerate(sorted(os.listdir(tdir))):
            dst = os.path.join(a.out, f"d{i % n_dept:04d}", f"e{i:06d}.xlsx")
            shutil.move(os.path.join(tdir, name), dst)
            manifest.append(f"{dst}\tengine\t1\t")
    # (b) hand-filled.
    for i in range(a.n - n_engine):
        d = i % n_dept
        r = rng.random()
        broken = ""
        if r < a.broken * 2:  # a.broken of all workbooks: the broken ones are all hand-filled
            broken = rng.choice(["truncated", "empty", "encrypted", "formula"])
        fmt = "xls" if not broken and rng.random() < a.xls * 2 else "xlsx"  # a.xls of all workbooks
        path = os.path.join(a.out, f"d{d:04d}", f"h{i:06d}.{fmt}")
        n_projects = 1 if rng.random() < 0.8 else rng.randint(2, 3)
        projects = [project_rows(rng, i * 10 + k, depts[d]) for k in range(n_projects)]
        if broken == "empty":
            open(path, "wb").close()
            tables = 0
        elif broken == "encrypted":
            with open(path, "wb") as f:
                f.write(encrypted_ole())
            tables = 0
        else:
            tables = hand_filled(rng, path, projects, wb_pyread.score_row, fmt, broken)
        manifest.append(f"{path}\t{'hand-' + fmt}\t{tables}\t{broken}")
    with open(os.path.join(a.out, "manifest.tsv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
