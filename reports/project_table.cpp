#include "reports/project_table.h"

#include <algorithm>
#include <cmath>

#include "engine/text.h"
#include "engine/value.h"

namespace jx::reports {
namespace {

/// The 年度指标值 as the table shows it: as written, except that a bare
/// number whose direction the file sets (`direction: reverse` / `positive`)
/// gets the comparator it means ("50万元" reverse → "≤50万元"), so that a
/// reader — and `jixiao import` — sees how the row was scored.
std::string shown_target(const LeafScore& leaf) {
  if (!leaf.direction) return leaf.target;
  const Value v = parse_value(leaf.target);
  if (v.kind != Value::Kind::Number || v.op != Op::None) return leaf.target;
  return (*leaf.direction == "reverse" ? "≤" : "≥") + trim(leaf.target);
}

using xlsx::Align;
using xlsx::Style;

// Columns A..I.
enum Col { kA = 0, kB, kC, kD, kE, kF, kG, kH, kI, kCols };
constexpr double kWidths[kCols] = {6, 11, 12, 24, 15, 15, 7, 9, 30};

std::string cell(int row, int col) {
  std::string s(1, static_cast<char>('A' + col));
  return s + std::to_string(row + 1);
}

const Style kTitle{.bold = true, .size = 18, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSub{.bold = false, .size = 11, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kHead{.bold = true, .num_format = ""};
const Style kText{.align = Align::Center, .num_format = ""};
const Style kLeft{.align = Align::Left, .num_format = ""};
const Style kMoney{.num_format = "0.00"};
const Style kWeight{.num_format = "General"};
const Style kScore{.num_format = "0.00"};
const Style kRate{.num_format = "0.00%"};
const Style kTotal{.bold = true, .num_format = "0.00"};
const Style kDiff{.num_format = "+0.00;-0.00;0.00"};
const Style kNote{.size = 9, .align = Align::Left, .wrap = true, .border = false, .num_format = ""};

// Rows needed to show `text` wrapped in a cell `width` characters wide.
int lines_for(std::string_view text, double width) {
  const double usable = std::max(2.0, width - 1.0);
  int lines = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    const std::string_view part =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    lines += std::max(1, static_cast<int>(std::ceil(static_cast<double>(display_width(part)) / usable)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

double span_width(int c1, int c2) {
  double w = 0;
  for (int c = c1; c <= c2; ++c) w += kWidths[c];
  return w;
}

class TableWriter {
 public:
  TableWriter(xlsx::Sheet& sheet) : s_(sheet) {}

  // Records how tall row `row` must be for `text` over columns c1..c2.
  void fit(int row, int c1, int c2, std::string_view text) {
    if (static_cast<int>(lines_.size()) <= row) lines_.resize(row + 1, 1);
    lines_[row] = std::max(lines_[row], lines_for(text, span_width(c1, c2)));
  }
  void put(int row, int c1, int c2, std::string_view text, const Style& st) {
    s_.merge_text(row, c1, row, c2, text, st);
    fit(row, c1, c2, text);
  }
  static double height(int lines) { return 6.0 + 14.0 * lines; }
  void apply_heights(int first_row) {
    for (int r = first_row; r < static_cast<int>(lines_.size()); ++r) s_.row_height(r, height(lines_[r]));
  }
  /// Estimated printed height of rows [first, last) in points.
  double span_height(int first, int last) const {
    double h = 0;
    for (int r = first; r < last; ++r) h += r < static_cast<int>(lines_.size()) ? height(lines_[r]) : height(1);
    return h;
  }
  xlsx::Sheet& s_;
  std::vector<int> lines_;
};

}  // namespace

void write_project_table(xlsx::Workbook& wb, const Project& p, const ProjectScore& sc, const RuleSet& rules) {
  TableHeader h;
  h.sheet = p.name.empty() ? "项目支出绩效自评表" : p.name;
  h.title = "项目支出绩效自评表";
  h.year = p.year;
  h.rows = {{{"项目名称", p.name}}, {{"主管部门", p.department}, {"实施单位", p.unit}}};
  h.funds_label = "项目资金（万元）";
  h.goal_expected = p.goal_expected;
  h.goal_achieved = p.goal_achieved;
  h.declared = p.declared_score;
  write_self_evaluation(wb, h, sc, rules);
}

void write_self_evaluation(xlsx::Workbook& wb, const TableHeader& p, const ProjectScore& sc, const RuleSet& rules) {
  xlsx::Sheet& s = wb.add_sheet(p.sheet);
  TableWriter t(s);
  for (int c = 0; c < kCols; ++c) s.column_width(c, kWidths[c]);
  const std::string round_fn = rules.rounding == Rounding::Truncate ? "ROUNDDOWN" : "ROUND";
  const std::string digits = std::to_string(rules.digits);

  int r = 0;
  s.merge_text(r, kA, r, kI, p.title, kTitle);
  s.row_height(r, 32);
  ++r;
  s.merge_text(r, kA, r, kI, "（" + std::to_string(p.year) + "年度）", kSub);
  s.row_height(r, 20);
  ++r;

  for (const auto& row : p.rows) {
    if (row.size() == 1) {
      t.put(r, kA, kA, row[0].first, kHead);
      t.put(r, kB, kI, row[0].second, kLeft);
    } else if (row.size() == 2) {
      t.put(r, kA, kA, row[0].first, kHead);
      t.put(r, kB, kD, row[0].second, kLeft);
      t.put(r, kE, kE, row[1].first, kHead);
      t.put(r, kF, kI, row[1].second, kLeft);
    }
    ++r;
  }

  // 资金（万元）: header row + one row per fund line.
  const int funds_top = r;
  s.merge_text(r, kA, r + static_cast<int>(sc.budget.lines.size()), kA, p.funds_label, kHead);
  t.put(r, kB, kC, "", kHead);
  const char* heads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
  for (int i = 0; i < 6; ++i) t.put(r, kD + i, kD + i, heads[i], kHead);
  ++r;
  for (std::size_t i = 0; i < sc.budget.lines.size(); ++i, ++r) {
    const FundLine& line = sc.budget.lines[i];
    t.put(r, kB, kC, line.label, i == 0 ? kHead : kLeft);
    s.number(r, kD, line.row.initial.to_double(), kMoney);
    s.number(r, kE, line.row.budget.to_double(), kMoney);
    s.number(r, kF, line.row.executed.to_double(), kMoney);
    if (line.rate) {
      s.formula(r, kH, "=" + cell(r, kF) + "/" + cell(r, kE),
                line.row.executed.to_double() / line.row.budget.to_double(), kRate);
    } else {
      s.text(r, kH, "—", kText);
    }
    if (i == 0) {
      s.number(r, kG, sc.budget.weight.to_double(), kWeight);
      s.formula(r, kI,
                "=" + round_fn + "(MIN(" + cell(r, kF) + "/" + cell(r, kE) + ",1)*" + cell(r, kG) + "," + digits + ")",
                sc.budget.score.to_double(), kScore);
    } else {
      s.text(r, kG, "—", kText);
      s.text(r, kI, "—", kText);
    }
  }
  const std::string budget_weight_cell = cell(funds_top + 1, kG);
  const std::string budget_score_cell = cell(funds_top + 1, kI);

  // 年度总体目标.
  s.merge_text(r, kA, r + 1, kA, "年度总体目标", kHead);
  t.put(r, kB, kE, "预期目标", kHead);
  t.put(r, kF, kI, "实际完成情况", kHead);
  ++r;
  t.put(r, kB, kE, p.goal_expected, kLeft);
  t.put(r, kF, kI, p.goal_achieved, kLeft);
  ++r;

  // 绩效指标.
  const int header_row = r;
  const char* ind_heads[] = {"一级指标",   "二级指标", "三级指标", "年度指标值",
                             "实际完成值", "分值",     "得分",     "偏差原因分析及改进措施"};
  for (int i = 0; i < 8; ++i) t.put(r, kB + i, kB + i, ind_heads[i], kHead);
  ++r;
  const int block_top = header_row;
  std::vector<std::string> sub_weight_cells;
  std::vector<std::string> sub_score_cells;
  std::vector<std::pair<double, double>> sub_cached;
  const int leaves_top = r;
  for (const ScoredNode& first : sc.tree) {
    const int first_top = r;
    for (const ScoredNode& second : first.children) {
      const int second_top = r;
      if (second.children.empty()) {
        // An empty 二级 kept in the form.
        for (int c = kD; c <= kI; ++c) s.text(r, c, "", kText);
        ++r;
      }
      for (const ScoredNode& leaf_node : second.children) {
        const LeafScore& leaf = sc.leaves[static_cast<std::size_t>(leaf_node.leaf)];
        t.put(r, kD, kD, leaf.path.back(), kLeft);
        t.put(r, kE, kE, shown_target(leaf), kText);
        t.put(r, kF, kF, leaf.actual, kText);
        s.number(r, kG, leaf.weight.to_double(), kWeight);
        if (leaf.applicable) {
          s.number(r, kH, leaf.score.to_double(), kScore);
        } else {
          s.text(r, kH, "不适用", kText);
        }
        t.put(r, kI, kI, leaf.note, kLeft);
        ++r;
      }
      s.merge_text(second_top, kC, r - 1, kC, second.name, kText);
      t.fit(second_top, kC, kC, second.name);
    }
    // 小计 of the 一级.
    t.put(r, kC, kF, "小计", kHead);
    const std::string wrange = cell(first_top, kG) + ":" + cell(r - 1, kG);
    const std::string srange = cell(first_top, kH) + ":" + cell(r - 1, kH);
    s.formula(r, kG, r > first_top ? "=SUM(" + wrange + ")" : "=0", first.weight.to_double(), kWeight);
    s.formula(r, kH, r > first_top ? "=SUM(" + srange + ")" : "=0", first.score.to_double(), kScore);
    s.text(r, kI, "", kText);
    sub_weight_cells.push_back(cell(r, kG));
    sub_score_cells.push_back(cell(r, kH));
    sub_cached.emplace_back(first.weight.to_double(), first.score.to_double());
    ++r;
    s.merge_text(first_top, kB, r - 1, kB, first.name, kHead);
  }
  const int leaves_bottom = r - 1;
  s.merge_text(block_top, kA, std::max(block_top, leaves_bottom), kA, "绩效指标", kHead);

  // 总分.
  std::string weight_sum = "=" + budget_weight_cell;
  std::string score_sum = budget_score_cell;
  for (const auto& c : sub_weight_cells) weight_sum += "+" + c;
  for (const auto& c : sub_score_cells) score_sum += "+" + c;
  t.put(r, kA, kF, "总分", kHead);
  s.formula(r, kG, weight_sum, (rules.budget_weight + sc.indicator_weight).to_double(), kWeight);
  std::string total_formula = "=" + score_sum;
  if (sc.rescaled) {
    // Non-applicable rows leave the total: (budget + applicable scores) / applicable weights × 100.
    const std::string g = cell(leaves_top, kG) + ":" + cell(leaves_bottom, kG);
    const std::string h = cell(leaves_top, kH) + ":" + cell(leaves_bottom, kH);
    total_formula = "=" + round_fn + "((" + score_sum + ")/(" + weight_sum.substr(1) + "-SUMIF(" + h + ",\"不适用\"," +
                    g + "))*" + rules.total_weight.to_plain() + "," + digits + ")";
  }
  s.formula(r, kH, total_formula, sc.total.to_double(), kTotal);
  t.put(r, kI, kI, "自评等级：" + sc.grade, kHead);
  const int total_row = r;
  ++r;
  if (p.declared) {
    // The declared total beside the computed one, with the difference as a live formula.
    t.put(r, kA, kF, "单位自报总分", kHead);
    s.text(r, kG, "", kText);
    s.number(r, kH, p.declared->to_double(), kScore);
    s.formula(r, kI, "=" + cell(r, kH) + "-" + cell(total_row, kH), (*p.declared - sc.total).to_double(), kDiff);
    ++r;
  }

  std::string note = "注：按规则集“" + rules.name + "”（" + rules.id + "）计算。执行率 = 全年执行数 / 全年预算数；";
  note += sc.rescaled ? "含不适用指标，总分按适用指标分值折算为 " + rules.total_weight.to_plain() + " 分制。"
                      : "总分 = 预算执行得分 + 各指标得分。";
  if (p.declared) {
    note += "单位自报总分 " + p.declared->to_string(2) + "，与计算总分相差 " + (*p.declared - sc.total).to_string(2) +
            "（右列为 自报 − 计算）。";
  }
  s.merge_text(r, kA, r, kI, note, kNote);
  t.fit(r, kA, kI, note);

  t.apply_heights(2);
  s.row_height(total_row, 24);
  s.print_setup(header_row, header_row);
  // A4 landscape leaves about 500 pt of height. When the table does not fit on
  // one page, the 绩效指标 block starts a page of its own instead of being cut
  // below the funds block (its header row repeats on every following page).
  constexpr double kPageHeight = 500;
  const double head = 52 + t.span_height(2, header_row);
  if (head + t.span_height(header_row, r + 1) > kPageHeight && head < kPageHeight) s.page_break_before(header_row);
}

}  // namespace jx::reports
