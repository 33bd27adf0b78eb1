#include "cli/terminal_report.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

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

// Wraps every line of free text (headings, totals, warnings) at `width`.
std::string wrap_text(const std::string& text, std::size_t width) {
  std::string out;
  for (std::string line : wrap_to_width(text, width)) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

// The table's columns: 指标, 年度指标值, 实际完成值, 分值, 得分, 说明.
enum Col { kName, kTarget, kActual, kWeight, kScore, kBasis, kCols };

struct Cell {
  std::string text;
  std::size_t indent = 0;  ///< spaces before every wrapped line (the tree level)
};
using Row = std::array<Cell, kCols>;

// Column widths for `width` columns in all: 分值 and 得分 keep their
// natural width; the four text columns share the rest, each capped at the
// width its longest text needs, by water-filling (the narrowest needs are
// met first, the others share what is left evenly), never below a minimum.
std::array<std::size_t, kCols> column_widths(const std::vector<Row>& rows, std::size_t width) {
  std::array<std::size_t, kCols> natural{};
  for (const Row& r : rows) {
    for (int c = 0; c < kCols; ++c) {
      for (const std::string& line : wrap_to_width(r[c].text, 100000)) {
        natural[c] = std::max(natural[c], r[c].indent + display_width(line));
      }
    }
  }
  std::array<std::size_t, kCols> w = natural;
  const std::size_t gaps = kCols - 1;
  const std::size_t fixed = w[kWeight] + w[kScore] + gaps;
  const std::array<int, 4> free_cols = {kName, kTarget, kActual, kBasis};
  const std::size_t room = width > fixed ? width - fixed : 0;
  // Minimums that keep short words whole, shrunk when the terminal is too
  // narrow for them (every column keeps at least 4, two CJK characters).
  std::array<std::size_t, 4> kMin = {12, 8, 8, 10};
  while (kMin[0] + kMin[1] + kMin[2] + kMin[3] > room &&
         std::any_of(kMin.begin(), kMin.end(), [](std::size_t m) { return m > 4; })) {
    for (std::size_t& m : kMin) m = m > 4 ? m - 1 : m;
  }
  std::size_t need = 0;
  for (int c : free_cols) need += natural[c];
  if (need <= room) return w;
  // Water-filling: find the largest cap with Σ min(natural, cap) ≤ room.
  std::size_t cap = 0;
  auto used = [&](std::size_t cp) {
    std::size_t u = 0;
    for (std::size_t i = 0; i < free_cols.size(); ++i) u += std::max(kMin[i], std::min(natural[free_cols[i]], cp));
    return u;
  };
  while (used(cap + 1) <= room && cap < width) ++cap;
  for (std::size_t i = 0; i < free_cols.size(); ++i) {
    w[free_cols[i]] = std::max(kMin[i], std::min(natural[free_cols[i]], cap));
  }
  // What the cap leaves over goes to the capped columns, left to right.
  std::size_t left = room > used(cap) ? room - used(cap) : 0;
  for (std::size_t i = 0; i < free_cols.size() && left > 0; ++i) {
    const int c = free_cols[i];
    if (w[c] < natural[c]) {
      ++w[c];
      --left;
    }
  }
  return w;
}

// One table row as one or more lines: every cell wrapped in its column,
// padded to the column's width, numbers right-aligned.
std::string render(const Row& r, const std::array<std::size_t, kCols>& w) {
  std::array<std::vector<std::string>, kCols> cells;
  std::size_t height = 1;
  for (int c = 0; c < kCols; ++c) {
    const std::size_t indent = std::min(r[c].indent, w[c] > 4 ? w[c] - 4 : 0);
    for (const std::string& line : wrap_to_width(r[c].text, w[c] - indent)) {
      cells[c].push_back(std::string(indent, ' ') + line);
    }
    height = std::max(height, cells[c].size());
  }
  std::string out;
  for (std::size_t i = 0; i < height; ++i) {
    std::string line;
    for (int c = 0; c < kCols; ++c) {
      const std::string& text = i < cells[c].size() ? cells[c][i] : std::string();
      if (c > 0) line += ' ';
      line += pad(text, w[c], c == kWeight || c == kScore);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

// The indicator table, budget line, total and warnings shared by both kinds.
std::string score_table(const std::string& file, const ProjectScore& sc, std::optional<Decimal> declared,
                        const std::string& extra_before_warnings, std::size_t width) {
  std::vector<Row> rows;
  rows.push_back({Cell{"指标"}, Cell{"年度指标值"}, Cell{"实际完成值"}, Cell{"分值"}, Cell{"得分"}, Cell{"说明"}});
  for (const ScoredNode& first : sc.tree) {
    rows.push_back(
        {Cell{first.name}, Cell{}, Cell{}, Cell{first.weight.to_plain()}, Cell{first.score.to_string(2)}, Cell{}});
    for (const ScoredNode& second : first.children) {
      rows.push_back({Cell{second.name, 2}, Cell{}, Cell{}, Cell{second.weight.to_plain()},
                      Cell{second.score.to_string(2)}, Cell{}});
      for (const ScoredNode& leaf_node : second.children) {
        if (leaf_node.leaf < 0) continue;
        const LeafScore& l = sc.leaves[static_cast<std::size_t>(leaf_node.leaf)];
        rows.push_back({Cell{l.path.back(), 4}, Cell{l.target}, Cell{l.actual}, Cell{l.weight.to_plain()},
                        Cell{l.applicable ? l.score.to_string(2) : "不适用"}, Cell{l.basis}});
      }
    }
  }
  const BudgetScore& b = sc.budget;
  const Row budget_row{Cell{"预算执行率"},
                       Cell{"预算 " + b.budget.to_string(2)},
                       Cell{"执行 " + b.executed.to_string(2)},
                       Cell{b.weight.to_plain()},
                       Cell{b.score.to_string(2)},
                       Cell{"执行率 " + percent_text(b.rate) + "（全年执行数 / 全年预算数，万元）"}};
  rows.push_back(budget_row);
  const auto w = column_widths(rows, width);
  std::size_t table_width = kCols - 1;
  for (std::size_t x : w) table_width += x;
  const std::string rule = std::string(std::min(table_width, width), '-') + "\n";

  std::string out = render(rows.front(), w) + rule;
  for (std::size_t i = 1; i + 1 < rows.size(); ++i) out += render(rows[i], w);
  out += rule + render(rows.back(), w);

  std::string total = fmt::format("总分 {}  等级 {}", sc.total.to_string(2), sc.grade);
  if (sc.rescaled) total += "（含不适用指标，已按适用分值折算）";
  if (declared) {
    const Decimal d = *declared - sc.total;
    total += fmt::format("  自报总分 {}（自报 − 计算 = {}{}）", declared->to_string(2), d.is_negative() ? "" : "+",
                         d.to_string(2));
  }
  // Appended piecewise: GCC 12 at -O3 reports a false -Wrestrict for "\n" + std::string.
  out += '\n';
  out += wrap_text(total, width);
  out += extra_before_warnings;
  const auto diags = sc.diagnostics.sorted();
  if (!diags.empty()) {
    out += wrap_text(fmt::format("\n警告 {} 条：", diags.size()), width);
    // Diagnostics stay one line each, FILE:LINE:COL first, as editors and
    // scripts read them (the terminal soft-wraps them).
    for (const Diagnostic& d : diags) out += format_diagnostic(file, d) + "\n";
  }
  return out;
}

}  // namespace

std::size_t terminal_width() {
  constexpr std::size_t kMin = 40, kDefault = 100;
  if (const char* env = std::getenv("COLUMNS"); env != nullptr && *env != '\0') {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end != nullptr && *end == '\0' && n > 0) return std::max<std::size_t>(kMin, static_cast<std::size_t>(n));
  }
  if (isatty(STDOUT_FILENO) != 0) {
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
      return std::max<std::size_t>(kMin, ws.ws_col);
    }
  }
  return kDefault;
}

std::string terminal_report(const std::string& file, const Project& p, const ProjectScore& sc, const RuleSet& rules,
                            std::size_t width) {
  width = std::max<std::size_t>(width, 40);
  std::string out;
  out += wrap_text(fmt::format("{}  {}（{}年度）", file, p.name, p.year), width);
  out += wrap_text(
      fmt::format("主管部门：{}  实施单位：{}  规则：{}（{}）", p.department, p.unit, rules.id, rules.name), width);
  out += "\n";
  return out + score_table(file, sc, p.declared_score, "", width);
}

std::string terminal_report(const std::string& file, const Department& d, const DepartmentScore& sc,
                            const RuleSet& rules, std::size_t width) {
  width = std::max<std::size_t>(width, 40);
  std::string out;
  out += wrap_text(fmt::format("{}  {} 部门整体支出绩效自评（{}年度）", file, d.name, d.year), width);
  out += wrap_text(
      fmt::format("等级与舍入规则：{}（{}）  所附项目自评 {} 个", rules.id, rules.name, sc.project_list.size()), width);
  out += "\n";
  std::string extra;
  if (!sc.project_list.empty()) {
    extra += wrap_text(fmt::format("\n所附项目自评 {} 个（平均 {}，按全年预算数加权 {}）：", sc.projects.count,
                                   sc.projects.mean.to_string(2), sc.projects.weighted.to_string(2)),
                       width);
    for (const auto& p : sc.project_list) {
      extra += wrap_text(fmt::format("  {}  全年预算 {} 万元  总分 {}  {}  {}", p.name, p.budget.to_string(2),
                                     p.total.to_string(2), p.grade, p.file),
                         width);
    }
  }
  if (!sc.checks.empty()) {
    int ok = 0;
    for (const auto& c : sc.checks) ok += c.ok ? 1 : 0;
    const int bad = static_cast<int>(sc.checks.size()) - ok;
    extra += wrap_text(
        fmt::format("\n勾稽关系 {} 项：{} 项相符，{} 项不符{}", sc.checks.size(), ok, bad, bad ? "（见警告）" : ""),
        width);
  }
  return out + score_table(file, sc.core, d.declared_score, extra, width);
}

}  // namespace jx::cli
