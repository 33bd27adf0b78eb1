#!/usr/bin/env python3
"""End-to-end test of `jixiao serve` over loopback (http.client only).

    serve_test.py JIXIAO SOURCE_DIR

Starts servers on free ports (--port 0; the address is read from stdout),
exercises every route with real multipart uploads — the seed example scored
(97.00), its workbook downloaded and reviewed, a batch of generated files
(bench/generate.py, a tenth broken) sent as repeated fields and as one zip
and recorded with --db, the history read back — and the safety rules over
the socket: Host rebinding, cross-site requests, the token (Bearer, the
/?token= cookie, one generated for a non-loopback --host), a body over the
limit (413 before it is sent), a silent client and a garbage one not
stalling the others, a port already taken (exit 2), nothing written beside
the database. Prints "N passed, M failed"; exit status 1 on any failure.
"""
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

JIXIAO, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
EXAMPLE = os.path.join(SRC, "indicators/examples/kepu-2022.yaml")
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}")


def multipart(fields):
    """fields: [(field, filename, bytes)] → (body, content type)."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for field, filename, data in fields:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'.encode())
        out.write(b"Content-Type: application/octet-stream\r\n\r\n")
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def request(port, method, path, body=None, headers=None, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def post_files(port, path, fields, headers=None):
    body, ctype = multipart(fields)
    h = {"Content-Type": ctype}
    h.update(headers or {})
    return request(port, "POST", path, body, h)


class Server:
    def __init__(self, *args, cwd):
        # The request log goes to a file outside the work folder (a pipe
        # nobody reads would fill and block the server).
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([JIXIAO, "serve", "--port", "0", *args], cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)
        self.lines = []
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r"http://[^:/]+:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.log.seek(0)
            raise RuntimeError("server did not start: " + "".join(self.lines) + self.log.read())
        # The rest of the banner (token, database), up to its last line.
        while not self.lines[-1].startswith("按 Ctrl+C") and time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def main():
    work = tempfile.mkdtemp(prefix="jixiao-serve-")
    example = open(EXAMPLE, "rb").read()
    db = os.path.join(work, "h.sqlite")
    s = Server("--db", db, "-j", "4", cwd=work)
    try:
        p = s.port
        st, h, body = request(p, "GET", "/")
        check("GET / is the upload page", st == 200 and "评分" in body.decode(), st)
        check("CSP without inline script", "script-src 'self'" in h.get("content-security-policy", ""), h)
        st, h, body = post_files(p, "/api/score", [("file", "kepu-2022.yaml", example)])
        j = json.loads(body)
        check("POST /api/score: score --json for the example", st == 200 and j[0]["total"] == 97.0 and j[0]["grade"] == "优", body[:200])
        cli = subprocess.run([JIXIAO, "score", "--json", EXAMPLE], capture_output=True)
        cli_json = json.loads(cli.stdout)
        cli_json[0]["file"] = "kepu-2022.yaml"
        for w in cli_json[0]["warnings"]:
            w["file"] = "kepu-2022.yaml"
        check("… the same object as the CLI's", j == cli_json)
        st, h, xlsx = post_files(p, "/api/score.xlsx", [("file", "kepu-2022.yaml", example)])
        check("POST /api/score.xlsx: a workbook", st == 200 and xlsx[:2] == b"PK" and "attachment" in h.get("content-disposition", ""), st)
        st, h, body = post_files(p, "/api/score", [("file", "自评表.xlsx", xlsx)])
        j = json.loads(body)
        check("the workbook uploaded back is reviewed", st == 200 and j["review"][0]["tables"][0]["computed_total"] == 97.0, body[:300])
        st, h, body = post_files(p, "/score", [("file", "自评表.xlsx", xlsx)])
        check("POST /score with a workbook: the review page", st == 200 and "复核结果" in body.decode(), st)

        # A batch of generated files, a tenth broken, as repeated fields and as one zip.
        gen = os.path.join(work, "gen")
        subprocess.run([sys.executable, os.path.join(SRC, "bench/generate.py"), "30", gen, "--seed", "7", "--broken", "0.1"],
                       check=True, capture_output=True)
        files = []
        for root, _, names in sorted(os.walk(gen)):
            for n in sorted(names):
                if n.endswith(".yaml"):
                    path = os.path.join(root, n)
                    files.append((os.path.relpath(path, gen), open(path, "rb").read()))
        st, h, body = post_files(p, "/api/batch", [("files", name, data) for name, data in files])
        j = json.loads(body)
        cli = subprocess.run([JIXIAO, "batch", "--json", "-q", gen], capture_output=True, cwd=work)
        cj = json.loads(cli.stdout)
        check("POST /api/batch: the summary", st == 200 and j["overview"]["received"] == len(files), body[:300])
        check("… scores as batch --json", j["overview"]["mean"] == cj["overview"]["mean"] and
              j["overview"]["invalid"] == cj["overview"]["invalid"] and j["overview"]["invalid"] > 0,
              (j["overview"], cj["overview"]))
        zbuf = io.BytesIO()
        with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files:
                z.writestr("../" + name, data)
        st, h, body = post_files(p, "/batch", [("files", "submissions.zip", zbuf.getvalue())])
        check("POST /batch with a zip: the summary page", st == 200 and "汇总结果" in body.decode(), st)
        st, h, body = request(p, "GET", "/api/history")
        hist = json.loads(body)
        check("GET /api/history after the batch", st == 200 and len(hist) > 0, body[:200])
        st, h, body = request(p, "GET", "/api/history?department=%E4%B8%8D%E5%AD%98%E5%9C%A8")
        check("… filtered to nothing", st == 200 and json.loads(body) == [], body[:100])
        st, h, body = request(p, "GET", "/history")
        check("GET /history page", st == 200 and "历年" in body.decode(), st)
        st, h, body = request(p, "GET", "/templates/kepu-2022.yaml")
        check("GET /templates/NAME downloads", st == 200 and body == example, st)

        # Safety over the socket.
        st, h, body = request(p, "GET", "/", headers={"Host": "attacker.example:%d" % p})
        check("DNS rebinding: a foreign Host is refused", st == 421, st)
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)], {"Origin": "http://attacker.example"})
        check("cross-site Origin refused", st == 403 and "error" in json.loads(body), st)
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)], {"Sec-Fetch-Site": "cross-site"})
        check("cross-site Sec-Fetch-Site refused", st == 403, st)
        st, h, body = post_files(p, "/score", [("file", "a.yaml", example)],
                                 {"Origin": "http://127.0.0.1:%d" % p, "Sec-Fetch-Site": "same-origin"})
        check("the page's own form passes", st == 200, st)
        # 413 before the body is sent: only the headers go out.
        c = socket.create_connection(("127.0.0.1", p), timeout=20)
        t0 = time.time()
        c.sendall(b"POST /api/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                  b"Content-Length: 209715200\r\n\r\n")
        try:
            reply = c.recv(4096).decode(errors="replace")
        except socket.timeout:
            reply = "(no reply)"
        took = time.time() - t0
        c.close()
        check("a body over the limit: 413 from the headers, at once", reply.startswith("HTTP/1.1 413") and took < 3,
              (reply[:80], took))
        # A silent client and a garbage one do not stall the others.
        silent = [socket.create_connection(("127.0.0.1", p), timeout=30) for _ in range(2)]
        for sock in silent:
            sock.sendall(b"POST /api/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
        garbage = socket.create_connection(("127.0.0.1", p), timeout=10)
        garbage.sendall(b"\x00\x01\x02 nonsense \xff\r\n\r\n")
        t0 = time.time()
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)])
        took = time.time() - t0
        check("with 2 silent clients and a garbage one on 4 workers a request still runs at once", st == 200 and took < 3, (st, took))
        for sock in silent + [garbage]:
            sock.close()
        st, h, body = request(p, "GET", "/")
        check("the server goes on", st == 200, st)

        # Port taken → exit 2 with a clear message.
        taken = subprocess.run([JIXIAO, "serve", "--port", str(p)], capture_output=True, text=True, timeout=20, cwd=work)
        check("port taken: exit 2", taken.returncode == 2, taken.returncode)
        check("… with a clear message", "端口已被占用" in taken.stderr, taken.stderr)
    finally:
        s.stop()
    left = sorted(os.listdir(work))
    check("nothing written beside the database", left == ["gen", "h.sqlite"], left)

    # A token: required on every request; Bearer, or /?token= once → cookie.
    s = Server("--token", "t0ken-for-test", cwd=work)
    try:
        p = s.port
        check("the address printed carries the token", any("?token=t0ken-for-test" in l for l in s.lines), s.lines)
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)])
        check("no token: 401", st == 401 and "error" in json.loads(body), st)
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)], {"Authorization": "Bearer t0ken-for-test"})
        check("Bearer token: 200", st == 200, st)
        st, h, body = post_files(p, "/api/score", [("file", "a.yaml", example)], {"Authorization": "Bearer wrong"})
        check("wrong token: 401", st == 401, st)
        st, h, body = request(p, "GET", "/?token=t0ken-for-test")
        cookie = h.get("set-cookie", "")
        check("/?token= sets an HttpOnly SameSite=Strict cookie", st == 303 and "HttpOnly" in cookie and "SameSite=Strict" in cookie, (st, cookie))
        st, h, body = request(p, "GET", "/", headers={"Cookie": cookie.split(";")[0]})
        check("the cookie opens the pages", st == 200, st)
    finally:
        s.stop()
    # Another host: a token is generated and printed.
    s = Server("--host", "0.0.0.0", cwd=work)
    try:
        token = [m.group(1) for l in s.lines for m in [re.search(r"访问令牌：([0-9a-f]{32})", l)] if m]
        check("a non-loopback host gets a generated token", len(token) == 1, s.lines)
        st, h, body = request(s.port, "GET", "/")
        check("… and refuses requests without it", st == 401, st)
        if token:
            st, h, body = request(s.port, "GET", "/", headers={"Authorization": "Bearer " + token[0]})
            check("… and takes them with it", st == 200, st)
    finally:
        s.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
