#include "app/history.h"

#include "reports/json_report.h"

namespace jx::app {

namespace {

bool same_series(const store::TrendPoint& a, const store::TrendPoint& b) {
  return a.department == b.department && a.project == b.project && a.department_wide == b.department_wide;
}

}  // namespace

std::vector<TrendRow> with_changes(const std::vector<store::TrendPoint>& points) {
  std::vector<TrendRow> rows;
  for (std::size_t i = 0; i < points.size(); ++i) {
    TrendRow r{&points[i], std::nullopt};
    if (i > 0 && same_series(points[i - 1], points[i]) && points[i - 1].year == points[i].year - 1) {
      r.change = points[i].total - points[i - 1].total;
    }
    rows.push_back(r);
  }
  return rows;
}

std::string records_json(const std::vector<TrendRow>& rows) {
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = *rows[i].p;
    reports::JsonLine l;
    l.text("department", p.department).text("project", p.project);
    l.text("kind", p.department_wide ? "department" : "project").raw("year", std::to_string(p.year));
    l.raw("total", p.total.to_string(2)).text("grade", p.grade);
    l.raw("change", rows[i].change ? rows[i].change->to_string(2) : "null");
    l.raw("declared_score", p.declared ? p.declared->to_string(2) : "null");
    l.raw("findings", std::to_string(p.findings)).text("rules", p.rules).text("file", p.file);
    out += (i ? ",\n  " : "\n  ") + l.done();
  }
  return out + (rows.empty() ? "]\n" : "\n]\n");
}

std::vector<DepartmentYear> department_years(const std::vector<store::TrendPoint>& points) {
  DepartmentTrend trend;
  for (const auto& p : points) trend.add(p.department, p.year, p.total, p.budget, p.department_wide);
  return trend.years();
}

std::string aggregates_json(const std::vector<TrendRow>& rows, const std::vector<DepartmentYear>& departments) {
  std::string records = records_json(rows);
  records.pop_back();  // the newline
  std::string depts = "[";
  for (std::size_t i = 0; i < departments.size(); ++i) {
    const DepartmentYear& d = departments[i];
    reports::JsonLine l;
    l.text("department", d.department).raw("year", std::to_string(d.year));
    l.raw("weighted_mean", d.weighted_mean.to_string(2)).raw("projects", std::to_string(d.projects));
    l.raw("change", d.change ? d.change->to_string(2) : "null");
    depts += (i ? ",\n    " : "\n    ") + l.done();
  }
  depts += departments.empty() ? "]" : "\n  ]";
  // The records array indented by two spaces inside the object.
  std::string indented;
  for (char c : records) {
    indented += c;
    if (c == '\n') indented += "  ";
  }
  return "{\n  \"records\": " + indented + ",\n  \"departments\": " + depts + "\n}\n";
}

}  // namespace jx::app
