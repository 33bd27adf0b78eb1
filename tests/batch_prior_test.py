#!/usr/bin/python3
"""`batch --db` runs goal-below-last-year: a target below last year's actual
of the same project (the history database's leaves), over generated years.

For each seed, from the seed project (indicators/examples/kepu-2022.yaml):
- year 1 (a random year): several projects of two departments, each with
  random actuals for every 三级指标 that has a number, stored by `batch --db`;
- year 2: the same projects with each numeric target moved at random below,
  equal to or above last year's actual, in another unit, as a ceiling (≤),
  with its indicator renamed, or left alone; plus a project new in year 2,
  the same project name under another department (another key), and a copy
  without a goal section (no goal checks at all).
The expected findings are computed here, independently, from the rule
(engine/goal_checks.h): a target with ≥, > or no operator whose number is
below last year's actual of the leaf with the same path (else the same
unique 三级 name), in the same unit. The JSON findings of every row must be
exactly those (no more, no fewer), and the summary workbook's 问题清单 must
show the same messages.

Incremental re-runs: the year-2 run is repeated with no change (every file
reused, same bytes), then year 1's records change (a year-1 file with other
actuals is recorded again, the latest record wins), and the year-2 re-run
must read the goal files again and print the same bytes as a fresh run (a
copy of the database with its result cache emptied).

Usage: batch_prior_test.py JIXIAO SOURCE_DIR [SEEDS]   (JIXIAO_SEED=N: one seed)
"""
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

JX, SRC = sys.argv[1], sys.argv[2]
SEEDS = [int(os.environ["JIXIAO_SEED"])] if "JIXIAO_SEED" in os.environ else \
    [int(x) for x in (sys.argv[3] if len(sys.argv) > 3 else "21,22,23,24").split(",")]
BASE = open(os.path.join(SRC, "indicators", "examples", "kepu-2022.yaml"), encoding="utf-8").read()
CODE = "goal-below-last-year"

failures = 0
checks = 0
generated = 0


def fail(seed, what):
    global failures
    failures += 1
    print(f"FAIL (seed {seed}): {what}  [rerun: JIXIAO_SEED={seed}]")


def check(seed, ok, what):
    global checks
    checks += 1
    if not ok:
        fail(seed, what)


NUM = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(\S*)$")


def parse_target(t):
    """(amount, unit) of a positive numeric target (≥, >, or no operator); None otherwise."""
    t = t.strip()
    if t[:1] in ("≥", ">", "＞"):
        t = t[1:].strip()
    elif t[:1] in ("≤", "<", "＜", "="):
        return None
    m = NUM.match(t)
    return (float(m.group(1)), m.group(2)) if m else None


def parse_actual(a):
    m = NUM.match(a.strip())
    return (float(m.group(1)), m.group(2)) if m else None


def leaves(text):
    """[(path, name line index, target line index, actual line index)] of the 三级指标, in order."""
    out = []
    stack = []  # (indent, name)
    lines = text.split("\n")
    in_ind = False
    for i, line in enumerate(lines):
        if line.startswith("indicators:"):
            in_ind = True
            continue
        if not in_ind:
            continue
        m = re.match(r"^(\s*)- name: (.+?)\s*$", line)
        if m:
            ind = len(m.group(1))
            while stack and stack[-1][0] >= ind:
                stack.pop()
            stack.append((ind, m.group(2), i))
            continue
        m = re.match(r'^\s*target: "(.*?)"', line)
        if m and len(stack) == 3:
            out.append({"path": [s[1] for s in stack], "name_line": stack[-1][2], "target_line": i,
                        "target": m.group(1)})
        m = re.match(r'^\s*actual: "(.*?)"', line)
        if m and out and out[-1]["path"] == [s[1] for s in stack]:
            out[-1]["actual_line"] = i
            out[-1]["actual"] = m.group(1)
    return out


def set_line(lines, i, key, value):
    indent = re.match(r"^(\s*)", lines[i]).group(1)
    rest = re.sub(r'^\s*\S+: "(.*?)"', "", lines[i])
    lines[i] = f'{indent}{key}: "{value}"{rest}'


def variant(year, project, department, actuals=None, targets=None, renames=None, goals=True):
    """The seed project for another year / name / department, with per-leaf actuals, targets and names."""
    text = BASE.replace("\nyear: 2022\n", f"\nyear: {year}\n", 1)
    text = text.replace("\nproject: 省级科普专项经费\n", f"\nproject: {project}\n", 1)
    text = re.sub(r"\ndepartment: [^\n#]*", f"\ndepartment: {department}     ", text, count=1)
    # The leaves' monitoring snapshots go (their units would have to follow the targets').
    kept, skip = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if skip is not None and (indent > skip or not line.strip()):
            continue
        skip = None
        if re.match(r"^\s*monitor:\s*(#.*)?$", line) and indent >= 8:
            skip = indent
            continue
        kept.append(line)
    text = "\n".join(kept)
    lines = text.split("\n")
    for i, leaf in enumerate(leaves(text)):
        if actuals and i in actuals and "actual_line" in leaf:
            set_line(lines, leaf["actual_line"], "actual", actuals[i])
        if targets and i in targets:
            set_line(lines, leaf["target_line"], "target", targets[i])
        if renames and i in renames:
            lines[leaf["name_line"]] = lines[leaf["name_line"]].replace(leaf["path"][-1], renames[i], 1)
    text = "\n".join(lines)
    if not goals:  # no goal section (ProjectGoals::given): no 中期目标, attribute, period or request
        text = re.sub(r"\n  mid_term: [^\n]*", "", text)
        cut = text.index("\nattribute:")
        text = text[:cut] + "\n"
    return text


def expected(year2_text, year1_text):
    """The goal-below-last-year messages of a year-2 file against its year-1 record, by the rule."""
    prior = leaves(year1_text)
    out = []
    for leaf in leaves(year2_text):
        t = parse_target(leaf["target"])
        if t is None:
            continue
        match = [p for p in prior if p["path"] == leaf["path"]]
        if not match:
            same = [p for p in prior if p["path"][-1] == leaf["path"][-1]]
            match = same if len(same) == 1 else []
        if not match or "actual" not in match[0]:
            continue
        a = parse_actual(match[0]["actual"])
        if a is None or a[1] != t[1] or not a[0] > t[0]:
            continue
        p = match[0]
        out.append(f"指标“{leaf['path'][-1]}”的指标值“{leaf['target']}”低于上年实际完成值“{p['actual']}”"
                   f"（{'/'.join(p['path'])}）")
    return sorted(out)


def batch(inbox, db, jobs, out_xlsx=None):
    cmd = [JX, "batch", inbox, "--db", db, "--json", "-j", str(jobs), "-v"]
    if out_xlsx:
        cmd += ["-o", out_xlsx]
    r = subprocess.run(cmd, capture_output=True)
    return r


def counts(stderr):
    m = re.search(r"读取 (\d+) 个文件，复用 (\d+) 个", stderr.decode("utf-8", "replace"))
    return (int(m.group(1)), int(m.group(2))) if m else None


def found(js):
    """file name → sorted goal-below-last-year messages."""
    out = {}
    for row in js["rows"]:
        out[os.path.basename(row["file"])] = sorted(f["message"] for f in row["findings"] if f["code"] == CODE)
    return out


def sheet_texts(xlsx, title):
    """Every text cell (inline or shared) of the sheets whose name contains `title`."""
    import html
    with zipfile.ZipFile(xlsx) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            data = z.read("xl/sharedStrings.xml").decode("utf-8")
            shared = ["".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)) for si in re.findall(r"<si>(.*?)</si>", data, re.S)]
        wb = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        target = dict(re.findall(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
        target.update({k: v for v, k in re.findall(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
        out = set()
        for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb):
            if title not in html.unescape(name):
                continue
            path = "xl/" + target[rid].lstrip("/").removeprefix("xl/")
            sheet = z.read(path).decode("utf-8")
            for attrs, body in re.findall(r"<c ([^>]*)>(.*?)</c>", sheet, re.S):
                if 't="s"' in attrs:
                    v = re.search(r"<v>(\d+)</v>", body)
                    if v:
                        out.add(html.unescape(shared[int(v.group(1))]))
                else:
                    out.update(html.unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", body, re.S))
    return out


def fresh_copy(db, to):
    shutil.copy(db, to)
    c = sqlite3.connect(to)
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    cache = [t for t in tables if "result" in t and t != "indicator_result"]
    for t in cache:
        c.execute(f"DELETE FROM {t}")
    c.commit()
    c.close()
    return cache


def run_seed(seed, tmp):
    global generated
    rng = random.Random(seed)
    y1 = rng.randint(2019, 2025)
    y2 = y1 + 1
    base_leaves = leaves(BASE)
    numeric = [i for i, l in enumerate(base_leaves) if parse_target(l["target"]) and "actual" in l
               and parse_actual(l["actual"]) and parse_actual(l["actual"])[1] == parse_target(l["target"])[1]]
    if len(numeric) < 4:
        fail(seed, f"the seed project has too few numeric leaves ({len(numeric)})")
        return
    inbox1, inbox2 = os.path.join(tmp, "y1"), os.path.join(tmp, "y2")
    os.makedirs(inbox1)
    os.makedirs(inbox2)
    db = os.path.join(tmp, "h.sqlite")
    projects = [(f"项目{k}", rng.choice(["甲局", "乙局"])) for k in range(rng.randint(3, 5))]
    year1 = {}
    cases = {"below": 0, "equal": 0, "above": 0, "unit": 0, "ceiling": 0, "renamed": 0, "same": 0}
    for k, (name, dept) in enumerate(projects):
        acts = {}
        for i in numeric:
            amount, unit = parse_actual(base_leaves[i]["actual"])
            top = 100 if unit == "%" else 300  # a rate above 100% is refused (满意度)
            acts[i] = f"{rng.randint(1, top)}{unit}" if rng.random() < 0.8 else base_leaves[i]["actual"]
        year1[name] = variant(y1, name, dept, actuals=acts)
        with open(os.path.join(inbox1, f"p{k}.yaml"), "w", encoding="utf-8") as f:
            f.write(year1[name])
    r = batch(inbox1, db, 2)
    check(seed, r.returncode == 0, f"year-1 batch exit {r.returncode}: {r.stderr.decode()[-400:]}")
    check(seed, all(not v for v in found(json.loads(r.stdout)).values()), "year 1 has no last-year findings")

    def year2_files(year1):
        files, exp = {}, {}
        for k, (name, dept) in enumerate(projects):
            prior = leaves(year1[name])
            targets, renames, acts = {}, {}, {}
            for i in numeric:
                a, unit = parse_actual(prior[i]["actual"])
                case = rng.choice(list(cases))
                cases[case] += 1
                if case == "below":
                    targets[i] = f"≥{max(0, int(a) - rng.randint(1, 50))}{unit}"
                elif case == "equal":
                    targets[i] = f"≥{prior[i]['actual']}"
                elif case == "above":
                    top = 100 if unit == "%" else int(a) + 50
                    targets[i] = f"{rng.choice(['≥', ''])}{min(top, int(a) + rng.randint(1, 50))}{unit}"
                elif case == "unit":  # this year's actual in the new unit too (else the file is invalid)
                    other = "件" if unit != "件" else "项"
                    targets[i] = f"≥{max(0, int(a) - 1)}{other}"
                    acts[i] = f"{int(a)}{other}"
                elif case == "ceiling":
                    targets[i] = f"≤{max(0, int(a) - 1)}{unit}"
                elif case == "renamed":
                    targets[i] = f"≥{max(0, int(a) - 1)}{unit}"
                    renames[i] = prior[i]["path"][-1] + "（新）"
            text = variant(y2, name, dept, actuals=acts, targets=targets, renames=renames)
            files[f"p{k}.yaml"] = text
            exp[f"p{k}.yaml"] = expected(text, year1[name])
        # A project new in year 2, the same name under another department, no goal section.
        name, dept = projects[0]
        low = {i: "≥0" + parse_actual(base_leaves[i]["actual"])[1] for i in numeric}
        files["new.yaml"] = variant(y2, "新项目", dept, targets=low)
        exp["new.yaml"] = []
        other = "丙局"
        files["other-dept.yaml"] = variant(y2, name, other, targets=low)
        exp["other-dept.yaml"] = []
        files["no-goals.yaml"] = variant(y2, name, dept, targets=low, goals=False)
        exp["no-goals.yaml"] = []
        # Independent sanity of the generator: the same name with low targets under its own department.
        files["same-low.yaml"] = variant(y2, name, dept, targets=low)
        exp["same-low.yaml"] = expected(files["same-low.yaml"], year1[name])
        return files, exp

    files, exp = year2_files(year1)
    for n, text in files.items():
        with open(os.path.join(inbox2, n), "w", encoding="utf-8") as f:
            f.write(text)
    generated += len(files)
    check(seed, exp["same-low.yaml"] != [], "generator: low targets are below last year's actuals")
    xlsx = os.path.join(tmp, "s.xlsx")
    r = batch(inbox2, db, 2, xlsx)
    check(seed, r.returncode == 0, f"year-2 batch exit {r.returncode}: {r.stderr.decode()[-400:]}")
    got = found(json.loads(r.stdout))
    for n in files:
        check(seed, got.get(n) == exp[n], f"{n}: findings {got.get(n)} != expected {exp[n]}")
    strings = sheet_texts(xlsx, "问题清单")
    check(seed, strings != set(), "the 问题清单 sheet is found")
    in_sheet = {s for s in strings if "低于上年实际完成值" in s}
    want = {m for v in exp.values() for m in v}
    check(seed, in_sheet == want, f"问题清单: {sorted(in_sheet ^ want)[:4]} differ")
    first = r.stdout

    # The same run again: everything reused, the same bytes.
    r = batch(inbox2, db, 2)
    check(seed, counts(r.stderr) == (0, len(files)), f"unchanged re-run reads {counts(r.stderr)}")
    check(seed, r.stdout == first, "unchanged re-run: other bytes")

    # Last year's records change: project 0's year-1 file with other actuals, recorded again.
    name, dept = projects[0]
    acts = {}
    for i in numeric:
        unit = parse_actual(base_leaves[i]["actual"])[1]
        acts[i] = f"{rng.randint(1, 100)}{unit}" if unit == "%" else f"{rng.randint(301, 600)}{unit}"
    year1[name] = variant(y1, name, dept, actuals=acts)
    with open(os.path.join(inbox1, "p0.yaml"), "w", encoding="utf-8") as f:
        f.write(year1[name])
    r = batch(inbox1, db, 2)
    check(seed, r.returncode == 0, "year-1 re-record exit 0")
    r = batch(inbox2, db, 2)
    # The goal files of project 0's key read again (p0, same-low, no-goals has no goal section).
    check(seed, counts(r.stderr) == (2, len(files) - 2), f"re-run after last year changed reads {counts(r.stderr)}")
    fresh_db = os.path.join(tmp, "fresh.sqlite")
    cache_tables = fresh_copy(db, fresh_db)
    check(seed, cache_tables != [], "the result cache table is found")
    f = batch(inbox2, fresh_db, 1)
    check(seed, counts(f.stderr) == (len(files), 0), f"fresh run reads {counts(f.stderr)}")
    check(seed, r.stdout == f.stdout, "re-run after last year changed: other bytes than a fresh run")
    got = found(json.loads(r.stdout))
    check(seed, got["p0.yaml"] == expected(files["p0.yaml"], year1[name]), "p0 against the new record")
    check(seed, got["same-low.yaml"] == expected(files["same-low.yaml"], year1[name]), "same-low against the new record")
    check(seed, got["same-low.yaml"] != exp["same-low.yaml"] or exp["same-low.yaml"] == [],
          "the new record changes the findings")
    return cases


def main():
    total = {}
    for seed in SEEDS:
        with tempfile.TemporaryDirectory() as tmp:
            cases = run_seed(seed, tmp) or {}
            for k, v in cases.items():
                total[k] = total.get(k, 0) + v
    print(f"seeds {SEEDS}: {generated} generated year-2 files, leaf cases {total}")
    print(f"{checks - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


main()
