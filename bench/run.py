#!/usr/bin/env python3
"""The batch benchmark (issue 4): generated submissions at 1 000, 10 000 and
100 000 project files; for each, the yaml-cpp floor (bench/yaml_floor.cpp:
read + YAML::Load of the same files on the same threads) and the full
`jixiao batch` run (validate, score, rank, summary workbook), with wall time,
files per second, peak memory (max RSS of the process) and the ratio to the
floor; then `--tables` for 1 000 submissions; then incremental re-runs with
`--db` (issue 13): the first run into a new database, a re-run with nothing
changed and one with 1 % of the files changed (a comment line appended, so
their bytes differ), each with the summary workbook (-o) and without it.

    bench/run.py [--sizes 1000,10000,100000] [--dir /tmp/jixiao-bench] [--jobs N] [--repeat 3]

Needs a build (bash scripts/setup.sh). Generated files are cached in --dir
(regenerated when missing). Prints a Markdown table for bench/RESULTS.md.
Each figure is the best of --repeat runs (the least disturbed by other load).
"""
import argparse
import os
import platform
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
JIXIAO = os.path.join(BUILD, "jixiao")
FLOOR = os.path.join(BUILD, "bench", "jixiao_yaml_floor")


def run(cmd):
    """Runs cmd; returns (seconds, max RSS in MB, exit code, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return secs, usage.ru_maxrss / 1024.0, p.returncode, out.decode(errors="replace")


def best(cmd, repeat):
    runs = [run(cmd) for _ in range(repeat)]
    return min(runs, key=lambda r: r[0])


def ensure(n, base, broken):
    d = os.path.join(base, f"n{n}")
    marker = os.path.join(d, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.check_call([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), d,
                               "--seed", "2022", "--broken", str(broken)])
        open(marker, "w").close()
    lst = os.path.join(base, f"n{n}.list")
    if not os.path.exists(lst):
        files = []
        for root, _, names in os.walk(d):
            files += [os.path.join(root, x) for x in names if x.endswith(".yaml")]
        with open(lst, "w") as f:
            f.write("\n".join(sorted(files)) + "\n")
    return d, lst


def incremental(n, d, base, jobs, repeat):
    """First run into a new database, then re-runs: nothing changed, 1 % changed."""
    db = os.path.join(base, f"inc-{n}.sqlite")
    out = os.path.join(base, f"inc-{n}.xlsx")
    files = []
    for root, _, names in os.walk(d):
        files += [os.path.join(root, x) for x in names if x.endswith(".yaml")]
    files.sort()
    changed = files[::100]  # 1 %
    cmd = [JIXIAO, "batch", d, "-q", "-j", str(jobs), "--db", db]
    firsts = []
    for _ in range(repeat):
        for f in (db, db + "-journal"):
            if os.path.exists(f):
                os.remove(f)
        firsts.append(run(cmd + ["-o", out]))
    first = min(firsts, key=lambda r: r[0])
    same = best(cmd + ["-o", out], repeat)
    same_no_o = best(cmd, repeat)
    originals = {f: open(f, "rb").read() for f in changed}

    def change(k):
        for f in changed:
            with open(f, "wb") as h:
                h.write(originals[f] + f"\n# 改动 {k}\n".encode())

    try:
        runs, runs_no_o = [], []
        for k in range(repeat):  # new bytes each time, so each re-run reads the 1 % again
            change(2 * k)
            runs.append(run(cmd + ["-o", out]))
            change(2 * k + 1)
            runs_no_o.append(run(cmd))
        one = min(runs, key=lambda r: r[0])
        one_no_o = min(runs_no_o, key=lambda r: r[0])
    finally:
        for f, b in originals.items():
            with open(f, "wb") as h:
                h.write(b)
    print(f"| {n:,} | {first[0]:.2f} s, {first[1]:.0f} MB | {same[0]:.2f} s ({same[0] / first[0]:.0%}) | "
          f"{one[0]:.2f} s ({one[0] / first[0]:.0%}) | {same_no_o[0]:.2f} s | {one_no_o[0]:.2f} s "
          f"({one_no_o[0] / first[0]:.0%}) | {one[1]:.0f} MB |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--dir", default="/tmp/jixiao-bench")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--broken", type=float, default=0.02)
    ap.add_argument("--no-incremental", action="store_true", help="skip the --db re-run measurements")
    ap.add_argument("--only-incremental", action="store_true", help="only the --db re-run measurements")
    a = ap.parse_args()
    for exe in (JIXIAO, FLOOR):
        if not os.path.exists(exe):
            sys.exit(f"{exe} missing: run bash scripts/setup.sh first")
    os.makedirs(a.dir, exist_ok=True)
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {platform.node()}, {os.cpu_count()} cores ({cpu}), {platform.platform()}; jobs={a.jobs}")
    print()
    sizes = [int(x) for x in a.sizes.split(",")]
    if not a.only_incremental:
        plain_runs(a, sizes)
    if not a.no_incremental:
        print()
        print("| files | first run --db -o | re-run, nothing changed | re-run, 1 % changed | "
              "nothing changed, no -o | 1 % changed, no -o | peak memory (1 %) |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            d, _ = ensure(n, a.dir, a.broken)
            incremental(n, d, a.dir, a.jobs, a.repeat if n <= 10000 else 1)


def plain_runs(a, sizes):
    print("| files | size | yaml-cpp floor | jixiao batch -o | files/s | ratio | peak memory |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        d, lst = ensure(n, a.dir, a.broken)
        size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs if f.endswith(".yaml"))
        repeat = a.repeat if n <= 10000 else 1
        floor = best([FLOOR, "-j", str(a.jobs), lst], repeat)
        out = os.path.join(a.dir, f"summary-{n}.xlsx")
        batch = best([JIXIAO, "batch", d, "-q", "-j", str(a.jobs), "-o", out], repeat)
        if batch[2] not in (0, 1):
            sys.exit(f"batch failed with exit code {batch[2]}")
        print(f"| {n:,} | {size / n / 1024:.1f} KB avg | {floor[0]:.2f} s | {batch[0]:.2f} s | "
              f"{n / batch[0]:,.0f} | {batch[0] / floor[0]:.2f} | {batch[1]:.0f} MB |", flush=True)
    d, _ = ensure(1000, a.dir, a.broken)
    tables = os.path.join(a.dir, "tables")
    shutil.rmtree(tables, ignore_errors=True)
    plain = best([JIXIAO, "batch", d, "-q", "-j", str(a.jobs)], a.repeat)
    with_tables = best([JIXIAO, "batch", d, "-q", "-j", str(a.jobs), "--tables", tables], a.repeat)
    print()
    print(f"--tables, 1,000 submissions: {with_tables[0]:.2f} s in all "
          f"({with_tables[0] - plain[0]:.2f} s more than without), peak {with_tables[1]:.0f} MB, "
          f"{len(os.listdir(tables))} workbooks")


if __name__ == "__main__":
    main()
