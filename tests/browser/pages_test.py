#!/usr/bin/python3
# Debian's python3 on purpose: python3-selenium is installed for it, not for another python3 on PATH.
"""The pages of `jixiao serve` in a real browser (headless Chromium driven by Selenium).

    pages_test.py JIXIAO SOURCE_DIR OUT_DIR

Starts `jixiao serve --db` on a free loopback port and, as an officer would:
  1. opens 评分 / 复核, uploads the seed example, reads 97.00 and 优 from the page, finds the
     warning beside its row, downloads the 自评表 workbook and the JSON through the page's
     buttons and checks them (tests/tools/xlsx-check: every formula recalculated by LibreOffice
     agrees with the cached value; the JSON's total);
  2. uploads a filled workbook with mistakes (tests/fixtures/mof-merged.xlsx) and finds the
     differences the command line finds (`jixiao review --json`);
  3. uploads a project named `<script>…` and sees the name as text (no script ran);
  4. runs a batch of generated files (bench/generate.py, a new seed per run, printed), checks the
     ranked table against `jixiao batch --json` of the same files, sorts and filters it in the
     page, downloads 汇总.xlsx; the same files as one zip;
     the page says how many records the run added to the database (the zip of the same files: 0);
  5. opens 历年 (the batch was recorded in the database): each department's 部门加权平均 line
     (drawn apart) and row carry the numbers of `jixiao history --json --aggregates`, and
     GET /api/history (?aggregates=1) gives byte for byte what `history --json` (--aggregates)
     prints; then 模板 (downloads a template);
and fails on any error in the browser console (a CSP violation included). Every page is
screenshotted into OUT_DIR (look at them). Exit status 0 when every check passed, 1 otherwise.
Needs chromium, chromium-driver and python3-selenium (scripts/setup-tests.sh): missing, it fails.
"""
import glob
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

JIXIAO, SRC, OUT = (os.path.abspath(a) for a in sys.argv[1:4]) if len(sys.argv) == 4 else (None, None, None)
if JIXIAO is None:
    print(__doc__)
    sys.exit(2)

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db):
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen([JIXIAO, "serve", "--port", str(port), "--db", db], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 20
        while time.time() < deadline and proc.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return proc, port
            except OSError:
                time.sleep(0.1)
        proc.kill()
        print("serve did not start:", proc.communicate()[0])
    sys.exit("jixiao serve could not be started")


def browser(downloads):
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
              "--lang=zh-CN"]:
        o.add_argument(a)
    o.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


def wait_download(downloads, pattern, before, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        new = [f for f in glob.glob(os.path.join(downloads, pattern)) if f not in before]
        if new and not glob.glob(os.path.join(downloads, "*.crdownload")):
            return new[0]
        time.sleep(0.2)
    return None


def console_errors(d, page):
    for entry in d.get_log("browser"):
        if entry["level"] == "SEVERE":
            check(False, f"{page}: browser console error: {entry['message']}")


def shot(d, name):
    # The window's height includes what is not page: measure again after resizing.
    for _ in range(2):
        h = d.execute_script("return document.documentElement.scrollHeight")
        inner = d.execute_script("return window.innerHeight")
        outer = d.get_window_size()["height"]
        d.set_window_size(1400, min(max(h + (outer - inner), 700), 8000))
    d.save_screenshot(os.path.join(OUT, name + ".png"))
    d.set_window_size(1400, 1000)


def upload(d, base, path_or_paths, page="/"):
    d.get(base + page)
    inp = d.find_element(By.CSS_SELECTOR, "form[data-upload] input[type=file]")
    inp.send_keys("\n".join(path_or_paths) if isinstance(path_or_paths, list) else path_or_paths)
    d.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()


def text_of(d, css):
    return [e.text.strip() for e in d.find_elements(By.CSS_SELECTOR, css)]


def main():
    tmp = tempfile.mkdtemp(prefix="jixiao-browser-")
    downloads = os.path.join(tmp, "downloads")
    os.makedirs(downloads)
    os.makedirs(OUT, exist_ok=True)
    db = os.path.join(tmp, "history.sqlite")
    server, port = start_server(db)
    base = f"http://127.0.0.1:{port}"
    d = browser(downloads)
    wait = WebDriverWait(d, 60)
    try:
        # 1. The seed example.
        example = os.path.join(SRC, "indicators/examples/kepu-2022.yaml")
        upload(d, base, example)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-total]")))
        check(text_of(d, "span[data-total]") == ["97.00"], f"seed example: total {text_of(d, 'span[data-total]')}")
        check(text_of(d, "span[data-grade]") == ["优"], f"seed example: grade {text_of(d, 'span[data-grade]')}")
        rows = d.find_elements(By.CSS_SELECTOR, "table.score tr.has-warning")
        check(any("科普活动受益群众" in r.text and "kepu-2022.yaml:103" in r.text for r in rows),
              "seed example: the target-too-low warning beside its row, with its line")
        expected = json.loads(subprocess.run([JIXIAO, "score", "--json", example], capture_output=True, text=True,
                                             check=True).stdout)[0]
        cells = text_of(d, "table.score td.score")
        check(cells[:-2] == [i["score"] is None and "不适用" or f"{i['score']:.2f}" for i in expected["indicators"]],
              "seed example: every row's score as `score --json` gives it")
        console_errors(d, "score page")
        shot(d, "score")
        before = set(glob.glob(os.path.join(downloads, "*")))
        d.find_element(By.CSS_SELECTOR, "[data-action=download-xlsx]").click()
        book = wait_download(downloads, "*.xlsx", before)
        if check(book is not None, "seed example: the 自评表 workbook was downloaded"):
            r = subprocess.run([os.path.join(SRC, "tests/tools/xlsx-check"), "--recalc", book], capture_output=True,
                               text=True)
            check(r.returncode == 0, f"downloaded workbook: xlsx-check --recalc: {r.stdout[-500:]} {r.stderr[-500:]}")
            dump = subprocess.run([os.path.join(SRC, "tests/tools/xlsx-check"), book], capture_output=True, text=True)
            check("97" in dump.stdout and "省级科普专项经费" in dump.stdout, "downloaded workbook: the project and 97")
        before = set(glob.glob(os.path.join(downloads, "*")))
        d.find_element(By.CSS_SELECTOR, "[data-action=download-json]").click()
        js = wait_download(downloads, "*.json", before)
        if check(js is not None, "seed example: the JSON was downloaded"):
            with open(js, encoding="utf-8") as f:
                data = json.load(f)
            first = data[0] if isinstance(data, list) else data
            check(first.get("total") == 97.0 and first.get("grade") == "优", f"downloaded JSON: total {first.get('total')}")

        # 2. A filled workbook with mistakes: the differences the command line finds.
        fixture = os.path.join(SRC, "tests/fixtures/mof-merged.xlsx")
        review = json.loads(subprocess.run([JIXIAO, "review", "--json", fixture], capture_output=True,
                                           text=True).stdout)[0]
        upload(d, base, fixture)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".verdict")))
        want = sorted(r["cell"] for t in review["tables"] for r in t["rows"] if r["code"] not in ("", "unverifiable"))
        got = sorted(e.find_element(By.CSS_SELECTOR, "td").text for e in d.find_elements(By.CSS_SELECTOR, "tr.differs"))
        check(len(want) > 0 and got == want, f"review: differing cells {got}, `review --json` says {want}")
        labels = {r["label"] for t in review["tables"] for r in t["rows"] if r["code"] not in ("", "unverifiable")}
        page = d.find_element(By.TAG_NAME, "main").text
        check(all(l in page for l in labels), f"review: every class named ({labels})")
        findings = sum(len(t["findings"]) for t in review["tables"])
        check(f"发现问题 {findings} 处" in page, f"review: {findings} findings announced")
        console_errors(d, "review page")
        shot(d, "review")

        # 3. A hostile project name is text.
        hostile = os.path.join(tmp, "hostile.yaml")
        with open(example, encoding="utf-8") as f:
            text = f.read()
        name = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"
        text = re.sub(r"^project: .*$", "project: '" + name.replace("'", "''") + "'", text, count=1, flags=re.M)
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(text)
        upload(d, base, hostile)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-total]")))
        check(name in d.find_element(By.CSS_SELECTOR, "main h2").text, "hostile name shown as text")
        check(d.execute_script("return window.pwned === undefined"), "hostile name: no script ran")
        check(not d.find_elements(By.CSS_SELECTOR, "main img, main script"), "hostile name: no element made of it")

        # 4. A batch of generated files.
        seed = int(os.environ.get("JIXIAO_SEED", random.randrange(1 << 30)))
        print(f"batch seed {seed} (JIXIAO_SEED={seed})", flush=True)
        gen = os.path.join(tmp, "gen")
        subprocess.run([sys.executable, os.path.join(SRC, "bench/generate.py"), "24", gen, "--seed", str(seed),
                        "--broken", "0.1", "--departments", "4"], check=True, capture_output=True)
        files = sorted(glob.glob(os.path.join(gen, "**", "*.yaml"), recursive=True))
        cli = json.loads(subprocess.run([JIXIAO, "batch", "--json", "-q"] + files, capture_output=True,
                                        text=True).stdout)
        summary = cli if isinstance(cli, dict) else cli[0]
        ranked = summary.get("rows") or summary.get("ranking") or []
        upload(d, base, files, "/batch")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.ranked")))
        page_totals = text_of(d, "table.ranked td.score")
        cli_totals = [f"{r['total']:.2f}" for r in ranked]
        check(len(page_totals) > 0 and page_totals == cli_totals,
              f"batch: ranked totals {page_totals[:5]}… as `batch --json` {cli_totals[:5]}…")
        # With --db the run was recorded: the page gives the count, which is every record the
        # (fresh) database now holds.
        stored = json.loads(subprocess.run([JIXIAO, "history", "--db", db, "--json"], capture_output=True,
                                           text=True, check=True).stdout)
        note = text_of(d, "p.recorded")
        check(len(stored) > 0 and note and f"已记入历年数据库：新增 {len(stored)} 条（已有的不重复记录）" in note[0],
              f"batch: the database note {note}, the database holds {len(stored)} records")
        console_errors(d, "batch page")
        shot(d, "batch")
        # Sort by 总分 (ascending on the first click), then filter by a grade.
        header = [h for h in d.find_elements(By.CSS_SELECTOR, "table.ranked thead th") if h.text.startswith("总分")][0]
        header.click()
        asc = [float(t) for t in text_of(d, "table.ranked td.score")]
        check(asc == sorted(asc), "batch: sorting by 总分 in the page")
        grade = text_of(d, "table.ranked tbody tr td:nth-child(9)")[0]
        Select(d.find_element(By.CSS_SELECTOR, "select[data-filter-attr=grade]")).select_by_value(grade)
        visible = [r for r in d.find_elements(By.CSS_SELECTOR, "table.ranked tbody tr") if r.is_displayed()]
        check(len(visible) > 0 and all(r.get_attribute("data-grade") == grade for r in visible),
              f"batch: filtering by grade {grade}")
        check(len(visible) == sum(1 for r in ranked if r["grade"] == grade), "batch: the filter keeps every row of it")
        invalid = d.find_elements(By.CSS_SELECTOR, "table.invalid tbody tr")
        check(len(invalid) == len(summary.get("invalid", [])), f"batch: {len(invalid)} invalid files listed")
        before = set(glob.glob(os.path.join(downloads, "*")))
        d.find_element(By.CSS_SELECTOR, "[data-action=download-batch-xlsx]").click()
        book = wait_download(downloads, "*.xlsx", before)
        if check(book is not None, "batch: 汇总.xlsx downloaded"):
            dump = subprocess.run([os.path.join(SRC, "tests/tools/xlsx-check"), book], capture_output=True, text=True)
            check(dump.returncode == 0 and all(r["project"] in dump.stdout for r in ranked if r["project"]),
                  "batch: 汇总.xlsx lists every ranked project")
        # The same files as one zip.
        archive = os.path.join(tmp, "batch.zip")
        with zipfile.ZipFile(archive, "w") as z:
            for f in files:
                z.write(f, os.path.relpath(f, gen))
        upload(d, base, archive, "/batch")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.ranked")))
        check(text_of(d, "table.ranked td.score") == cli_totals, "batch: a zip of the same files, the same ranking")
        note = text_of(d, "p.recorded")
        check(note and "新增 0 条（已有的不重复记录）" in note[0], f"batch: the same files again add nothing: {note}")

        # 5. History (the batch was recorded) and templates.
        d.get(base + "/history")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main")))
        sections = d.find_elements(By.CSS_SELECTOR, "section.history-department")
        departments = {r["department"] for r in ranked}
        check(len(sections) == len(departments), f"history: {len(sections)} departments, the batch had {len(departments)}")
        check(len(d.find_elements(By.CSS_SELECTOR, "section.history-department svg")) == len(sections),
              "history: a chart per department")
        aggregates = subprocess.run([JIXIAO, "history", "--db", db, "--json", "--aggregates"], capture_output=True,
                                    text=True, check=True).stdout
        means = {}
        for m in json.loads(aggregates)["departments"]:
            means.setdefault(m["department"], []).append(f"{m['weighted_mean']:.2f}")
        check(len(means) > 0, "history: the CLI has departments' means")
        for sec in sections:
            dept = sec.find_element(By.CSS_SELECTOR, "h2").text
            rows = sec.find_elements(By.CSS_SELECTOR, "table.history tr.mean")
            if not check(len(rows) == (1 if dept in means else 0), f"history: {dept}: a 部门加权平均 row"):
                continue
            if dept not in means:
                continue
            check("部门加权平均" in rows[0].text, f"history: {dept}: the row is labelled 部门加权平均")
            got = [e.text for e in rows[0].find_elements(By.CSS_SELECTOR, "span.mean-score")]
            check(got == means[dept], f"history: {dept}: means {got}, `history --json --aggregates` {means[dept]}")
            lines = sec.find_elements(By.CSS_SELECTOR, "svg g.series.mean")
            check(len(lines) == 1 and "部门加权平均" in lines[0].find_element(By.CSS_SELECTOR, "text.legend").text,
                  f"history: {dept}: the chart's 部门加权平均 line with its legend")
            # Drawn apart: dashed and thicker than the projects' lines.
            dash = d.execute_script("return getComputedStyle(arguments[0].querySelector('line')).strokeDasharray", lines[0])
            check(dash not in ("", "none"), f"history: {dept}: the mean line is dashed ({dash})")
        for query, args in (("", []), ("?aggregates=1", ["--aggregates"])):
            with urllib.request.urlopen(base + "/api/history" + query, timeout=30) as r:
                api = r.read().decode("utf-8")
            cli_json = subprocess.run([JIXIAO, "history", "--db", db, "--json"] + args, capture_output=True, text=True,
                                      check=True).stdout
            check(api == cli_json, f"GET /api/history{query} is `history --json {' '.join(args)}` byte for byte")
        console_errors(d, "history page")
        shot(d, "history")
        d.get(base + "/templates")
        links = d.find_elements(By.CSS_SELECTOR, "ul.downloads a")
        names = [l.text for l in links]
        check("project.yaml" in names and "kepu-2022.yaml" in names, f"templates: {names}")
        before = set(glob.glob(os.path.join(downloads, "*")))
        [l for l in links if l.text == "project.yaml"][0].click()
        got = wait_download(downloads, "project*.yaml", before)
        if check(got is not None, "templates: project.yaml downloaded"):
            with open(got, "rb") as a, open(os.path.join(SRC, "indicators/templates/project.yaml"), "rb") as b:
                check(a.read() == b.read(), "templates: the download is the template")
        console_errors(d, "templates page")
        shot(d, "templates")
        d.get(base + "/")
        console_errors(d, "upload page")
        shot(d, "upload")
    except TimeoutException as e:
        check(False, f"timed out waiting for the page: {e.msg} (at {d.current_url})")
        shot(d, "timeout")
    finally:
        d.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{checks - len(failures)} of {checks} checks passed; screenshots in {OUT}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
