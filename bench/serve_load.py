#!/usr/bin/env python3
"""Load run of `jixiao serve` on loopback: rounds of N concurrent scoring
requests (POST /api/score with the seed example), each round all at once.

    serve_load.py JIXIAO [--requests 200] [--rounds 5] [-j 8]

Starts the server on a free port, sends the rounds (bounded: N × rounds
requests, a 60 s timeout each), and prints per round the failures, the
latency p50 / p99 / max (ms, from sending to the last byte) and the
server's resident memory (VmRSS) after the round, then stops the server.
Only 127.0.0.1 is contacted. Results: bench/RESULTS.md.
"""
import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "indicators", "examples", "kepu-2022.yaml")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jixiao")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("-j", type=int, default=8)
    a = ap.parse_args()
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kepu-2022.yaml\"\r\n\r\n".encode()
            + open(EXAMPLE, "rb").read() + f"\r\n--{boundary}--\r\n".encode())
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([os.path.abspath(a.jixiao), "serve", "--port", "0", "-j", str(a.j)],
                            stdout=subprocess.PIPE, stderr=log, text=True, cwd=tempfile.gettempdir())
    port = None
    for _ in range(10):
        m = re.search(r"127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        if m:
            port = int(m.group(1))
            break
    if port is None:
        proc.kill()
        sys.exit("server did not start")
    print(f"server pid {proc.pid}, port {port}, -j {a.j}; RSS at start {rss_kb(proc.pid)} KB")
    try:
        for r in range(a.rounds):
            times, failures = [], []
            lock = threading.Lock()
            start = threading.Barrier(a.requests)

            def one():
                start.wait()
                t0 = time.perf_counter()
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    c.request("POST", "/api/score", body=body, headers=headers)
                    resp = c.getresponse()
                    data = resp.read()
                    c.close()
                    ok = resp.status == 200 and b'"total": 97.00' in data
                except Exception as e:  # noqa: BLE001 - every failure is counted
                    ok = False
                    data = str(e).encode()
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    times.append(dt)
                    if not ok:
                        failures.append(data[:80])

            threads = [threading.Thread(target=one) for _ in range(a.requests)]
            t_round = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t_round
            times.sort()
            p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
            print(f"round {r + 1}: {a.requests} requests, {len(failures)} failed, wall {wall:.2f} s, "
                  f"p50 {p(0.50):.0f} ms, p99 {p(0.99):.0f} ms, max {times[-1]:.0f} ms, RSS {rss_kb(proc.pid)} KB")
            for f in failures[:3]:
                print("  failure:", f)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
