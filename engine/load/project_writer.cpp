#include "engine/load/project_writer.h"

#include <cstdio>

#include "engine/load/monitor_yaml.h"

namespace jx::load {
namespace {

void row(std::string& out, const char* key, const FundRow& r) {
  if (!r.present) return;
  out += std::string("  ") + key + ": {initial: " + r.initial.to_plain() + ", budget: " + r.budget.to_plain() +
         ", executed: " + r.executed.to_plain() + "}\n";
}

void indicator(std::string& out, const Indicator& ind, int depth) {
  const std::string pad(static_cast<std::size_t>(2 + depth * 4), ' ');
  out += pad + "- name: " + yaml_quote(ind.name) + "\n";
  const std::string in = pad + "  ";
  if (!ind.is_leaf()) {
    if (ind.children.empty()) {
      out += in + "children:\n";  // an empty 二级 kept in the form
      return;
    }
    out += in + "children:\n";
    for (const auto& c : ind.children) indicator(out, c, depth + 1);
    return;
  }
  if (ind.weight) out += in + "weight: " + ind.weight->to_plain() + "\n";
  if (ind.target) out += in + "target: " + yaml_quote(*ind.target) + "\n";
  if (ind.actual) out += in + "actual: " + yaml_quote(*ind.actual) + "\n";
  if (ind.grade) out += in + "grade: " + yaml_quote(*ind.grade) + "\n";
  if (ind.score) out += in + "score: " + ind.score->to_plain() + "\n";
  if (!ind.applicable) out += in + "applicable: false\n";
  if (ind.direction) out += in + "direction: " + *ind.direction + "\n";
  if (!ind.note.empty()) out += in + "note: " + yaml_quote(ind.note) + "\n";
  // The goal form's keys.
  const IndicatorGoal& g = ind.goal;
  if (g.mid_target) out += in + "mid_target: " + yaml_quote(*g.mid_target) + "\n";
  if (g.op) out += in + "operator: " + yaml_quote(*g.op) + "\n";
  if (g.unit) out += in + "unit: " + yaml_quote(*g.unit) + "\n";
  if (g.basis) out += in + "basis: " + yaml_quote(*g.basis) + "\n";
  if (ind.declared_score) out += in + "declared_score: " + ind.declared_score->to_plain() + "\n";
  out += write_indicator_monitor(ind.monitor, in);
}

void request_row(std::string& out, const char* key, const RequestedFunds& r) {
  if (!r.present) return;
  out += std::string("  ") + key + ": {";
  if (r.total) out += "total: " + r.total->to_plain() + ", ";
  out += "appropriation: " + r.appropriation.to_plain() + ", other: " + r.other.to_plain() + "}\n";
}

// The goal form's project keys (engine/goals.h).
void goal_keys(std::string& out, const ProjectGoals& g) {
  if (!g.attribute.empty()) out += "attribute: " + yaml_quote(g.attribute) + "\n";
  if (!g.period.empty()) out += "period: " + yaml_quote(g.period) + "\n";
  if (g.request_mid.present || g.request_annual.present) {
    out += "request:              # 申报资金，万元\n";
    request_row(out, "mid_term", g.request_mid);
    request_row(out, "annual", g.request_annual);
  }
  if (g.adjustments.empty()) return;
  out += "adjustments:\n";
  for (const Adjustment& a : g.adjustments) {
    out += "  - indicator: " + yaml_quote(a.indicator) + "\n";
    if (a.from) out += "    from: " + yaml_quote(*a.from) + "\n";
    if (a.to) out += "    to: " + yaml_quote(*a.to) + "\n";
    out += "    date: " + yaml_quote(a.date) + "\n    reason: " + yaml_quote(a.reason) + "\n";
  }
}

}  // namespace

std::string yaml_quote(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string write_project_yaml(const Project& p, std::string_view source) {
  std::string out = "# 由 jixiao import 从 " + std::string(source) + " 导入；declared_score 为表中填报的得分\n";
  out += "kind: project\n";
  out += "year: " + std::to_string(p.year) + "\n";
  out += "rules: " + yaml_quote(p.rules) + "\n";
  out += "project: " + yaml_quote(p.name) + "\n";
  out += "department: " + yaml_quote(p.department) + "\n";
  out += "unit: " + yaml_quote(p.unit) + "\n";
  if (p.declared_score) out += "declared_score: " + p.declared_score->to_plain() + "\n";
  const Funds& f = p.funds;
  // A goal form written before the year has no 执行数: no funds block.
  const bool goal_form_only = !f.given && p.goals.given();
  if (!goal_form_only) {
    out += "funds:                # 万元\n";
    row(out, "total", f.total);
    row(out, "appropriation", f.appropriation);
    row(out, "carryover", f.carryover);
    row(out, "other", f.other);
    row(out, "special", f.special);
    row(out, "unit_funds", f.unit_funds);
    if (!f.reason.empty()) out += "  reason: " + yaml_quote(f.reason) + "\n";
    if (f.declared_score) out += "  declared_score: " + f.declared_score->to_plain() + "\n";
    out += write_funds_monitor(f.monitor, "  ");
    if (!f.total.present && !f.appropriation.present && !f.carryover.present && !f.other.present && !f.special.present &&
        !f.unit_funds.present) {
      out += "  total: {initial: 0, budget: 0, executed: 0}   # 表中没有资金数\n";
    }
  }
  if (!p.goal_expected.empty() || !p.goal_achieved.empty() || !p.goals.mid_term.empty()) {
    out += "goals:\n  expected: " + yaml_quote(p.goal_expected) + "\n  achieved: " + yaml_quote(p.goal_achieved) + "\n";
    if (!p.goals.mid_term.empty()) out += "  mid_term: " + yaml_quote(p.goals.mid_term) + "\n";
  }
  goal_keys(out, p.goals);
  // The Sichuan form's fields, when the table had them.
  if (!p.code.empty()) out += "code: " + yaml_quote(p.code) + "\n";
  if (!p.content.empty()) out += "content: " + yaml_quote(p.content) + "\n";
  if (!p.conclusion.empty()) out += "conclusion: " + yaml_quote(p.conclusion) + "\n";
  if (!p.problems.empty()) out += "problems: " + yaml_quote(p.problems) + "\n";
  if (!p.improvements.empty()) out += "improvements: " + yaml_quote(p.improvements) + "\n";
  if (!p.project_lead.empty() || !p.finance_lead.empty()) {
    out += "leads: {project: " + yaml_quote(p.project_lead) + ", finance: " + yaml_quote(p.finance_lead) + "}\n";
  }
  out += p.indicators.empty() ? "indicators: []\n" : "indicators:\n";
  for (const auto& ind : p.indicators) indicator(out, ind, 0);
  return out;
}

}  // namespace jx::load
