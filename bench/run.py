#!/usr/bin/env python3
"""The batch benchmark (issue 4): generated submissions at 1 000, 10 000 and
100 000 project files; for each, the yaml-cpp floor (bench/yaml_floor.cpp:
read + YAML::Load of the same files on the same threads) and the full
`jixiao batch` run (validate, score, rank, summary workbook), with wall time,
files per second, peak memory (max RSS of the process) and the ratio to the
floor; then `--tables` for 1 000 submissions.

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--dir", default="/tmp/jixiao-bench")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--broken", type=float, default=0.02)
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
    print("| files | size | yaml-cpp floor | jixiao batch -o | files/s | ratio | peak memory |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(x) for x in a.sizes.split(",")]:
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
