#include "reports/json_report.h"

#include <cstdio>

namespace jx::reports {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

std::string num(Decimal d) {
  return d.to_string(2);
}

class Obj {
 public:
  explicit Obj(std::string indent) : indent_(std::move(indent)) {}
  Obj& field(std::string_view key, const std::string& raw_value) {
    out_ += (first_ ? "\n" : ",\n") + indent_ + "  " + json_string(key) + ": " + raw_value;
    first_ = false;
    return *this;
  }
  std::string str() const { return "{" + out_ + "\n" + indent_ + "}"; }

 private:
  std::string indent_;
  std::string out_;
  bool first_ = true;
};

std::string array(const std::vector<std::string>& items, const std::string& indent) {
  if (items.empty()) return "[]";
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ",\n" : "\n") + indent + "  " + items[i];
  return s + "\n" + indent + "]";
}

std::string diagnostic_objects(const ScoredFile& f, const Diagnostics& diags, Severity severity,
                               const std::string& in) {
  std::vector<std::string> items;
  for (const Diagnostic& d : diags.sorted()) {
    if (d.severity != severity) continue;
    Obj o(in + "    ");
    o.field("file", json_string(f.file))
        .field("line", std::to_string(d.loc.line))
        .field("col", std::to_string(d.loc.col));
    if (severity == Severity::Warning) o.field("column", std::to_string(d.loc.col));
    o.field("code", json_string(d.code)).field("message", json_string(d.message)).field("hint", json_string(d.hint));
    items.push_back(o.str());
  }
  return array(items, in + "  ");
}

std::string text_or_null(const std::string& s) {
  return s.empty() ? "null" : json_string(s);
}

std::string one_file(const ScoredFile& f, const std::string& in);

/// A fund source row of the Sichuan form: {initial, budget, executed}, or
/// null when the file does not give it.
std::string fund_row(const FundRow& r, const std::string& in) {
  if (!r.present) return "null";
  Obj o(in);
  o.field("initial", num(r.initial)).field("budget", num(r.budget)).field("executed", num(r.executed));
  return o.str();
}

/// The optional fields of the Sichuan form on a project object, each null
/// when absent (`p` null: a file with errors, all null).
void form_fields(Obj& o, const Project* p, const std::string& in) {
  const auto text = [&](const std::string Project::*field) { return p ? text_or_null(p->*field) : "null"; };
  o.field("code", text(&Project::code))
      .field("content", text(&Project::content))
      .field("conclusion", text(&Project::conclusion))
      .field("problems", text(&Project::problems))
      .field("improvements", text(&Project::improvements));
  if (p == nullptr || (p->project_lead.empty() && p->finance_lead.empty())) {
    o.field("leads", "null");
  } else {
    Obj l(in + "  ");
    l.field("project", text_or_null(p->project_lead)).field("finance", text_or_null(p->finance_lead));
    o.field("leads", l.str());
  }
}

std::string projects_array(const ScoredFile& f, const std::string& in) {
  std::vector<std::string> projects;
  for (const ScoredFile& p : f.projects) projects.push_back(one_file(p, in + "  "));
  return array(projects, in + "  ");
}

// The budget object of a file with errors: every key a scored file has, each
// null, so that readers find the same fields in every object of the array.
std::string null_budget(bool department, const std::string& in) {
  Obj b(in);
  for (const char* key : {"initial", "budget", "executed", "rate", "weight", "score", "items_total"}) b.field(key, "null");
  if (!department) b.field("special", "null").field("unit_funds", "null");
  return b.str();
}

// A file with errors: identity, null results, its errors and warnings.
std::string failed_file(const ScoredFile& f, const std::string& in) {
  const load::FileHeader& h = *f.failed;
  const std::string kind = h.kind.empty() ? (f.department != nullptr ? "department" : "") : h.kind;
  Obj o(in);
  o.field("file", json_string(f.file))
      .field("kind", text_or_null(kind))
      .field("name", text_or_null(h.name))
      .field("year", h.year ? std::to_string(*h.year) : "null")
      .field("rules", text_or_null(h.rules))
      .field("department", text_or_null(h.department))
      .field("unit", text_or_null(h.unit));
  if (kind != "department") form_fields(o, nullptr, in);
  o.field("total", "null")
      .field("grade", "null")
      .field("declared_score", "null")
      .field("difference", "null")
      .field("rescaled", "null")
      .field("budget", null_budget(kind == "department", in + "  "))
      .field("indicators", "[]")
      .field("errors", diagnostic_objects(f, *f.diagnostics, Severity::Error, in))
      .field("warnings", diagnostic_objects(f, *f.diagnostics, Severity::Warning, in));
  if (kind == "department") o.field("projects", projects_array(f, in));
  return o.str();
}

std::string one_file(const ScoredFile& f, const std::string& in) {
  if (f.failed != nullptr && f.diagnostics != nullptr) return failed_file(f, in);
  const bool dept = f.department != nullptr;
  const ProjectScore& sc = dept ? f.department_score->core : *f.score;
  Obj budget(in + "  ");
  budget.field("initial", num(sc.budget.initial))
      .field("budget", num(sc.budget.budget))
      .field("executed", num(sc.budget.executed))
      .field("rate", percent_of(sc.budget.rate).to_string(2))
      .field("weight", num(sc.budget.weight))
      .field("score", num(sc.budget.score))
      .field("items_total", num(sc.budget.items_total));
  if (!dept) {
    budget.field("special", fund_row(f.project->funds.special, in + "  "))
        .field("unit_funds", fund_row(f.project->funds.unit_funds, in + "  "));
  }
  std::vector<std::string> inds;
  for (const LeafScore& l : sc.leaves) {
    std::vector<std::string> path;
    for (const auto& n : l.path) path.push_back(json_string(n));
    std::string path_s = "[";
    for (std::size_t i = 0; i < path.size(); ++i) path_s += (i ? ", " : "") + path[i];
    path_s += "]";
    Obj o(in + "    ");
    o.field("path", path_s)
        .field("weight", num(l.weight))
        .field("target", json_string(l.target))
        .field("actual", json_string(l.actual))
        .field("applicable", l.applicable ? "true" : "false")
        .field("score", l.applicable ? num(l.score) : "null")
        .field("basis", json_string(l.basis))
        .field("note", json_string(l.note))
        .field("declared_score", l.declared ? num(*l.declared) : "null")
        .field("line", std::to_string(l.loc.line));
    if (l.value) {
      std::string in_s = "{";
      for (std::size_t i = 0; i < l.inputs.size(); ++i) {
        in_s += (i ? ", " : "") + json_string(l.inputs[i].first) + ": " + l.inputs[i].second.to_plain();
      }
      o.field("value", l.value->to_plain()).field("formula", json_string(l.formula)).field("inputs", in_s + "}");
    }
    inds.push_back(o.str());
  }
  const std::optional<Decimal> declared = dept ? f.department->declared_score : f.project->declared_score;
  Obj o(in);
  o.field("file", json_string(f.file))
      .field("kind", json_string(dept ? "department" : f.project->kind))
      .field("name", json_string(dept ? f.department->name : f.project->name))
      .field("year", std::to_string(dept ? f.department->year : f.project->year))
      .field("rules", json_string(f.rules->id))
      .field("department", json_string(dept ? f.department->name : f.project->department))
      .field("unit", json_string(dept ? f.department->name : f.project->unit));
  if (!dept) form_fields(o, f.project, in);
  o.field("total", num(sc.total))
      .field("grade", json_string(sc.grade))
      .field("declared_score", declared ? num(*declared) : "null")
      .field("difference", declared ? num(*declared - sc.total) : "null")
      .field("rescaled", sc.rescaled ? "true" : "false")
      .field("budget", budget.str())
      .field("indicators", array(inds, in + "  "))
      .field("errors", "[]")
      .field("warnings", diagnostic_objects(f, sc.diagnostics, Severity::Warning, in));
  if (dept) {
    const DepartmentScore& ds = *f.department_score;
    std::vector<std::string> facts;
    for (const FactValue& v : ds.facts) {
      Obj fo(in + "    ");
      fo.field("name", json_string(v.name))
          .field("value", v.value ? v.value->to_plain() : "null")
          .field("prior", v.prior ? v.prior->to_plain() : "null")
          .field("unit", json_string(v.unit))
          .field("formula", v.formula.empty() ? "null" : json_string(v.formula))
          .field("source", json_string(v.source));
      facts.push_back(fo.str());
    }
    std::vector<std::string> checks;
    for (const CheckResult& c : ds.checks) {
      Obj co(in + "    ");
      co.field("name", json_string(c.name))
          .field("left", json_string(c.left))
          .field("right", json_string(c.right))
          .field("left_value", c.evaluated ? c.left_value.to_plain() : "null")
          .field("right_value", c.evaluated ? c.right_value.to_plain() : "null")
          .field("difference", c.evaluated ? (c.left_value - c.right_value).to_plain() : "null")
          .field("ok", c.ok ? "true" : "false");
      checks.push_back(co.str());
    }
    o.field("projects_mean", num(ds.projects.mean))
        .field("projects_weighted", num(ds.projects.weighted))
        .field("facts", array(facts, in + "  "))
        .field("checks", array(checks, in + "  "))
        .field("projects", projects_array(f, in));
  }
  return o.str();
}

// `validate --json`: the identity, errors and warnings of score --json's
// object, plus `valid`; no scores. A department lists its attached projects.
std::string validation_file(const ScoredFile& f, const std::string& in) {
  Obj o(in);
  const bool failed = f.failed != nullptr && f.diagnostics != nullptr;
  const bool dept = f.department != nullptr;
  o.field("file", json_string(f.file));
  if (failed) {
    const load::FileHeader& h = *f.failed;
    o.field("kind", text_or_null(h.kind.empty() ? (dept ? "department" : "") : h.kind))
        .field("name", text_or_null(h.name))
        .field("year", h.year ? std::to_string(*h.year) : "null")
        .field("rules", text_or_null(h.rules))
        .field("department", text_or_null(h.department))
        .field("unit", text_or_null(h.unit))
        .field("valid", "false")
        .field("errors", diagnostic_objects(f, *f.diagnostics, Severity::Error, in))
        .field("warnings", diagnostic_objects(f, *f.diagnostics, Severity::Warning, in));
  } else {
    const ProjectScore& sc = dept ? f.department_score->core : *f.score;
    o.field("kind", json_string(dept ? "department" : f.project->kind))
        .field("name", json_string(dept ? f.department->name : f.project->name))
        .field("year", std::to_string(dept ? f.department->year : f.project->year))
        .field("rules", json_string(f.rules->id))
        .field("department", json_string(dept ? f.department->name : f.project->department))
        .field("unit", json_string(dept ? f.department->name : f.project->unit))
        .field("valid", "true")
        .field("errors", "[]")
        .field("warnings", diagnostic_objects(f, sc.diagnostics, Severity::Warning, in));
  }
  if (dept) {
    std::vector<std::string> projects;
    for (const ScoredFile& p : f.projects) projects.push_back(validation_file(p, in + "  "));
    o.field("projects", array(projects, in + "  "));
  }
  return o.str();
}

}  // namespace

std::string to_validation_json(const std::vector<ScoredFile>& files) {
  std::vector<std::string> items;
  for (const auto& f : files) items.push_back(validation_file(f, "  "));
  return array(items, "") + "\n";
}

std::string to_json(const std::vector<ScoredFile>& files) {
  std::vector<std::string> items;
  for (const auto& f : files) items.push_back(one_file(f, "  "));
  return array(items, "") + "\n";
}

}  // namespace jx::reports
