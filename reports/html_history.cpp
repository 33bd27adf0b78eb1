#include "reports/html_history.h"

#include <map>
#include <set>

#include "reports/html_charts.h"
#include "reports/html_document.h"

namespace jx::reports {

namespace {

std::string esc(std::string_view s) {
  return html_escape(s);
}

/// One stored evaluation over the years: a project, or the department-wide one.
struct Line {
  std::string name;
  std::map<int, const store::TrendPoint*> years;
};

struct DepartmentLines {
  std::string name;
  std::vector<Line> lines;
  std::map<int, const DepartmentYear*> mean;  ///< the budget-weighted mean by year (none: no projects)
};

/// Groups the records into one line per evaluation: departments in the
/// order they first appear (History::trend orders by department, kind,
/// project, year), lines likewise, whatever the order of the records.
std::vector<DepartmentLines> group(const std::vector<store::TrendPoint>& points) {
  std::vector<DepartmentLines> out;
  std::map<std::string, std::size_t> department_index;
  std::map<std::pair<std::size_t, std::string>, std::size_t> line_index;
  for (const store::TrendPoint& p : points) {
    const auto [d, new_department] = department_index.emplace(p.department, out.size());
    if (new_department) out.push_back({p.department, {}, {}});
    DepartmentLines& dep = out[d->second];
    // The department-wide line is named as such (its project is empty).
    const std::string name = p.department_wide ? "部门整体支出" : p.project;
    const auto [l, new_line] = line_index.emplace(std::pair{d->second, name}, dep.lines.size());
    if (new_line) dep.lines.push_back({name, {}});
    dep.lines[l->second].years[p.year] = &p;
  }
  return out;
}

std::string form(const HistoryQuery& q) {
  return "<form class=\"filters no-print\" method=\"get\" action=\"/history\" role=\"search\">"
         "<label>主管部门 <input type=\"search\" name=\"department\" value=\"" + esc(q.department) +
         "\"></label> <label>项目 <input type=\"search\" name=\"project\" value=\"" + esc(q.project) +
         "\"></label> <button type=\"submit\">查询</button> <a href=\"/history\">全部</a>"
         "<span class=\"hint\">（名称中包含所填文字即可）</span></form>\n";
}

/// The last column's change: the last year's value less the year before's
/// (as for every row of the table), "—" when either is missing.
template <class Years, class Value>
std::string change_cell(const Years& row, const std::vector<int>& years, Value value) {
  const auto a = row.find(years[years.size() - 2]), b = row.find(years.back());
  if (a == row.end() || b == row.end()) return "<td class=\"n\">—</td>";
  const Decimal change = value(b->second) - value(a->second);
  return std::string("<td class=\"n\">") + (change.is_negative() ? "" : "+") + change.to_string(2) + "</td>";
}

std::string department_section(const DepartmentLines& d) {
  std::set<int> year_set;
  for (const Line& l : d.lines) {
    for (const auto& [y, p] : l.years) year_set.insert(y);
  }
  const std::vector<int> years(year_set.begin(), year_set.end());
  std::vector<ChartSeries> series;
  for (const Line& l : d.lines) {
    ChartSeries s{l.name, {}};
    for (const auto& [y, p] : l.years) s.points.push_back({y, p->total});
    series.push_back(std::move(s));
  }
  // The mean last: drawn over the projects' lines, so that it is never hidden.
  if (!d.mean.empty()) {
    ChartSeries m{"部门加权平均", {}, true};
    for (const auto& [y, dy] : d.mean) m.points.push_back({y, dy->weighted_mean});
    series.push_back(std::move(m));
  }
  std::string out = "<section class=\"history-department\">\n<h2>" + esc(d.name) + "</h2>\n<div class=\"pair\"><figure>" +
                    svg_line_chart(series, d.name + "：各年度总分") + "</figure>\n";
  out += "<div class=\"table-wrap\"><table class=\"history\">\n<caption>" + esc(d.name) +
         "：各年度总分与等级</caption>\n<thead><tr><th scope=\"col\">项目</th>";
  for (int y : years) out += "<th scope=\"col\" class=\"n\">" + std::to_string(y) + "年</th>";
  if (years.size() > 1) out += "<th scope=\"col\" class=\"n\">较上年</th>";
  out += "</tr></thead>\n<tbody>\n";
  if (!d.mean.empty()) {
    out += "<tr class=\"mean\"><th scope=\"row\">部门加权平均<span class=\"sub\">按预算加权</span></th>";
    for (int y : years) {
      const auto it = d.mean.find(y);
      if (it == d.mean.end()) {
        out += "<td class=\"n\">—</td>";
        continue;
      }
      out += "<td class=\"n\"><span class=\"mean-score\">" + it->second->weighted_mean.to_string(2) +
             "</span><br><span class=\"sub\">" + std::to_string(it->second->projects) + " 个项目</span></td>";
    }
    if (years.size() > 1) out += change_cell(d.mean, years, [](const DepartmentYear* y) { return y->weighted_mean; });
    out += "</tr>\n";
  }
  for (const Line& l : d.lines) {
    out += "<tr><th scope=\"row\">" + esc(l.name) + "</th>";
    for (int y : years) {
      const auto it = l.years.find(y);
      if (it == l.years.end()) {
        out += "<td class=\"n\">—</td>";
        continue;
      }
      const store::TrendPoint& p = *it->second;
      out += "<td class=\"n\" title=\"" + esc(p.file) + "\"><span class=\"score\">" + p.total.to_string(2) +
             "</span> " + esc(p.grade);
      if (p.findings > 0) out += "<br><span class=\"sub\">问题 " + std::to_string(p.findings) + "</span>";
      out += "</td>";
    }
    if (years.size() > 1) out += change_cell(l.years, years, [](const store::TrendPoint* p) { return p->total; });
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n</div>\n</section>\n";
}

}  // namespace

std::string html_history_page(const std::vector<store::TrendPoint>& points, const std::vector<DepartmentYear>& departments,
                              const HistoryQuery& query) {
  std::string body;
  if (!query.has_db) {
    body +=
        "<p class=\"note\">历年数据来自历年数据库。启动时指定数据库才能查看：</p>\n"
        "<pre>jixiao serve --db jixiao.sqlite</pre>\n"
        "<p>之后每次<a href=\"/batch\">批量汇总</a>都会记入该数据库。</p>\n";
    return html_document({"历年", NavItem::History, body});
  }
  body += form(query);
  if (points.empty()) {
    body += "<p>没有找到记录。";
    body += query.department.empty() && query.project.empty() ? "数据库中还没有记录：先做一次<a href=\"/batch\">批量汇总</a>。"
                                                              : "换一个名称再查。";
    body += "</p>\n";
    return html_document({"历年", NavItem::History, body});
  }
  auto lines = group(points);
  for (const DepartmentYear& y : departments) {
    for (DepartmentLines& d : lines) {
      if (d.name == y.department) d.mean[y.year] = &y;
    }
  }
  body += "<p>共 " + std::to_string(lines.size()) + " 个主管部门、" + std::to_string(points.size()) +
          " 条记录（同一年同一项目以最近一次记录为准）。「部门加权平均」是部门各项目总分按全年预算数加权的平均分"
          "（不含部门整体支出），与 <code>jixiao history</code> 所列相同。</p>\n";
  for (const DepartmentLines& d : lines) body += department_section(d);
  return html_document({"历年", NavItem::History, body});
}

}  // namespace jx::reports
