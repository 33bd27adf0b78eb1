#!/usr/bin/env python3
"""Soak run (issue 6): the batch over a few thousand generated files of which
a tenth are broken in varied ways (syntax errors, missing weights, weights
not adding up, misspelled keys, GBK bytes, wrong types, unknown rule sets,
tabs, empty files). Checks that every good file is scored, every broken one
is reported, the exit code is 1, and that memory stays flat: RSS is sampled
through the run and compared between a run over N files and one over 3 N.

    bench/soak.py [--files 3000] [--dir /tmp/jixiao-soak] [--jobs N]

Exit 0 when every check holds. Prints the figures for bench/RESULTS.md.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JIXIAO = os.path.join(ROOT, "build", "jixiao")


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def run_sampled(cmd):
    """Runs cmd, sampling its RSS every 20 ms; returns (exit code, stdout, samples, seconds)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    samples = []
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(p.stdout.read()))
    reader.start()
    while p.poll() is None:
        r = rss_mb(p.pid)
        if r is not None:
            samples.append(r)
        time.sleep(0.02)
    reader.join()
    return p.returncode, b"".join(chunks).decode(), samples, time.perf_counter() - start


def soak(n, base, jobs):
    d = os.path.join(base, f"n{n}")
    shutil.rmtree(d, ignore_errors=True)
    subprocess.check_call([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), d, "--seed", str(n),
                           "--broken", "0.1"])
    broken = {l.split("\t")[0]: l.split("\t")[1].strip() for l in open(os.path.join(d, "broken.txt")) if l.strip()}
    out = os.path.join(base, f"soak-{n}.xlsx")
    # One run with --json to check every file's outcome; one with only the
    # workbook to sample memory (the JSON text itself grows with the rows).
    code, stdout, _, _ = run_sampled([JIXIAO, "batch", d, "--json", "-q", "-j", str(jobs)])
    r = json.loads(stdout)
    code2, _, samples, secs = run_sampled([JIXIAO, "batch", d, "-q", "-j", str(jobs), "-o", out])
    if code2 != code:
        code = code2
    invalid = {f["file"] for f in r["invalid"]}
    scored = {x["file"] for x in r["rows"]}
    problems = []
    if code != 1:
        problems.append(f"exit code {code}, expected 1")
    if invalid != set(broken):
        problems.append(f"invalid files differ from the broken ones: {sorted(invalid ^ set(broken))[:5]}")
    if len(scored) != n - len(broken):
        problems.append(f"{len(scored)} scored, expected {n - len(broken)}")
    if any(not f["messages"] for f in r["invalid"]):
        problems.append("an invalid file without diagnostics")
    if not os.path.exists(out):
        problems.append("no summary workbook")
    kinds = {}
    for k in broken.values():
        kinds[k] = kinds.get(k, 0) + 1
    return {"n": n, "broken": len(broken), "kinds": kinds, "scored": len(scored), "secs": secs,
            "peak": max(samples) if samples else 0.0, "samples": samples, "problems": problems}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--dir", default="/tmp/jixiao-soak")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    a = ap.parse_args()
    if not os.path.exists(JIXIAO):
        sys.exit(f"{JIXIAO} missing: run bash scripts/setup.sh first")
    os.makedirs(a.dir, exist_ok=True)
    small = soak(a.files, a.dir, a.jobs)
    large = soak(3 * a.files, a.dir, a.jobs)
    ok = True
    for s in (small, large):
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(s["kinds"].items()))
        print(f"{s['n']} files, {s['broken']} broken ({kinds}): {s['scored']} scored, "
              f"{s['n'] - s['scored']} reported invalid, {s['secs']:.1f} s, peak RSS {s['peak']:.0f} MB")
        for p in s["problems"]:
            print("  PROBLEM:", p)
            ok = False
    per_file_kb = (large["peak"] - small["peak"]) * 1024 / (large["n"] - small["n"])
    print(f"memory growth: {per_file_kb:.1f} KB per additional file (the summary's own rows and findings)")
    if per_file_kb > 8:
        print("  PROBLEM: memory grows by more than 8 KB per file")
        ok = False
    print("soak: ok" if ok else "soak: FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
