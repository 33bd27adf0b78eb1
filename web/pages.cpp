#include "web/pages.h"

#include "app/json_entry.h"
#include "engine/summary.h"

namespace jx::web {

namespace {

std::string head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" +
         html_escape(title) +
         " · jixiao 绩效</title><link rel=\"stylesheet\" href=\"/assets/jixiao.css\"></head><body>\n"
         "<nav><a href=\"/\">评分 / 复核</a> <a href=\"/batch\">批量汇总</a> <a href=\"/history\">历年</a> "
         "<a href=\"/templates\">模板</a></nav>\n<main>\n<h1>" +
         html_escape(title) + "</h1>\n";
}

const char* const kTail = "</main></body></html>\n";

std::string cell(std::string_view s) { return "<td>" + html_escape(s) + "</td>"; }
std::string num(std::string_view s) { return "<td class=\"num\">" + html_escape(s) + "</td>"; }

std::string diagnostics_list(const std::string& file, const Diagnostics& d, Severity which) {
  std::string out;
  for (const Diagnostic& x : d.sorted()) {
    if (x.severity != which) continue;
    out += "<li>" + html_escape(format_diagnostic(file, x)) + "</li>\n";
  }
  return out.empty() ? "" : "<ul class=\"" + std::string(which == Severity::Error ? "errors" : "warnings") + "\">\n" +
                                out + "</ul>\n";
}

std::string project_table(const std::string& file, const Project& p, const ProjectScore& s) {
  std::string out = "<section class=\"project\"><h2>" + html_escape(p.name) + "</h2>\n<p>" +
                    html_escape(p.department) + " · " + html_escape(p.unit) + " · " + std::to_string(p.year) +
                    " 年度 · <span class=\"file\">" + html_escape(file) + "</span></p>\n";
  out += "<p class=\"total\">总分 <strong id=\"total\">" + s.total.to_string(2) + "</strong> 等级 <strong id=\"grade\">" +
         html_escape(s.grade) + "</strong></p>\n";
  out += "<table><thead><tr><th>一级</th><th>二级</th><th>三级</th><th>年度指标值</th><th>实际完成值</th>"
         "<th>分值</th><th>得分</th><th>计分依据</th></tr></thead><tbody>\n";
  out += "<tr class=\"budget\"><td colspan=\"3\">预算执行率</td>" + cell(s.budget.budget.to_string(2) + " 万元") +
         cell(s.budget.executed.to_string(2) + " 万元") + num(s.budget.weight.to_plain()) +
         num(s.budget.score.to_string(2)) + cell("执行率 " + (s.budget.rate * Decimal(100)).to_string(2) + "%") +
         "</tr>\n";
  for (const LeafScore& l : s.leaves) {
    out += "<tr>";
    for (std::size_t i = 0; i < 3; ++i) out += cell(i < l.path.size() ? l.path[i] : "");
    out += cell(l.target) + cell(l.actual) + num(l.weight.to_plain()) +
           num(l.applicable ? l.score.to_string(2) : "不适用") + cell(l.basis) + "</tr>\n";
  }
  out += "</tbody></table>\n" + diagnostics_list(file, s.diagnostics, Severity::Warning) + "</section>\n";
  return out;
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string home_page(bool has_db) {
  return head("评分 / 复核") +
         "<p>选择一个项目或部门自评 YAML 文件，或一份填好的自评表工作簿（.xlsx / .xls），查看得分和计分依据；"
         "工作簿还会逐行比较自报得分与按规则计算的得分。</p>\n"
         "<form method=\"post\" action=\"/score\" enctype=\"multipart/form-data\">"
         "<input type=\"file\" name=\"file\" required> <button type=\"submit\">评分</button></form>\n"
         "<form method=\"post\" action=\"/api/score.xlsx\" enctype=\"multipart/form-data\">"
         "<input type=\"file\" name=\"file\" required> <button type=\"submit\">下载自评表工作簿</button></form>\n" +
         (has_db ? "<p>批量评分的结果记入历史数据库，见“历年”。</p>\n" : "") + kTail;
}

std::string score_page(const app::ScoreResult& r, const std::string& upload_name) {
  std::string out = head(r.workbook ? "复核结果" : "评分结果");
  if (r.bad_input) {
    out += "<p class=\"error\">文件有错误，未评分：</p><pre class=\"errors\">" + html_escape(r.message) + "</pre>\n";
  }
  if (r.review) {
    for (const TableReview& t : r.review->tables) {
      out += "<section class=\"review\"><h2>" + html_escape(t.sheet) + " · " + html_escape(t.project) + "</h2>\n";
      out += "<p>自报总分 <strong id=\"declared\">" +
             (t.declared_total ? t.declared_total->to_string(2) : std::string("未填")) +
             "</strong> 按规则 <strong>" + t.computed_total.to_string(2) + "（" + html_escape(t.computed_grade) +
             "）</strong></p>\n<table><thead><tr><th>指标</th><th>分值</th><th>自报</th><th>计算</th><th>问题</th>"
             "</tr></thead><tbody>\n";
      for (const ReviewRow& row : t.rows) {
        if (row.code.empty()) continue;
        out += "<tr class=\"difference\">" + cell(row.path.back()) + num(row.weight.to_plain()) +
               num(row.declared ? row.declared->to_string(2) : "未填") +
               num(row.computed_ok ? row.computed.to_string(2) : "—") + cell(row.label + "：" + row.reason) + "</tr>\n";
      }
      out += "</tbody></table>\n<ul>";
      for (const Finding& f : t.findings) {
        if (f.row.empty()) out += "<li>" + html_escape(f.label + "：" + f.text) + "</li>";
      }
      out += "</ul></section>\n";
    }
  }
  for (const app::Loaded& l : r.loaded) {
    if (l.failed) {
      out += diagnostics_list(l.failed->file, l.failed->diagnostics, Severity::Error);
      continue;
    }
    if (const app::LoadedProject* p = l.project()) out += project_table(p->file, p->project, p->score);
    if (const app::LoadedDepartment* d = l.department()) {
      out += "<section class=\"department\"><h2>" + html_escape(d->department.name) + "（部门整体）</h2>\n" +
             "<p class=\"total\">总分 <strong id=\"total\">" + d->score.core.total.to_string(2) +
             "</strong> 等级 <strong id=\"grade\">" + html_escape(d->score.core.grade) + "</strong></p>\n";
      out += diagnostics_list(d->file, d->score.core.diagnostics, Severity::Warning) + "</section>\n";
      for (const app::LoadedProject& p : d->projects) out += project_table(p.file, p.project, p.score);
    }
  }
  out += "<p>用同一文件：<a href=\"/\">重新选择</a>（下载工作簿与 JSON：在首页选择文件后用“下载自评表工作簿”，"
         "或调用 POST /api/score.xlsx、/api/score）</p>\n<p class=\"file\">" +
         html_escape(upload_name) + "</p>\n";
  return out + kTail;
}

std::string batch_form_page(bool has_db) {
  return head("批量汇总") +
         "<p>选择多个自评文件（YAML 或自评表工作簿），或一个 zip 压缩包。</p>\n"
         "<form method=\"post\" action=\"/batch\" enctype=\"multipart/form-data\">"
         "<input type=\"file\" name=\"files\" multiple required> <button type=\"submit\">汇总</button></form>\n" +
         (has_db ? "<p>结果记入历史数据库。</p>\n" : "<p>服务启动时没有指定 --db，结果不记入历史。</p>\n") + kTail;
}

std::string batch_page(const app::BatchResult& r) {
  std::string out = head("汇总结果");
  for (const BatchSummary& s : r.summaries) {
    out += "<section class=\"summary\"><h2>" + std::to_string(s.year) + " 年度</h2>\n<p>共 " +
           std::to_string(s.files) + " 份，评分 " + std::to_string(s.rows.size()) + " 份，退回 " +
           std::to_string(s.invalid.size()) + " 份</p>\n";
    out += "<table><thead><tr><th>排名</th><th>主管部门</th><th>项目</th><th>全年预算数</th><th>得分</th>"
           "<th>自报</th><th>等级</th><th>问题</th></tr></thead><tbody>\n";
    for (const SubmissionRow& row : s.rows) {
      out += "<tr>" + num(std::to_string(row.rank)) + cell(row.department) +
             cell(row.department_wide ? "（部门整体）" : row.project) + num(row.budget.to_string(2)) +
             num(row.total.to_string(2)) + num(row.declared ? row.declared->to_string(2) : "") + cell(row.grade) +
             num(std::to_string(row.findings.size())) + "</tr>\n";
    }
    out += "</tbody></table>\n";
    if (!s.invalid.empty()) {
      out += "<h3>退回重报</h3><ul class=\"errors\">";
      for (const InvalidFile& f : s.invalid) {
        out += "<li>" + html_escape(f.file) + "：" + html_escape(f.messages.empty() ? "" : f.messages.front()) + "</li>";
      }
      out += "</ul>\n";
    }
    out += "</section>\n";
  }
  return out + kTail;
}

std::string history_page(const std::string& department, const std::string& project,
                         const std::vector<app::TrendRow>& rows) {
  std::string out = head("历年得分");
  out += "<form method=\"get\" action=\"/history\">主管部门 <input name=\"department\" value=\"" +
         html_escape(department) + "\"> 项目 <input name=\"project\" value=\"" + html_escape(project) +
         "\"> <button type=\"submit\">查询</button></form>\n";
  out += "<table><thead><tr><th>主管部门</th><th>项目</th><th>年度</th><th>得分</th><th>等级</th><th>较上年</th>"
         "</tr></thead><tbody>\n";
  for (const app::TrendRow& r : rows) {
    out += "<tr>" + cell(r.p->department) + cell(r.p->department_wide ? "（部门整体）" : r.p->project) +
           num(std::to_string(r.p->year)) + num(r.p->total.to_string(2)) + cell(r.p->grade) +
           num(r.change ? r.change->to_string(2) : "") + "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (rows.empty()) out += "<p>（没有符合条件的记录）</p>\n";
  return out + kTail;
}

std::string templates_page(const std::vector<std::string>& names) {
  std::string out = head("模板与示例") + "<ul>\n";
  for (const auto& n : names) out += "<li><a href=\"/templates/" + html_escape(n) + "\">" + html_escape(n) + "</a></li>\n";
  return out + "</ul>\n" + kTail;
}

std::string error_page(int status, const std::string& message) {
  return head("出错了") + "<p class=\"error\">" + html_escape(message) + "</p>\n<p>（HTTP " + std::to_string(status) +
         "）<a href=\"/\">返回首页</a></p>\n" + kTail;
}

bool asset(const std::string& name, std::string& content, std::string& type) {
  if (name != "jixiao.css") return false;
  type = "text/css; charset=utf-8";
  content =
      "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;margin:1.5em;color:#222}"
      "nav a{margin-right:1em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;"
      "padding:.2em .5em;vertical-align:top}td.num{text-align:right}.error,.errors{color:#a00}"
      ".warnings{color:#850}.total strong{font-size:1.4em}"
      "@media print{nav,form{display:none}@page{size:A4 landscape}}";
  return true;
}

}  // namespace jx::web
