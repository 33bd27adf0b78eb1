#!/usr/bin/python3
"""The workbook benchmark (issue 13): `jixiao batch DIR -o 汇总.xlsx` over
generated 自评表 workbooks (bench/wb_generate.py: the engine's own tables and
hand-filled .xlsx / .xls ones, a few broken) at 1 000 and 10 000 workbooks,
with -j 1 and -j 2; in the same run the Python reader (bench/wb_pyread.py:
openpyxl read-only, xlrd for .xls, the same scoring) over the same files,
its totals checked against jixiao's table by table, and the ratio.

    /usr/bin/python3 bench/wb_run.py [--sizes 1000,10000] [--dir /tmp/jixiao-wbbench] [--repeat 3]

Needs a build (bash scripts/setup.sh) and python3-openpyxl, python3-xlrd,
python3-xlwt, python3-yaml and time. Generated workbooks are cached in --dir
(regenerated when missing). Wall time is the best of --repeat runs at
1 000 workbooks (the least disturbed by other load) and one run above;
peak memory is the child's max RSS (/usr/bin/time). Prints
Markdown for bench/RESULTS.md.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JIXIAO = os.path.join(ROOT, "build", "jixiao")
PY = "/usr/bin/python3"


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time; returns (seconds, max RSS in MB, exit
    code, CPU seconds: user + system). Not getrusage through wait4: a child
    forked from this process starts with this process's pages, and its
    ru_maxrss counts them (the runner holds a 20 MB summary JSON at 10 000)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        code = subprocess.call(["/usr/bin/time", "-q", "-o", t.name, "-f", "%M %U %S %x"] + cmd, stdout=stdout,
                               stderr=subprocess.DEVNULL)
        secs = time.perf_counter() - start
        rss_kb, user, system, status = t.read().split()[-4:]
    del code
    return secs, int(rss_kb) / 1024.0, int(status), float(user) + float(system)


def best(cmd, repeat):
    return min((run(cmd) for _ in range(repeat)), key=lambda r: r[0])


def ensure(n, base, seed):
    d = os.path.join(base, f"n{n}")
    if not os.path.exists(os.path.join(d, ".complete")):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.check_call([PY, os.path.join(ROOT, "bench", "wb_generate.py"), str(n), d, "--seed", str(seed)])
        open(os.path.join(d, ".complete"), "w").close()
    return d


def agreement(jx_json, py_json):
    """(agree, differ, jixiao-only): jixiao's computed totals against the
    Python reader's, table by table (tables of a sheet matched in order)."""
    with open(jx_json, encoding="utf-8") as f:
        jx_rows = json.load(f)["rows"]
    with open(py_json, encoding="utf-8") as f:
        py = json.load(f)
    tables = {}
    for r in jx_rows:
        m = re.fullmatch(r"(.*\.xlsx?):(.*?)(?:!A(\d+))?", r["file"], re.S)
        tables.setdefault((m.group(1), m.group(2)), []).append((int(m.group(3) or 0), r["total"]))
    agree = differ = missing = 0
    examples = []
    for (f, sheet), lst in sorted(tables.items()):
        lst.sort()
        p = [t for s, t in py.get(f, []) if s == sheet]
        for k, (_, total) in enumerate(lst):
            if k >= len(p):
                missing += 1
                examples.append(f"{f}:{sheet} #{k}: jixiao {total}, Python none")
            elif abs(float(p[k]) - total) < 0.005:
                agree += 1
            else:
                differ += 1
                examples.append(f"{f}:{sheet} #{k}: jixiao {total}, Python {p[k]}")
    return agree, differ, missing, examples[:5]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--dir", default="/tmp/jixiao-wbbench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--no-python", action="store_true", help="skip the Python reader")
    a = ap.parse_args()
    if not os.path.exists(JIXIAO):
        sys.exit(f"{JIXIAO} missing: run bash scripts/setup.sh first")
    os.makedirs(a.dir, exist_ok=True)
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    print(f"machine: {platform.node()}, {os.cpu_count()} cores ({cpu}), {platform.platform()}; "
          f"load before: {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        d = ensure(n, a.dir, a.seed)
        files = [os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if f.lower().endswith((".xlsx", ".xls"))]
        size = sum(os.path.getsize(f) for f in files)
        repeat = a.repeat if n <= 1000 else 1
        out = os.path.join(a.dir, f"汇总-{n}.xlsx")
        with tempfile.TemporaryDirectory() as tmp:
            jx_json = os.path.join(tmp, "jixiao.json")
            with open(jx_json, "w") as f:
                run([JIXIAO, "batch", d, "-q", "--json"], stdout=f)
            with open(jx_json, encoding="utf-8") as f:
                summary = json.load(f)
            scored, invalid = len(summary["rows"]), len(summary["invalid"])
            row = {"n": n, "files": len(files), "mb": size / 2 ** 20, "scored": scored, "invalid": invalid}
            for jobs in (1, 2):
                secs, rss, code, cpu = best([JIXIAO, "batch", d, "-q", "-j", str(jobs), "-o", out], repeat)
                if code not in (0, 1):
                    sys.exit(f"jixiao batch failed with exit code {code}")
                row[f"j{jobs}"] = (secs, rss, cpu)
            # The work the Python reader does (read, find, score): no summary workbook.
            secs, rss, code, cpu = best([JIXIAO, "batch", d, "-q", "-j", "1"], repeat)
            row["j1n"] = (secs, rss, cpu)
            if not a.no_python:
                py_json = os.path.join(tmp, "python.json")
                secs, rss, code, cpu = run([PY, os.path.join(ROOT, "bench", "wb_pyread.py"), d, "--json", py_json])
                if code != 0:
                    sys.exit(f"the Python reader failed with exit code {code}")
                row["py"] = (secs, rss, cpu)
                row["agree"] = agreement(jx_json, py_json)
        results.append(row)
        print(f"  {n}: done", file=sys.stderr, flush=True)
    print()
    print("| workbooks | size | tables scored | 无效 lines | `-j 1` wall (CPU) | `-j 2` wall (CPU) | workbooks/s (`-j 2`) "
          "| tables/s (`-j 2`) | peak memory (`-j 1` / `-j 2`) | Python reader wall (CPU) | Python peak "
          "| ratio Python / `-j 2` (/ `-j 1`) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        j1, j2 = r["j1"], r["j2"]
        py = r.get("py")
        print(f"| {r['files']:,} | {r['mb']:.0f} MB | {r['scored']:,} | {r['invalid']:,} | {j1[0]:.2f} s ({j1[2]:.2f} s) "
              f"| {j2[0]:.2f} s ({j2[2]:.2f} s) | {r['files'] / j2[0]:,.0f} | {r['scored'] / j2[0]:,.0f} "
              f"| {j1[1]:.0f} / {j2[1]:.0f} MB | "
              + (f"{py[0]:.1f} s ({py[2]:.1f} s) | {py[1]:.0f} MB | {py[0] / j2[0]:.1f}× ({py[0] / j1[0]:.1f}×) |"
                 if py else "— | — | — |"))
    print()
    print("| workbooks | `-j 1` without `-o` wall (CPU) | Python reader CPU / jixiao CPU, both one thread, no summary workbook |")
    print("|---:|---:|---:|")
    for r in results:
        j1n, py = r["j1n"], r.get("py")
        print(f"| {r['files']:,} | {j1n[0]:.2f} s ({j1n[2]:.2f} s) | " + (f"{py[2] / j1n[2]:.1f}× |" if py else "— |"))
    for r in results:
        if "agree" in r:
            agree, differ, missing, ex = r["agree"]
            print(f"\nagreement at {r['files']:,}: {agree:,} of {agree + differ + missing:,} tables jixiao scored have the "
                  f"same total in the Python reader; {differ} differ, {missing} not found by it")
            for e in ex:
                print(f"  {e}")


if __name__ == "__main__":
    main()
