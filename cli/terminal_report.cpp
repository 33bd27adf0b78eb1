#include "cli/terminal_report.h"

#include <fmt/format.h>

#include "engine/text.h"

namespace jx::cli {
namespace {

// Pads to a display width (CJK characters count 2 columns).
std::string pad(const std::string& s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  const std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

constexpr std::size_t kName = 40, kTarget = 18, kActual = 18, kWeight = 6, kScore = 8;

std::string row(const std::string& name, const std::string& target, const std::string& actual,
                const std::string& weight, const std::string& score, const std::string& basis) {
  return pad(name, kName) + " " + pad(target, kTarget) + " " + pad(actual, kActual) + " " + pad(weight, kWeight, true) +
         " " + pad(score, kScore, true) + (basis.empty() ? "" : "  " + basis) + "\n";
}

// The indicator table, budget line, total and warnings shared by both kinds.
std::string score_table(const std::string& file, const ProjectScore& sc, std::optional<Decimal> declared,
                        const std::string& extra_before_warnings) {
  std::string out;
  out += row("指标", "年度指标值", "实际完成值", "分值", "得分", "说明");
  out += std::string(kName + kTarget + kActual + kWeight + kScore + 4, '-') + "\n";
  for (const ScoredNode& first : sc.tree) {
    out += row(first.name, "", "", first.weight.to_plain(), first.score.to_string(2), "");
    for (const ScoredNode& second : first.children) {
      out += row("  " + second.name, "", "", second.weight.to_plain(), second.score.to_string(2), "");
      for (const ScoredNode& leaf_node : second.children) {
        if (leaf_node.leaf < 0) continue;
        const LeafScore& l = sc.leaves[static_cast<std::size_t>(leaf_node.leaf)];
        out += row("    " + l.path.back(), l.target, l.actual, l.weight.to_plain(),
                   l.applicable ? l.score.to_string(2) : "不适用", l.basis);
      }
    }
  }
  out += std::string(kName + kTarget + kActual + kWeight + kScore + 4, '-') + "\n";
  const BudgetScore& b = sc.budget;
  out += row("预算执行率", "预算 " + b.budget.to_string(2), "执行 " + b.executed.to_string(2), b.weight.to_plain(),
             b.score.to_string(2), "执行率 " + percent_text(b.rate) + "（全年执行数 / 全年预算数，万元）");
  out += fmt::format("\n总分 {}  等级 {}", sc.total.to_string(2), sc.grade);
  if (sc.rescaled) out += "（含不适用指标，已按适用分值折算）";
  if (declared) {
    const Decimal d = *declared - sc.total;
    out += fmt::format("  自报总分 {}（自报 − 计算 = {}{}）", declared->to_string(2), d.is_negative() ? "" : "+",
                       d.to_string(2));
  }
  out += "\n" + extra_before_warnings;
  const auto diags = sc.diagnostics.sorted();
  if (!diags.empty()) {
    out += fmt::format("\n警告 {} 条：\n", diags.size());
    for (const Diagnostic& d : diags) out += format_diagnostic(file, d) + "\n";
  }
  return out;
}

}  // namespace

std::string terminal_report(const std::string& file, const Project& p, const ProjectScore& sc, const RuleSet& rules) {
  std::string out;
  out += fmt::format("{}  {}（{}年度）\n", file, p.name, p.year);
  out += fmt::format("主管部门：{}  实施单位：{}  规则：{}（{}）\n\n", p.department, p.unit, rules.id, rules.name);
  return out + score_table(file, sc, p.declared_score, "");
}

std::string terminal_report(const std::string& file, const Department& d, const DepartmentScore& sc,
                            const RuleSet& rules) {
  std::string out;
  out += fmt::format("{}  {} 部门整体支出绩效自评（{}年度）\n", file, d.name, d.year);
  out += fmt::format("等级与舍入规则：{}（{}）  所附项目自评 {} 个\n\n", rules.id, rules.name, sc.project_list.size());
  std::string extra;
  if (!sc.project_list.empty()) {
    extra += fmt::format("\n所附项目自评 {} 个（平均 {}，按全年预算数加权 {}）：\n", sc.projects.count,
                         sc.projects.mean.to_string(2), sc.projects.weighted.to_string(2));
    for (const auto& p : sc.project_list) {
      extra += fmt::format("  {}  {}  全年预算 {} 万元  总分 {}  {}\n", p.file, p.name, p.budget.to_string(2),
                           p.total.to_string(2), p.grade);
    }
  }
  if (!sc.checks.empty()) {
    int ok = 0;
    for (const auto& c : sc.checks) ok += c.ok ? 1 : 0;
    const int bad = static_cast<int>(sc.checks.size()) - ok;
    extra +=
        fmt::format("\n勾稽关系 {} 项：{} 项相符，{} 项不符{}\n", sc.checks.size(), ok, bad, bad ? "（见警告）" : "");
  }
  return out + score_table(file, sc.core, d.declared_score, extra);
}

}  // namespace jx::cli
