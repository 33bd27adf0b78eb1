#include "reports/monitor_json.h"

#include "reports/json_report.h"

namespace jx::reports {
namespace {

std::string text_or_null(const std::optional<std::string>& s) {
  return s ? json_string(*s) : "null";
}

std::string light_or_null(const std::optional<Light>& l) {
  return l ? json_string(light_id(*l)) : "null";
}

std::string v_or_null(const std::optional<Decimal>& v, const RuleSet* rules) {
  return v ? v->to_string(rules != nullptr ? rules->monitor.v_digits : 2) : "null";
}

std::string diagnostics(const std::string& file, const Diagnostics* d, Severity severity) {
  std::string out;
  if (d == nullptr) return "[]";
  for (const Diagnostic& x : d->sorted()) {
    if (x.severity != severity) continue;
    out += (out.empty() ? "\n      " : ",\n      ") + JsonLine()
                                                         .text("file", file)
                                                         .raw("line", std::to_string(x.loc.line))
                                                         .raw("col", std::to_string(x.loc.col))
                                                         .text("code", x.code)
                                                         .text("message", x.message)
                                                         .text("hint", x.hint)
                                                         .done();
  }
  return out.empty() ? "[]" : "[" + out + "\n    ]";
}

std::string indicator(const LeafLight& l, const RuleSet* rules) {
  JsonLine o;
  o.text("path", l.path)
      .raw("target", text_or_null(l.leaf->target))
      .raw("value", l.snapshot ? text_or_null(l.snapshot->value) : "null")
      .raw("forecast", l.snapshot ? text_or_null(l.snapshot->forecast) : "null")
      .raw("kind", l.kind.empty() ? "null" : json_string(l.kind))
      .raw("v", v_or_null(l.v, rules))
      .raw("light", light_or_null(l.light))
      .raw("basis", l.basis.empty() ? "null" : json_string(l.basis));
  std::string reasons;
  if (l.snapshot) {
    for (const auto& r : l.snapshot->reasons) reasons += (reasons.empty() ? "" : ", ") + json_string(r);
  }
  o.raw("reasons", "[" + reasons + "]")
      .raw("possibility", l.snapshot ? text_or_null(l.snapshot->possibility) : "null")
      .raw("note", l.snapshot && !l.snapshot->note.empty() ? json_string(l.snapshot->note) : "null");
  return o.done();
}

std::string one(const MonitoredFile& f) {
  const Project* p = f.project;
  const MonitorOutcome* o = f.outcome;
  const auto name = [&](const std::string& s) { return p != nullptr && !s.empty() ? json_string(s) : "null"; };
  std::string out = "  {\n";
  const auto line = [&out](const std::string& key, const std::string& value, bool last = false) {
    out += "    " + json_string(key) + ": " + value + (last ? "\n" : ",\n");
  };
  line("file", json_string(f.file));
  line("project", p != nullptr ? name(p->name) : "null");
  line("year", p != nullptr && p->year != 0 ? std::to_string(p->year) : "null");
  line("rules", f.rules != nullptr ? json_string(f.rules->id) : p != nullptr ? name(p->rules) : "null");
  line("month", o != nullptr ? std::to_string(o->month) : "null");
  line("light", o != nullptr ? light_or_null(o->light) : "null");
  line("light_label",
       o != nullptr && o->light && f.rules ? json_string(light_label(f.rules->monitor, *o->light)) : "null");
  line("budget_v", o != nullptr ? v_or_null(o->budget_v, f.rules) : "null");
  if (o != nullptr && o->funds != nullptr) {
    line("budget", JsonLine()
                       .raw("initial", o->initial.to_string(2))
                       .raw("budget", o->budget.to_string(2))
                       .raw("executed", o->funds->executed ? o->executed.to_string(2) : "null")
                       .raw("forecast", o->funds->forecast ? o->funds->forecast->to_string(2) : "null")
                       .raw("rate", o->funds->executed ? percent_of(o->rate).to_string(2) : "null")
                       .raw("v", v_or_null(o->budget_v, f.rules))
                       .raw("light", light_or_null(o->budget_light))
                       .done());
  } else {
    line("budget", "null");
  }
  std::string inds;
  if (o != nullptr) {
    for (const LeafLight& l : o->leaves) inds += (inds.empty() ? "\n      " : ",\n      ") + indicator(l, f.rules);
  }
  line("indicators", inds.empty() ? "[]" : "[" + inds + "\n    ]");
  line("errors", diagnostics(f.file, f.diagnostics, Severity::Error));
  line("warnings", diagnostics(f.file, f.diagnostics, Severity::Warning), true);
  return out + "  }";
}

}  // namespace

std::string to_monitor_json(const std::vector<MonitoredFile>& files) {
  std::string out = "[";
  for (std::size_t i = 0; i < files.size(); ++i) out += (i ? ",\n" : "\n") + one(files[i]);
  return out + (files.empty() ? "]\n" : "\n]\n");
}

}  // namespace jx::reports
