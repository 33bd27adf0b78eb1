#!/usr/bin/python3
"""Incremental batch re-runs (`batch --db`): a re-run gives the same bytes as
a run that reads every file.

For each seed, an inbox of generated YAML submissions (some broken), a
department file with its attached project, and .xlsx / .xls workbooks (MOF,
Sichuan, BIFF5 codepage 936, several tables on a sheet, corrupt, encrypted,
empty ones) is run, then changed step by step at random: files changed (new
bytes, or the bytes of another submission of the same kind), added, copied
(two identical files), renamed, removed, the attached project changed, a
step with no change, and a rule file edited. After each step:
- the incremental run (the step's database, -j 2) and a fresh run (a copy of
  the same database with its result cache emptied, so that the history and
  therefore last year's figures are the same, -j 1) print the same --json
  bytes and write the same summary workbook bytes (every sheet, every cell);
- the -v timings say how many files were read and reused, and the counts
  are the ones the step implies (computed here from the operations: a file
  is read when its path is new or its bytes changed, a department also when
  its attached project changed, went or came back, every file after a rule
  file changed, and every time a file naming its rule set by a path).

Usage: incremental_test.py JIXIAO SOURCE_DIR [SEEDS]   (JIXIAO_SEED=N: one seed)
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
# scripts/sanitize.sh sets JIXIAO_TEST_JOBS=1: clang 14's ASan allocator is
# not fork-safe, and the .xls reader forks (reports/xls_reader.cpp), so a
# child forked while another worker thread holds the allocator lock hangs
# until its 60 s alarm. Ordinary builds (glibc malloc) run -j 2.
MAX_JOBS = int(os.environ.get("JIXIAO_TEST_JOBS", "2"))
SEEDS = [int(os.environ["JIXIAO_SEED"])] if "JIXIAO_SEED" in os.environ else \
    [int(x) for x in (sys.argv[3] if len(sys.argv) > 3 else "11,12,13").split(",")]
FIX = os.path.join(SRC, "tests", "fixtures")
XLSX = ["real-mof.xlsx", "real-sichuan.xlsx", "stacked.xlsx", "mof-merged.xlsx", "no-table.xlsx", "empty.xlsx",
        "encrypted.xlsx", "formulas.xlsx", "real-mof-resaved.xlsx"]
XLS = ["real-mof.xls", "real-sichuan-95.xls", "stacked.xls", "truncated.xls"]

failures = 0
checks = 0


def fail(seed, step, what):
    global failures
    failures += 1
    print(f"FAIL (seed {seed}, step {step}): {what}  [rerun: JIXIAO_SEED={seed}]")


def files_of(inbox):
    """path relative to the inbox → bytes, for every submission file."""
    out = {}
    for root, _, names in os.walk(inbox):
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, inbox)] = f.read()
    return out


def batch(inbox, db, out, jobs, rules):
    p = subprocess.run([JX, "batch", inbox, "--db", db, "-o", out, "--json", "-v", "-j", str(min(jobs, MAX_JOBS)),
                        "--rules-dir", rules], capture_output=True)
    m = re.search(r"读取 (\d+) 个文件，复用 (\d+) 个", p.stderr.decode(errors="replace"))
    return p.returncode, p.stdout, (int(m.group(1)), int(m.group(2))) if m else None, p.stderr.decode(errors="replace")


def sheet_diff(a, b):
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    names = sorted(set(za.namelist()) | set(zb.namelist()))
    return [n for n in names if n not in za.namelist() or n not in zb.namelist() or za.read(n) != zb.read(n)]


def run_seed(seed, tmp):
    global checks
    rng = random.Random(seed)
    base = os.path.join(tmp, f"s{seed}")
    data = os.path.join(base, "data")
    rules = os.path.join(data, "rules")
    shutil.copytree(os.path.join(SRC, "indicators", "rules"), rules)
    shutil.copytree(os.path.join(SRC, "indicators", "layouts"), os.path.join(data, "layouts"))
    pool = os.path.join(base, "pool")
    subprocess.run([sys.executable, os.path.join(SRC, "bench", "generate.py"), "40", pool, "--seed", str(seed),
                    "--broken", "0.15", "--year", "2022", "--departments", "4"], check=True, capture_output=True)
    yaml_pool = sorted(os.path.join(r, n) for r, _, ns in os.walk(pool) for n in ns if n.endswith(".yaml"))
    inbox = os.path.join(base, "inbox")
    os.makedirs(os.path.join(inbox, "dept"))
    for src in yaml_pool[:20]:
        shutil.copy(src, os.path.join(inbox, "y-" + os.path.basename(src)))
    for name in ("kexie-2022-department.yaml", "kepu-2022.yaml"):
        shutil.copy(os.path.join(SRC, "indicators", "examples", name), os.path.join(inbox, "dept", name))
    # A file naming its rule set by a path (resolved beside it): never stored, read every time.
    text = next(t for t in (open(p, encoding="utf-8", errors="replace").read() for p in yaml_pool[20:])
                if "\nrules: mof2020\n" in t)
    with open(os.path.join(inbox, "by-path.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("\nrules: mof2020\n", "\nrules: ../data/rules/mof2020.yaml\n", 1))
    for name in rng.sample(XLSX, 4) + rng.sample(XLS, 2):
        shutil.copy(os.path.join(FIX, name), os.path.join(inbox, "w-" + name))
    db = os.path.join(base, "inc.sqlite")
    before = {}
    counter = 0

    def pick(kind):
        names = sorted(n for n in files_of(inbox)
                       if n.endswith(kind) and not n.startswith("dept") and n != "by-path.yaml")
        return rng.choice(names) if names else None

    def new_name(ext):
        nonlocal counter
        counter += 1
        return f"n{counter}-{rng.randrange(10**6)}{ext}"

    ops = ["change-yaml", "comment-yaml", "change-xlsx", "change-xls", "add-yaml", "add-xlsx", "add-xls", "copy",
           "rename", "remove", "attached", "attached-remove"]
    attached = os.path.join(inbox, "dept", "kepu-2022.yaml")
    attached_bytes = open(os.path.join(SRC, "indicators", "examples", "kepu-2022.yaml"), "rb").read()
    for step in range(7):
        rules_changed = False
        if step == 0:
            done = ["fresh"]
        elif step == 3:
            done = ["nothing"]
        elif step == 5:
            with open(os.path.join(rules, "mof2020.yaml"), "a", encoding="utf-8") as f:
                f.write(f"\n# 规则集注释 {seed}\n")  # a rule file edited: every file is read again
            rules_changed = True
            done = ["rules"]
        else:
            done = rng.sample(ops, rng.randint(2, 5))
            for op in done:
                ext = {"yaml": ".yaml", "xlsx": ".xlsx", "xls": ".xls"}.get(op.split("-")[-1], "")
                if op.startswith("change") or op == "comment-yaml":
                    name = pick(ext)
                    if name is None:
                        continue
                    path = os.path.join(inbox, name)
                    if op == "comment-yaml":
                        with open(path, "a", encoding="utf-8") as f:
                            f.write(f"\n# 修改 {step}\n")
                    else:
                        src = rng.choice(yaml_pool) if ext == ".yaml" else os.path.join(FIX, rng.choice(
                            XLSX if ext == ".xlsx" else XLS))
                        shutil.copy(src, path)
                elif op.startswith("add"):
                    src = rng.choice(yaml_pool) if ext == ".yaml" else os.path.join(FIX, rng.choice(
                        XLSX if ext == ".xlsx" else XLS))
                    shutil.copy(src, os.path.join(inbox, new_name(ext)))
                elif op == "copy":
                    name = pick(rng.choice([".yaml", ".xlsx", ".xls"]))
                    if name:
                        shutil.copy(os.path.join(inbox, name), os.path.join(inbox, new_name(os.path.splitext(name)[1])))
                elif op == "rename":
                    name = pick(rng.choice([".yaml", ".xlsx", ".xls"]))
                    if name:
                        os.rename(os.path.join(inbox, name), os.path.join(inbox, new_name(os.path.splitext(name)[1])))
                elif op == "remove":
                    name = pick(rng.choice([".yaml", ".xlsx", ".xls"]))
                    if name:
                        os.remove(os.path.join(inbox, name))
                elif op == "attached":
                    with open(attached, "ab") as f:
                        f.write(f"\n# 附件修改 {step}\n".encode())
                elif op == "attached-remove":  # the department's project goes missing, or comes back
                    if os.path.exists(attached):
                        os.remove(attached)
                    else:
                        with open(attached, "wb") as f:
                            f.write(attached_bytes)
        now = files_of(inbox)
        # What the step implies: files whose path is new or whose bytes changed.
        read = {n for n, b in now.items() if before.get(n) != b}
        if before and before.get("dept/kepu-2022.yaml") != now.get("dept/kepu-2022.yaml"):
            read.add("dept/kexie-2022-department.yaml")  # its attached project changed, went or came
        read.add("by-path.yaml")
        if rules_changed:
            read = set(now)
        fresh_db = os.path.join(base, f"fresh{step}.sqlite")
        if os.path.exists(db):
            shutil.copy(db, fresh_db)
            c = sqlite3.connect(fresh_db)
            c.execute("DELETE FROM result")
            c.commit()
            c.close()
        inc_out, fresh_out = os.path.join(base, f"inc{step}.xlsx"), os.path.join(base, f"fresh{step}.xlsx")
        rc1, js1, counts1, err1 = batch(inbox, db, inc_out, 2, rules)
        rc2, js2, counts2, err2 = batch(inbox, fresh_db, fresh_out, 1, rules)
        label = "+".join(done)
        checks += 4
        if rc1 not in (0, 1) or rc1 != rc2:
            fail(seed, step, f"{label}: exit {rc1} / {rc2}: {err1[-300:]} {err2[-300:]}")
            continue
        if js1 != js2:
            a, b = js1.decode().splitlines(), js2.decode().splitlines()
            first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            la, lb = (a[first] if first < len(a) else ""), (b[first] if first < len(b) else "")
            col = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]), min(len(la), len(lb)))
            fail(seed, step, f"{label}: --json differs at line {first + 1}, column {col + 1}:\n"
                             f"  re-run: …{la[max(0, col - 80):col + 80]}\n  fresh:  …{lb[max(0, col - 80):col + 80]}")
        with open(inc_out, "rb") as f1, open(fresh_out, "rb") as f2:
            if f1.read() != f2.read():
                fail(seed, step, f"{label}: summary workbooks differ in {sheet_diff(inc_out, fresh_out)}")
        if step == 0:  # without a database at all: the same bytes too
            plain = subprocess.run([JX, "batch", inbox, "-o", os.path.join(base, "plain.xlsx"), "--json", "-j", str(min(2, MAX_JOBS)),
                                    "--rules-dir", rules], capture_output=True)
            checks += 2
            if plain.stdout != js1:
                fail(seed, step, f"a run without --db prints other --json bytes (exit {plain.returncode}, "
                                 f"{len(plain.stdout)} bytes against {len(js1)}): {plain.stderr.decode()[-2000:]}")
            with open(os.path.join(base, "plain.xlsx"), "rb") as f1, open(inc_out, "rb") as f2:
                if f1.read() != f2.read():
                    fail(seed, step, "a run without --db writes another summary workbook")
        want = (len(read), len(now) - len(read))
        if counts1 != want:
            fail(seed, step, f"{label}: read/reused {counts1}, expected {want} (changed: {sorted(read)})")
        if counts2 != (len(now), 0):
            fail(seed, step, f"{label}: the fresh run read/reused {counts2}, expected ({len(now)}, 0)")
        print(f"seed {seed} step {step} {label}: read/reused {counts1}, {len(js1)} bytes of JSON") if os.environ.get("VERBOSE") else None
        before = now
        last_json, last_book = js2, fresh_out
    # Stored results that cannot be decoded (a damaged database): those files are read again.
    c = sqlite3.connect(db)
    ids = [i for i, path in c.execute("SELECT id, path FROM result ORDER BY id") if os.path.isfile(path)][:2]
    c.executemany("UPDATE result SET payload = x'0100' WHERE id = ?", [(i,) for i in ids])
    c.commit()
    c.close()
    out = os.path.join(base, "damaged.xlsx")
    rc, js, _, err = batch(inbox, db, out, 2, rules)
    checks += 3
    if js != last_json:
        fail(seed, "damaged", "--json differs from a fresh run after two stored results were damaged")
    with open(out, "rb") as f1, open(last_book, "rb") as f2:
        if f1.read() != f2.read():
            fail(seed, "damaged", f"summary workbooks differ in {sheet_diff(out, last_book)}")
    if "2 个结果无法解读，已重新读取文件" not in err:
        fail(seed, "damaged", "the two damaged results are not reported as read again: " + err[-300:])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            run_seed(seed, tmp)
    print(f"{checks - failures} passed, {failures} failed ({len(SEEDS)} seeds × 7 steps)")
    sys.exit(1 if failures else 0)


main()
