// jixiao serve: the pages' one script (no inline script anywhere: the
// server's Content-Security-Policy forbids it). It adds, on top of pages
// that work without it:
// - drag-and-drop onto the upload box;
// - posting the upload itself and showing the result in the page, so that
//   the chosen files are kept for the download buttons (自评表 / 汇总.xlsx and
//   JSON re-post them to the API);
// - sorting and filtering of tables, printing.
"use strict";

(function () {
  // The files of the last upload, for the download buttons.
  let kept = null; // {files: File[], field: "file" | "files"}

  function status(text) {
    for (const s of document.querySelectorAll(".actions .status")) s.textContent = text;
  }

  function fileNameFrom(response, fallback) {
    const cd = response.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) {
      try {
        return decodeURIComponent(star[1]);
      } catch (e) {
        return fallback;
      }
    }
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  async function errorText(response) {
    try {
      const j = await response.json();
      if (j && j.error) return j.error;
    } catch (e) {
      // not JSON: fall through
    }
    return "服务器返回 " + response.status;
  }

  async function download(url, name) {
    if (!kept || kept.files.length === 0) {
      status("请在上面重新选择文件再下载（下载要用刚才上传的文件）。");
      return;
    }
    const data = new FormData();
    for (const f of kept.files) data.append(kept.field, f, f.name);
    status("正在生成……");
    try {
      const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
      if (!response.ok) {
        status("下载失败：" + (await errorText(response)));
        return;
      }
      save(await response.blob(), fileNameFrom(response, name));
      status("已下载 " + fileNameFrom(response, name));
    } catch (e) {
      status("下载失败：无法连接服务器。");
    }
  }

  const actions = {
    "download-xlsx": function () { download("/api/score.xlsx", "自评表.xlsx"); },
    "download-json": function () { download("/api/score", "评分结果.json"); },
    "download-batch-xlsx": function () { download("/api/batch.xlsx", "汇总.xlsx"); },
    "download-batch-json": function () { download("/api/batch", "汇总.json"); },
    "print": function () { window.print(); },
  };

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action]) {
      event.preventDefault();
      actions[button.dataset.action]();
      return;
    }
    const th = event.target.closest("th[data-type]");
    if (th) sortBy(th);
  });

  // Sorting: by the cells' data-sort (numbers) or text; the server's order
  // is the rank, so the first click on a column sorts it ascending.
  function sortBy(th) {
    const table = th.closest("table");
    if (!table || !table.hasAttribute("data-sortable")) return;
    const index = Array.prototype.indexOf.call(th.parentNode.children, th);
    const numeric = th.dataset.type === "num";
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of th.parentNode.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const key = function (row) {
      const cell = row.children[index];
      if (!cell) return numeric ? -Infinity : "";
      const v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
      return numeric ? parseFloat(v) : v;
    };
    rows.sort(function (a, b) {
      const x = key(a), y = key(b);
      const c = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return ascending ? c : -c;
    });
    for (const r of rows) body.appendChild(r);
  }

  // Filtering: a text box (any cell contains the text) and selects on a
  // row attribute (data-grade, data-code), combined.
  function applyFilters(id) {
    const table = document.getElementById(id);
    if (!table) return;
    const text = document.querySelector('[data-filter-text="' + id + '"]');
    const selects = document.querySelectorAll('[data-filter-select="' + id + '"]');
    const needle = text ? text.value.trim() : "";
    let shown = 0;
    const rows = table.tBodies[0] ? Array.from(table.tBodies[0].rows) : [];
    for (const row of rows) {
      let ok = needle === "" || row.textContent.indexOf(needle) >= 0;
      for (const s of selects) {
        if (s.value !== "" && row.getAttribute("data-" + s.dataset.filterAttr) !== s.value) ok = false;
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    const count = document.querySelector('[data-count-for="' + id + '"]');
    if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 行";
  }

  document.addEventListener("input", function (event) {
    const id = event.target.dataset && (event.target.dataset.filterText || event.target.dataset.filterSelect);
    if (id) applyFilters(id);
  });
  document.addEventListener("change", function (event) {
    const id = event.target.dataset && event.target.dataset.filterSelect;
    if (id) applyFilters(id);
  });

  // Uploads: post with fetch and show the result's <main> in place.
  async function submitUpload(form) {
    const input = form.querySelector('input[type="file"]');
    if (!input || input.files.length === 0) {
      input && input.reportValidity();
      return;
    }
    const files = Array.from(input.files);
    const data = new FormData();
    for (const f of files) data.append(input.name, f, f.name);
    const button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = true;
      button.textContent = "处理中……";
    }
    try {
      const response = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
      const html = await response.text();
      const doc = new DOMParser().parseFromString(html, "text/html");
      const main = doc.querySelector("main");
      if (!main) throw new Error("no main");
      kept = response.ok ? { files: files, field: input.name } : null;
      document.querySelector("main").innerHTML = main.innerHTML;
      document.title = doc.title;
      initialise();
      window.scrollTo(0, 0);
    } catch (e) {
      if (button) {
        button.disabled = false;
        button.textContent = "重试";
      }
      alert("无法连接服务器：jixiao serve 是否还在运行？");
    }
  }

  function initialise() {
    for (const form of document.querySelectorAll("form[data-upload]")) {
      if (form.dataset.ready) continue;
      form.dataset.ready = "1";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        submitUpload(form);
      });
      const drop = form.querySelector("[data-drop]");
      const input = form.querySelector('input[type="file"]');
      if (!drop || !input) continue;
      drop.addEventListener("dragover", function (event) {
        event.preventDefault();
        drop.classList.add("over");
      });
      drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
      drop.addEventListener("drop", function (event) {
        event.preventDefault();
        drop.classList.remove("over");
        if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
        input.files = event.dataTransfer.files;
        submitUpload(form);
      });
    }
    for (const el of document.querySelectorAll("[data-count-for]")) applyFilters(el.dataset.countFor);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialise);
  } else {
    initialise();
  }
})();
