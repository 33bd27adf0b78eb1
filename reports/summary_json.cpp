#include "reports/summary_json.h"

#include <map>
#include <ostream>
#include <sstream>

#include "reports/json_report.h"
#include "reports/summary_table.h"

namespace jx::reports {
namespace {

std::string num(Decimal d) {
  return d.to_string(2);
}
std::string opt(const std::optional<Decimal>& d) {
  return d ? num(*d) : "null";
}
std::string str(std::string_view s) {
  return json_string(s);
}

using Line = JsonLine;

std::string counts(const std::vector<std::string>& order, const std::map<std::string, int>& m) {
  Line l;
  for (const auto& g : order) {
    const auto it = m.find(g);
    l.raw(g, std::to_string(it == m.end() ? 0 : it->second));
  }
  return l.done();
}

std::string row_json(const SubmissionRow& r) {
  std::string levels = "[";
  for (const auto& l : r.levels) {
    levels += (levels.size() > 1 ? ", " : "") +
              Line().text("name", l.name).raw("weight", num(l.weight)).raw("score", num(l.score)).done();
  }
  levels += "]";
  std::string findings = "[";
  for (const auto& f : r.findings) {
    findings += (findings.size() > 1 ? ", " : "") + Line()
                                                        .text("code", f.code)
                                                        .text("label", finding_kind_label(f.code))
                                                        .raw("line", std::to_string(f.line))
                                                        .text("indicator", f.indicator)
                                                        .text("message", f.message)
                                                        .done();
  }
  findings += "]";
  Line l;
  l.raw("rank", std::to_string(r.rank)).text("kind", r.department_wide ? "department" : "project");
  l.text("department", r.department).text("unit", r.unit).text("project", r.project);
  l.raw("year", std::to_string(r.year)).text("rules", r.rules);
  l.raw("budget", num(r.budget)).raw("executed", num(r.executed));
  l.raw("rate", r.budget.is_zero() ? "null" : percent_of(r.rate).to_string(2));
  l.raw("budget_score", num(r.budget_score)).raw("levels", levels).raw("total", num(r.total));
  l.raw("declared_score", opt(r.declared));
  l.raw("difference", r.declared ? num(*r.declared - r.total) : "null");
  l.text("grade", r.grade);
  l.raw("light", r.light ? json_string(light_id(*r.light)) : "null");
  l.raw("light_month", r.light ? std::to_string(r.light_month) : "null");
  l.raw("prior_total", opt(r.prior_total));
  l.raw("change", r.prior_total ? num(r.total - *r.prior_total) : "null");
  l.text("file", r.file).text("hash", r.hash).raw("findings", findings);
  return l.done();
}

template <typename T, typename F>
std::string lines(const std::vector<T>& items, F one) {
  if (items.empty()) return "[]";
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ",\n    " : "\n    ") + one(items[i]);
  return s + "\n  ]";
}

}  // namespace

namespace {

/// One year's object; `newline`: end with "\n" after the closing brace.
void write_one(std::ostream& out, const BatchSummary& s, bool newline) {
  std::map<std::string, int> finding_counts;
  std::vector<std::string> codes;
  for (const auto& k : kFindingKinds) {
    codes.emplace_back(k.code);
    finding_counts[std::string(k.code)] = 0;
  }
  SubmissionRow scratch;
  for (const auto& light : s.rows) {
    for (const auto& f : full_row(light, s.details, scratch).findings) ++finding_counts[f.code];
  }
  out << "{\n";
  const Overview& o = s.overview;
  std::string reach = "[";
  for (const auto& f : o.findings) {
    reach += (reach.size() > 1 ? ", " : "") + Line()
                                                  .text("code", f.code)
                                                  .text("label", finding_kind_label(f.code))
                                                  .raw("findings", std::to_string(f.findings))
                                                  .raw("projects", std::to_string(f.projects))
                                                  .raw("departments", std::to_string(f.departments))
                                                  .done();
  }
  reach += "]";
  std::string causes = "[";
  for (const auto& f : o.causes) {
    causes += (causes.size() > 1 ? ", " : "") + Line()
                                                    .text("code", f.code)
                                                    .text("label", cause_label(f.code))
                                                    .raw("files", std::to_string(f.findings))
                                                    .raw("departments", std::to_string(f.departments))
                                                    .done();
  }
  causes += "]";
  Line ov;
  ov.raw("received", std::to_string(o.received)).raw("scored", std::to_string(o.scored));
  ov.raw("invalid", std::to_string(o.invalid)).raw("projects", std::to_string(o.projects));
  ov.raw("mean", o.projects ? num(o.mean) : "null").raw("weighted_mean", o.projects ? num(o.weighted_mean) : "null");
  ov.raw("prior_mean", o.has_prior ? num(o.prior_mean) : "null");
  ov.raw("prior_weighted_mean", o.has_prior ? num(o.prior_weighted_mean) : "null");
  ov.raw("mean_change", o.has_prior && o.projects ? num(o.mean - o.prior_mean) : "null");
  ov.raw("weighted_mean_change", o.has_prior && o.projects ? num(o.weighted_mean - o.prior_weighted_mean) : "null");
  ov.raw("budget", num(o.budget)).raw("executed", num(o.executed));
  ov.raw("rate", o.rate ? percent_of(*o.rate).to_string(2) : "null");
  ov.raw("grades", counts(s.grade_order, s.grade_counts));
  ov.raw("prior_grades", o.has_prior ? counts(s.grade_order, o.prior_grade_counts) : "null");
  ov.raw("findings", reach);
  ov.raw("invalid_causes", causes);
  out << "  \"title\": " + str(summary_title(s)) + ",\n";
  out << "  \"year\": " + (s.year > 0 ? std::to_string(s.year) : std::string("null")) + ",\n";
  out << "  \"overview\": " + ov.done() + ",\n";
  out << "  \"files\": " + std::to_string(s.files) + ",\n";
  out << "  \"scored\": " + std::to_string(s.rows.size()) + ",\n";
  out << "  \"invalid_count\": " + std::to_string(s.invalid.size()) + ",\n";
  // Row by row: the rows are never all in memory as text.
  out << "  \"rows\": ";
  if (s.rows.empty()) {
    out << "[]";
  } else {
    out << "[";
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      out << (i ? ",\n    " : "\n    ") << row_json(full_row(s.rows[i], s.details, scratch));
    }
    out << "\n  ]";
  }
  out << ",\n";
  out << "  \"departments\": " +
         lines(s.departments,
               [&](const DepartmentSummary& d) {
                 return Line()
                     .raw("rank", d.rank ? std::to_string(d.rank) : "null")
                     .text("name", d.name)
                     .raw("projects", std::to_string(d.projects))
                     .raw("invalid", std::to_string(d.invalid))
                     .raw("budget", num(d.budget))
                     .raw("executed", num(d.executed))
                     .raw("weighted_mean", d.projects ? num(d.weighted_mean) : "null")
                     .raw("prior_weighted_mean", opt(d.prior_weighted_mean))
                     .raw("change",
                          d.projects && d.prior_weighted_mean ? num(d.weighted_mean - *d.prior_weighted_mean) : "null")
                     .raw("grades", counts(s.grade_order, d.grades))
                     .raw("department_total", opt(d.department_total))
                     .raw("department_grade", d.department_total ? str(d.department_grade) : "null")
                     .done();
               }) +
         ",\n";
  out << "  \"grades\": " + counts(s.grade_order, s.grade_counts) + ",\n";
  out << "  \"histogram\": " +
         lines(s.histogram,
               [](const HistogramBin& b) {
                 return Line().text("label", b.label).raw("count", std::to_string(b.count)).done();
               }) +
         ",\n";
  out << "  \"finding_counts\": " + counts(codes, finding_counts) + ",\n";
  out << "  \"mover_threshold\": " + num(s.mover_threshold) + ",\n";
  out << "  \"movers\": " +
         lines(s.movers,
               [&](std::size_t i) {
                 const SubmissionRow& r = s.rows[i];
                 return Line()
                     .raw("rank", std::to_string(r.rank))
                     .text("department", r.department)
                     .text("project", r.project)
                     .raw("prior_total", opt(r.prior_total))
                     .raw("total", num(r.total))
                     .raw("change", num(r.total - *r.prior_total))
                     .text("file", r.file)
                     .done();
               }) +
         ",\n";
  out << "  \"invalid\": " +
         lines(s.invalid,
               [](const InvalidFile& f) {
                 std::string m = "[";
                 for (const auto& x : f.messages) m += (m.size() > 1 ? ", " : "") + str(x);
                 return Line()
                     .text("file", f.file)
                     .text("department", f.department)
                     .text("project", f.project)
                     .raw("year", f.year > 0 ? std::to_string(f.year) : "null")
                     .text("cause", f.cause)
                     .raw("errors", std::to_string(f.errors))
                     .raw("messages", m + "]")
                     .done();
               }) +
         "\n";
  out << (newline ? "}\n" : "}");
}

}  // namespace

void write_summary_json(std::ostream& out, const BatchSummary& s) {
  write_one(out, s, true);
}

void write_summary_json(std::ostream& out, const std::vector<BatchSummary>& years) {
  if (years.size() == 1) {
    write_one(out, years.front(), true);
    return;
  }
  std::string y;
  for (const auto& s : years) y += (y.empty() ? "" : ", ") + std::to_string(s.year);
  out << "{\"years\": [" << y << "],\n\"summaries\": [\n";
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0) out << ",\n";
    write_one(out, years[i], false);
  }
  out << "\n]}\n";
}

std::string summary_json(const BatchSummary& s) {
  std::ostringstream out;
  write_summary_json(out, s);
  return out.str();
}

std::string summary_json(const std::vector<BatchSummary>& years) {
  std::ostringstream out;
  write_summary_json(out, years);
  return out.str();
}

}  // namespace jx::reports
