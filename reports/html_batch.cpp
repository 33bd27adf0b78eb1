#include "reports/html_batch.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/findings.h"
#include "reports/html_charts.h"
#include "reports/html_document.h"

namespace jx::reports {

namespace {

std::string num(Decimal d) {
  return d.to_string(2);
}

std::string esc(std::string_view s) {
  return html_escape(s);
}

std::string td_n(const std::string& text, const std::string& sort_key) {
  return "<td class=\"n\" data-sort=\"" + sort_key + "\">" + text + "</td>";
}

std::string overview(const BatchSummary& s) {
  const Overview& o = s.overview;
  std::string out = "<dl class=\"overview\">";
  const auto item = [&](std::string_view label, const std::string& value) {
    out += "<div><dt>";
    out += label;
    out += "</dt><dd>" + value + "</dd></div>";
  };
  item("收到文件", std::to_string(o.received));
  item("已计分", std::to_string(o.scored));
  item("无效文件", std::to_string(o.invalid));
  item("项目", std::to_string(o.projects));
  item("平均分", num(o.mean));
  item("预算加权平均分", num(o.weighted_mean));
  item("全年预算数（万元）", num(o.budget));
  item("全年执行数（万元）", num(o.executed));
  item("执行率", o.rate ? percent_text(*o.rate) : "—");
  if (o.has_prior) {
    item("上年项目", std::to_string(o.prior_projects));
    item("上年平均分", num(o.prior_mean));
    item("上年加权平均分", num(o.prior_weighted_mean));
  }
  return out + "</dl>\n";
}

std::string ranked_table(const BatchSummary& s, const std::string& id) {
  std::string out =
      "<div class=\"filters no-print\" role=\"search\"><label>筛选：<input type=\"search\" data-filter-text=\"" + id +
      "\" placeholder=\"部门、单位或项目名称\"></label> <label>等级：<select data-filter-select=\"" + id +
      "\" data-filter-attr=\"grade\"><option value=\"\">全部</option>";
  for (const std::string& g : s.grade_order) out += "<option value=\"" + esc(g) + "\">" + esc(g) + "</option>";
  out += "</select></label> <span class=\"count\" data-count-for=\"" + id + "\"></span></div>\n";
  out += "<div class=\"table-wrap\"><table class=\"ranked\" id=\"" + id +
         "\" data-sortable>\n<caption>排名（点击表头排序）</caption>\n<thead><tr>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">名次</th><th scope=\"col\" data-type=\"text\">主管部门</th>"
         "<th scope=\"col\" data-type=\"text\">实施单位</th><th scope=\"col\" data-type=\"text\">项目</th>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">全年预算数（万元）</th>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">执行率</th><th scope=\"col\" data-type=\"num\" class=\"n\">预算执行得分</th>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">总分</th><th scope=\"col\" data-type=\"text\">等级</th>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">自报</th><th scope=\"col\" data-type=\"num\" class=\"n\">上年</th>"
         "<th scope=\"col\" data-type=\"num\" class=\"n\">问题</th><th scope=\"col\" data-type=\"text\">文件</th>"
         "</tr></thead>\n<tbody>\n";
  for (const SubmissionRow& r : s.rows) {
    const std::string rate = r.budget.is_zero() ? "—" : percent_text(r.rate);
    out += "<tr data-grade=\"" + esc(r.grade) + "\"><td class=\"n\" data-sort=\"" + std::to_string(r.rank) + "\">" +
           std::to_string(r.rank) + "</td><td>" + esc(r.department) + "</td><td>" + esc(r.unit) + "</td><th scope=\"row\">" +
           (r.department_wide ? "部门整体" : esc(r.project)) + "</th>" + td_n(num(r.budget), r.budget.to_plain()) +
           td_n(rate, r.budget.is_zero() ? "-1" : r.rate.to_plain()) + td_n(num(r.budget_score), r.budget_score.to_plain()) +
           "<td class=\"n score\" data-sort=\"" + r.total.to_plain() + "\">" + num(r.total) + "</td><td>" + esc(r.grade) +
           "</td>" + td_n(r.declared ? num(*r.declared) : "—", r.declared ? r.declared->to_plain() : "-1") +
           td_n(r.prior_total ? num(*r.prior_total) : "—", r.prior_total ? r.prior_total->to_plain() : "-1") +
           td_n(std::to_string(r.findings.size()), std::to_string(r.findings.size())) + "<td class=\"file\">" +
           esc(r.file) + "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

std::string departments_table(const BatchSummary& s) {
  std::string out =
      "<div class=\"table-wrap\"><table class=\"departments\">\n<caption>各部门等级分布（按预算加权平均分排名）</caption>\n"
      "<thead><tr><th scope=\"col\" class=\"n\">名次</th><th scope=\"col\">主管部门</th><th scope=\"col\" class=\"n\">项目</th>"
      "<th scope=\"col\" class=\"n\">全年预算数（万元）</th><th scope=\"col\" class=\"n\">预算加权平均分</th>";
  for (const std::string& g : s.grade_order) out += "<th scope=\"col\" class=\"n\">" + esc(g) + "</th>";
  out += "<th scope=\"col\" class=\"n\">无效文件</th><th scope=\"col\" class=\"n\">部门整体</th><th scope=\"col\" class=\"n\">上年加权</th></tr></thead>\n<tbody>\n";
  for (const DepartmentSummary& d : s.departments) {
    out += "<tr><td class=\"n\">" + (d.rank > 0 ? std::to_string(d.rank) : "—") + "</td><th scope=\"row\">" +
           esc(d.name) + "</th><td class=\"n\">" + std::to_string(d.projects) + "</td><td class=\"n\">" + num(d.budget) +
           "</td><td class=\"n\">" + (d.projects > 0 ? num(d.weighted_mean) : "—") + "</td>";
    for (const std::string& g : s.grade_order) {
      const auto it = d.grades.find(g);
      out += "<td class=\"n\">" + std::to_string(it == d.grades.end() ? 0 : it->second) + "</td>";
    }
    out += "<td class=\"n\">" + std::to_string(d.invalid) + "</td><td class=\"n\">" +
           (d.department_total ? num(*d.department_total) + " " + esc(d.department_grade) : "—") + "</td><td class=\"n\">" +
           (d.prior_weighted_mean ? num(*d.prior_weighted_mean) : "—") + "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

std::string charts(const BatchSummary& s) {
  std::vector<ChartBar> grades;
  for (const std::string& g : s.grade_order) {
    const auto it = s.grade_counts.find(g);
    grades.push_back({g, it == s.grade_counts.end() ? 0 : it->second});
  }
  std::vector<ChartBar> bins;
  for (const HistogramBin& b : s.histogram) bins.push_back({b.label, b.count});
  std::string out = "<div class=\"charts\">\n<figure><figcaption>等级分布（项目数）</figcaption>" +
                    svg_bar_chart(grades, "等级分布：各等级的项目数") + "</figure>\n";
  out += "<figure><figcaption>总分分布（项目数）</figcaption>" + svg_bar_chart(bins, "总分分布：各分数段的项目数") +
         "</figure>\n</div>\n";
  // The same figures as a table, for screen readers and print.
  out += "<details class=\"chart-data\"><summary>图中数据（表格）</summary><table class=\"chart-data\"><caption>图中数据</caption><thead><tr><th scope=\"col\">等级或分数段</th>"
         "<th scope=\"col\" class=\"n\">项目数</th></tr></thead><tbody>";
  for (const ChartBar& b : grades) out += "<tr><th scope=\"row\">" + esc(b.label) + "</th><td class=\"n\">" + std::to_string(b.value) + "</td></tr>";
  for (const ChartBar& b : bins) out += "<tr><th scope=\"row\">" + esc(b.label) + "</th><td class=\"n\">" + std::to_string(b.value) + "</td></tr>";
  return out + "</tbody></table></details>\n";
}

std::string problems(const BatchSummary& s, const std::string& id) {
  std::map<std::string, int> counts;
  for (const SubmissionRow& r : s.rows) {
    for (const SubmissionFinding& f : r.findings) ++counts[f.code];
  }
  std::string out = "<h3>问题清单</h3>\n";
  if (counts.empty()) return out + "<p>没有发现问题。</p>\n";
  out += "<div class=\"filters no-print\"><label>问题类别：<select data-filter-select=\"" + id +
         "\" data-filter-attr=\"code\"><option value=\"\">全部</option>";
  // In report order (kFindingKinds), then any other code.
  std::set<std::string> shown;
  const auto option = [&](const std::string& code) {
    const auto it = counts.find(code);
    if (it == counts.end() || !shown.insert(code).second) return;
    const std::string_view label = finding_kind_label(code);
    out += "<option value=\"" + esc(code) + "\">" + esc(label.empty() ? code : std::string(label)) + "（" +
           std::to_string(it->second) + "）</option>";
  };
  for (const FindingKind& k : kFindingKinds) option(std::string(k.code));
  for (const auto& [code, n] : counts) option(code);
  out += "</select></label> <span class=\"count\" data-count-for=\"" + id + "\"></span></div>\n";
  out += "<div class=\"table-wrap\"><table class=\"problems\" id=\"" + id +
         "\">\n<caption>问题清单（每条问题一行）</caption>\n<thead><tr><th scope=\"col\">主管部门</th><th scope=\"col\">项目</th>"
         "<th scope=\"col\">类别</th><th scope=\"col\">指标</th><th scope=\"col\">位置</th><th scope=\"col\">说明</th>"
         "</tr></thead>\n<tbody>\n";
  for (const SubmissionRow& r : s.rows) {
    for (const SubmissionFinding& f : r.findings) {
      const std::string_view label = finding_kind_label(f.code);
      // Appended piecewise: GCC 12 at -O3 reports a false -Wrestrict for "literal" + std::string&&.
      std::string where = esc(r.file);
      if (f.line > 0) {
        where += ':';
        where += std::to_string(f.line);
      }
      out += "<tr data-code=\"" + esc(f.code) + "\"><td>" + esc(r.department) + "</td><th scope=\"row\">" +
             (r.department_wide ? "部门整体" : esc(r.project)) + "</th><td>" +
             esc(label.empty() ? f.code : std::string(label)) + "</td><td>" + esc(f.indicator) + "</td><td>" + where +
             "</td><td>" + esc(f.message) + "</td></tr>\n";
    }
  }
  return out + "</tbody></table></div>\n";
}

std::string invalid_files(const BatchSummary& s) {
  if (s.invalid.empty()) return {};
  std::string out = "<h3>无效文件（" + std::to_string(s.invalid.size()) + " 个，退回重报）</h3>\n"
                    "<div class=\"table-wrap\"><table class=\"invalid\">\n<caption>无效文件及其前几处错误</caption>\n"
                    "<thead><tr><th scope=\"col\">文件</th><th scope=\"col\">主管部门</th><th scope=\"col\">项目</th>"
                    "<th scope=\"col\">原因</th><th scope=\"col\">错误（前 3 处）</th></tr></thead>\n<tbody>\n";
  for (const InvalidFile& f : s.invalid) {
    const std::string_view cause = invalid_cause_label(f.cause);
    out += "<tr data-cause=\"" + esc(f.cause) + "\"><th scope=\"row\">" + esc(f.file) + "</th><td>" + esc(f.department) +
           "</td><td>" + esc(f.project) + "</td><td>" +
           esc(!cause.empty() ? std::string(cause) : f.cause.empty() ? "其他" : "其他（" + f.cause + "）") +
           "</td><td><ul class=\"diags\">";
    const int shown = std::min(f.errors > 0 ? f.errors : static_cast<int>(f.messages.size()), 3);
    for (int i = 0; i < shown && i < static_cast<int>(f.messages.size()); ++i) {
      out += "<li class=\"diag error\">" + esc(f.messages[static_cast<std::size_t>(i)]) + "</li>";
    }
    if (f.errors > shown) out += "<li>…… 共 " + std::to_string(f.errors) + " 处错误</li>";
    out += "</ul></td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

std::string html_batch_page(const std::vector<BatchSummary>& summaries, const BatchPageNotes& notes) {
  std::string body;
  if (summaries.empty()) {
    body +=
        "<p>一次选择或拖入许多自评文件（项目、部门 YAML 或已填写的自评表），或一个 zip 压缩包，得到汇总："
        "排名、各部门等级分布、图表、问题清单和无效文件。</p>\n";
    body += html_upload_form("/batch", true);
    return html_document({"批量汇总", NavItem::Batch, body});
  }
  body +=
      "<div class=\"actions no-print\" role=\"group\" aria-label=\"下载与打印\">"
      "<button type=\"button\" data-action=\"download-batch-xlsx\">下载 汇总.xlsx</button> "
      "<button type=\"button\" data-action=\"download-batch-json\">下载 JSON</button> "
      "<button type=\"button\" data-action=\"print\">打印</button>"
      "<span class=\"status\" role=\"status\" aria-live=\"polite\"></span></div>\n";
  if (notes.recorded) {
    body += "<p class=\"note recorded\">已记入历年数据库：新增 " + std::to_string(*notes.recorded) +
            " 条（已有的不重复记录）。<a href=\"/history\">查看历年</a></p>\n";
  } else {
    body += "<p class=\"note recorded\">本次汇总未记入历年数据库（服务启动时没有指定数据库：<code>jixiao serve --db "
            "jixiao.sqlite</code>）。</p>\n";
  }
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const BatchSummary& s = summaries[i];
    const std::string n = std::to_string(i);
    body += "<section class=\"summary\" data-year=\"" + std::to_string(s.year) + "\">\n<h2>" +
            (s.year > 0 ? std::to_string(s.year) + "年度" : std::string("年度不明")) + "绩效自评汇总</h2>\n";
    body += overview(s);
    body += ranked_table(s, "ranked-" + n);
    body += "<h3>各部门</h3>\n" + departments_table(s);
    body += "<h3>分布</h3>\n" + charts(s);
    body += problems(s, "problems-" + n);
    body += invalid_files(s);
    body += "</section>\n";
  }
  body += "<h2 class=\"no-print\">再汇总一批</h2>\n" + html_upload_form("/batch", true);
  return html_document({"批量汇总结果", NavItem::Batch, body});
}

}  // namespace jx::reports
