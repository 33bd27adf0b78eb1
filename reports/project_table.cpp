#include "reports/project_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "engine/text.h"
#include "engine/value.h"
#include "reports/form_styles.h"

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

// Columns A..I. Wide enough that every label of the form (「部门（单位）名称」
// over A:B, the standard 二级 names in C, the column heads) stays on one line.
enum Col { kA = 0, kB, kC, kD, kE, kF, kG, kH, kI, kCols };
using Widths = std::array<double, kCols>;
constexpr Widths kWidths = {11, 12, 16, 24, 15, 15, 7, 9, 32};
// The four free-text columns of the 绩效指标 block (三级指标, 年度指标值,
// 实际完成值, 偏差原因) share a fixed total width; each keeps a minimum and
// the rest goes to the columns in proportion to how much text they hold, so
// that a department's long 实际完成值 does not become a 30-line row while
// the 偏差原因 column stays empty.
constexpr int kFree[] = {kD, kE, kF, kI};
constexpr double kFreeMin[] = {14, 11, 11, 14};

using xlsx::cell;  // A1 references (reports/workbook.h)

const Style kTitle{.bold = true, .size = 18, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSub{.bold = false, .size = 11, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
using namespace form_style;  // kHead, kText, kLeft, kMoney, kWeight, kScore, kRate, kTotal
// Outside the form's frame: no borders.
const Style kOutLabel{.align = Align::Right, .border = false, .num_format = ""};
const Style kOutScore{.border = false, .num_format = "0.00"};
const Style kOutDiff{.align = Align::Left,
                     .border = false,
                     .num_format = "\"与计算总分相差 \"+0.00;\"与计算总分相差 \"-0.00;\"与计算总分相同\""};
const Style kNote{.size = 9, .align = Align::Left, .wrap = true, .border = false, .num_format = ""};

double span_width(const Widths& widths, int c1, int c2) {
  double w = 0;
  for (int c = c1; c <= c2; ++c) w += widths[c];
  return w;
}

class TableWriter {
 public:
  TableWriter(xlsx::Sheet& sheet, const Widths& widths) : s_(sheet), w_(widths) {}

  // Records how tall row `row` must be for `text` over columns c1..c2.
  void fit(int row, int c1, int c2, std::string_view text, double size = 11) {
    if (static_cast<int>(points_.size()) <= row) points_.resize(row + 1, xlsx::row_points(1));
    points_[row] = std::max(points_[row], xlsx::row_points(xlsx::text_lines(text, span_width(w_, c1, c2)), size));
  }
  void put(int row, int c1, int c2, std::string_view text, const Style& st) {
    s_.merge_text(row, c1, row, c2, text, st);
    fit(row, c1, c2, text, st.size);
  }
  void apply_heights(int first_row) {
    for (int r = first_row; r < static_cast<int>(points_.size()); ++r) s_.row_height(r, points_[r]);
  }
  [[nodiscard]] double height(int row) const {
    return row < static_cast<int>(points_.size()) ? points_[row] : xlsx::row_points(1);
  }
  xlsx::Sheet& s_;
  const Widths& w_;
  std::vector<double> points_;
};

// Printed height of one indicator row (a leaf, or an empty 二级 kept in the form).
double leaf_points(const Widths& w, const LeafScore* leaf) {
  if (leaf == nullptr) return xlsx::row_points(1);
  int lines = 1;
  lines = std::max(lines, xlsx::text_lines(leaf->path.back(), w[kD]));
  lines = std::max(lines, xlsx::text_lines(shown_target(*leaf), w[kE]));
  lines = std::max(lines, xlsx::text_lines(leaf->actual, w[kF]));
  lines = std::max(lines, xlsx::text_lines(leaf->note, w[kI]));
  return xlsx::row_points(lines);
}

Widths column_widths(const ProjectScore& sc) {
  double volume[4] = {0, 0, 0, 0};
  for (const LeafScore& leaf : sc.leaves) {
    const std::string texts[4] = {leaf.path.back(), shown_target(leaf), leaf.actual, leaf.note};
    for (int i = 0; i < 4; ++i) volume[i] += static_cast<double>(display_width(texts[i]));
  }
  Widths w = kWidths;
  double budget = 0;
  double total_volume = 0;
  for (int i = 0; i < 4; ++i) {
    budget += kWidths[kFree[i]] - kFreeMin[i];
    total_volume += volume[i];
  }
  if (total_volume <= 0) return w;
  for (int i = 0; i < 4; ++i) w[kFree[i]] = std::round(kFreeMin[i] + budget * volume[i] / total_volume);
  return w;
}

// Merges column `col` over rows [top, bottom] with `label`, one merge per
// printed page: a group split by a page break shows its label again on the
// next page.
void merge_by_page(xlsx::Sheet& s, const std::set<int>& breaks, int top, int bottom, int col, std::string_view label,
                   const Style& st) {
  int a = top;
  for (auto it = breaks.upper_bound(top); it != breaks.end() && *it <= bottom; ++it) {
    s.merge_text(a, col, *it - 1, col, label, st);
    a = *it;
  }
  s.merge_text(a, col, bottom, col, label, st);
}

}  // namespace

void write_project_table(xlsx::Workbook& wb, const Project& p, const ProjectScore& sc, const RuleSet& rules) {
  TableHeader h;
  h.sheet = p.name.empty() ? "项目支出绩效自评表" : p.name;
  h.title = "项目支出绩效自评表";
  h.year = p.year;
  h.name_line = "项目名称：" + p.name;
  h.rows = {{{"项目名称", p.name}}, {{"主管部门", p.department}, {"实施单位", p.unit}}};
  h.funds_label = "项目资金\n（万元）";
  h.goal_expected = p.goal_expected;
  h.goal_achieved = p.goal_achieved;
  h.declared = p.declared_score;
  write_self_evaluation(wb, h, sc, rules);
}

void write_self_evaluation(xlsx::Workbook& wb, const TableHeader& p, const ProjectScore& sc, const RuleSet& rules) {
  xlsx::Sheet& s = wb.add_sheet(p.sheet);
  const Widths widths = column_widths(sc);
  TableWriter t(s, widths);
  for (int c = 0; c < kCols; ++c) s.column_width(c, widths[c]);
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
      t.put(r, kA, kB, row[0].first, kHead);
      t.put(r, kC, kI, row[0].second, kLeft);
    } else if (row.size() == 2) {
      t.put(r, kA, kB, row[0].first, kHead);
      t.put(r, kC, kE, row[0].second, kLeft);
      t.put(r, kF, kF, row[1].first, kHead);
      t.put(r, kG, kI, row[1].second, kLeft);
    }
    ++r;
  }

  // 资金（万元）: header row + one row per fund line. The label breaks before
  // its unit, never inside a word.
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
  s.merge_text(r, kA, r + 1, kA, "年度总体\n目标", kHead);
  t.put(r, kB, kE, "预期目标", kHead);
  t.put(r, kF, kI, "实际完成情况", kHead);
  ++r;
  t.put(r, kB, kE, p.goal_expected, kLeft);
  t.put(r, kF, kI, p.goal_achieved, kLeft);
  ++r;

  // 绩效指标. Page breaks are placed here, from the measured row heights:
  // the block starts a page of its own when it does not fit below the funds
  // block; an 一级 group that would not fit on the rest of a page starts the
  // next one; a group longer than a page is split, and every part shows its
  // 一级 / 二级 labels (one merge per page). The column heads repeat on every
  // page (print titles), the title and the name in the running head.
  const int header_row = r;
  const char* ind_heads[] = {"一级指标",   "二级指标", "三级指标", "年度指标值",
                             "实际完成值", "分值",     "得分",     "偏差原因分析\n及改进措施"};
  // 「绩效指标」 heads column A in the column-head row, which repeats on
  // every printed page; the column below it is one blank frame per page.
  t.put(r, kA, kA, "绩效指标", kHead);
  for (int i = 0; i < 8; ++i) t.put(r, kB + i, kB + i, ind_heads[i], kHead);
  ++r;
  std::set<int> breaks;
  double above = 52;  // title and year rows
  for (int row = 2; row < header_row; ++row) above += t.height(row);
  const double head_h = t.height(header_row);
  auto leaf_of = [&](const ScoredNode& n) { return &sc.leaves[static_cast<std::size_t>(n.leaf)]; };
  // Height of each row of a 二级 group; a one-row group is as tall as its
  // wrapped 二级 name needs.
  auto second_points = [&](const ScoredNode& second) {
    std::vector<double> h;
    if (second.children.empty()) h.push_back(leaf_points(widths, nullptr));
    for (const ScoredNode& leaf_node : second.children) h.push_back(leaf_points(widths, leaf_of(leaf_node)));
    if (h.size() == 1) h[0] = std::max(h[0], xlsx::row_points(xlsx::text_lines(second.name, widths[kC])));
    return h;
  };
  auto group_points = [&](const ScoredNode& first) {
    double h = xlsx::row_points(1);  // 小计
    for (const ScoredNode& second : first.children) {
      for (double x : second_points(second)) h += x;
    }
    return h;
  };
  double indicators_h = head_h + xlsx::row_points(1);  // + 总分
  for (const ScoredNode& first : sc.tree) indicators_h += group_points(first);
  xlsx::Pager pager(xlsx::landscape_body_points(span_width(widths, kA, kI)), above);
  // The block starts a new page when neither all of it nor its first 一级
  // group fits below the funds and goals.
  const double first_group_h = sc.tree.empty() ? 0 : group_points(sc.tree.front());
  if (!pager.fits(indicators_h) && !pager.fits(head_h + first_group_h)) {
    breaks.insert(header_row);
    pager.new_page();
  }
  pager.add(head_h);
  pager.set_repeated(head_h);
  auto place = [&](int row, double h) {
    if (!pager.fits(h) && row != header_row + 1 && !breaks.count(row)) {
      breaks.insert(row);
      pager.new_page();
    }
    pager.add(h);
  };

  std::vector<std::string> sub_weight_cells;
  std::vector<std::string> sub_score_cells;
  const int leaves_top = r;
  for (const ScoredNode& first : sc.tree) {
    const int first_top = r;
    const double gh = group_points(first);
    if (!pager.fits(gh) && gh <= pager.room_on_empty_page() && r != header_row + 1) {
      breaks.insert(r);
      pager.new_page();
    }
    for (const ScoredNode& second : first.children) {
      const int second_top = r;
      const std::vector<double> heights = second_points(second);
      if (second.children.empty()) {
        // An empty 二级 kept in the form.
        place(r, heights[0]);
        for (int c = kD; c <= kI; ++c) s.text(r, c, "", kText);
        ++r;
      }
      for (const ScoredNode& leaf_node : second.children) {
        const LeafScore& leaf = *leaf_of(leaf_node);
        place(r, heights[static_cast<std::size_t>(r - second_top)]);
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
      if (r - 1 == second_top) t.fit(second_top, kC, kC, second.name);
      merge_by_page(s, breaks, second_top, r - 1, kC, second.name, kText);
    }
    // 小计 of the 一级.
    place(r, xlsx::row_points(1));
    t.put(r, kC, kF, "小计", kHead);
    const std::string wrange = cell(first_top, kG) + ":" + cell(r - 1, kG);
    const std::string srange = cell(first_top, kH) + ":" + cell(r - 1, kH);
    s.formula(r, kG, r > first_top ? "=SUM(" + wrange + ")" : "=0", first.weight.to_double(), kWeight);
    s.formula(r, kH, r > first_top ? "=SUM(" + srange + ")" : "=0", first.score.to_double(), kScore);
    s.text(r, kI, "", kText);
    sub_weight_cells.push_back(cell(r, kG));
    sub_score_cells.push_back(cell(r, kH));
    ++r;
    merge_by_page(s, breaks, first_top, r - 1, kB, first.name, kHead);
  }
  const int leaves_bottom = r - 1;
  if (leaves_bottom > header_row) merge_by_page(s, breaks, header_row + 1, leaves_bottom, kA, "", kHead);

  // 总分.
  place(r, xlsx::row_points(1));
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

  // Below the frame, after a blank row: what the official form does not
  // have — the total the unit declared (with the difference as a live
  // formula) and how the table was computed.
  ++r;
  if (p.declared) {
    t.put(r, kA, kG, "单位自报总分", kOutLabel);
    s.number(r, kH, p.declared->to_double(), kOutScore);
    s.formula(r, kI, "=" + cell(r, kH) + "-" + cell(total_row, kH), (*p.declared - sc.total).to_double(), kOutDiff);
    ++r;
  }
  std::string note = "说明：按规则集“" + rules.name + "”（" + rules.id + "）计算。执行率 = 全年执行数 / 全年预算数；";
  note += sc.rescaled ? "含不适用指标，总分按适用指标分值折算为 " + rules.total_weight.to_plain() + " 分制。"
                      : "总分 = 预算执行得分 + 各指标得分。";
  if (p.declared) {
    note += "单位自报总分 " + p.declared->to_string(2) + "，与计算总分相差 " + (*p.declared - sc.total).to_string(2) +
            "（自报 − 计算）。";
  }
  t.put(r, kA, kI, note, kNote);
  const int note_row = r;
  if (!pager.fits(t.height(note_row - 1) * 2 + t.height(note_row))) breaks.insert(p.declared ? note_row - 1 : note_row);

  t.apply_heights(2);
  s.row_height(total_row, 24);
  s.print_setup(header_row, header_row, p.title + "（" + std::to_string(p.year) + "年度）　" + p.name_line);
  for (int b : breaks) s.page_break_before(b);
}

}  // namespace jx::reports
