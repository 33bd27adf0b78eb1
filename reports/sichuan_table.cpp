#include "reports/sichuan_table.h"

#include <algorithm>
#include <cmath>

#include "engine/target_split.h"
#include "engine/text.h"
#include "reports/form_styles.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;

// The form's grid: eleven columns A..K. The 绩效指标 block uses one column per
// heading after the block label in A; the other blocks merge columns of the
// same grid (widths come from the form data).
enum Col { kA = 0, kB, kC, kD, kE, kF, kG, kH, kI, kJ, kK, kCols };

const Style kTitle{.bold = true, .size = 16, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
using namespace form_style;  // kHead, kText, kLeft, kMoney, kWeight, kScore, kRate, kTotal
const Style kDiff{.num_format = "+0.00;-0.00;0.00"};

using xlsx::cell;  // A1 references (reports/workbook.h)

// Writes cells and keeps track of how tall each row must be so that wrapped
// text shows whole, also in cells merged over several rows.
class Grid {
 public:
  Grid(xlsx::Sheet& sheet, const std::vector<double>& widths) : s(sheet), widths_(widths) {}

  void put(int r1, int c1, int r2, int c2, std::string_view text, const Style& st) {
    s.merge_text(r1, c1, r2, c2, text, st);
    fit(r1, c1, r2, c2, text);
  }
  void put(int r, int c1, int c2, std::string_view text, const Style& st) { put(r, c1, r, c2, text, st); }
  void fit(int r1, int c1, int r2, int c2, std::string_view text) {
    double w = 0;
    for (int c = c1; c <= c2; ++c) w += widths_[static_cast<std::size_t>(c)];
    const double need = height(xlsx::text_lines(text, w));
    if (r1 == r2) {
      grow(r1);
      heights_[static_cast<std::size_t>(r1)] = std::max(heights_[static_cast<std::size_t>(r1)], need);
    } else {
      spans_.push_back({r1, r2, need});
    }
  }
  static double height(int lines) { return xlsx::row_points(lines); }
  /// Makes the rows of every merged cell put so far tall enough for it: a
  /// merged cell taller than its rows shares the difference among them.
  void settle() {
    for (const Span& sp : spans_) {
      grow(sp.r2);
      double have = 0;
      for (int r = sp.r1; r <= sp.r2; ++r) have += heights_[static_cast<std::size_t>(r)];
      if (have < sp.need) {
        const double add = (sp.need - have) / (sp.r2 - sp.r1 + 1);
        for (int r = sp.r1; r <= sp.r2; ++r) heights_[static_cast<std::size_t>(r)] += add;
      }
    }
    spans_.clear();
  }
  /// Sets every row height from `first` (after settle()).
  void apply(int first, int end) {
    settle();
    grow(end);
    for (int r = first; r < end; ++r) s.row_height(r, heights_[static_cast<std::size_t>(r)]);
  }
  [[nodiscard]] double row(int r) const {
    return r < static_cast<int>(heights_.size()) ? heights_[static_cast<std::size_t>(r)] : height(1);
  }
  [[nodiscard]] double span_height(int first, int last) const {
    double h = 0;
    for (int r = first; r < last && r < static_cast<int>(heights_.size()); ++r)
      h += heights_[static_cast<std::size_t>(r)];
    return h;
  }

  xlsx::Sheet& s;

 private:
  void grow(int row) {
    if (static_cast<int>(heights_.size()) <= row) heights_.resize(static_cast<std::size_t>(row) + 1, height(1));
  }
  struct Span {
    int r1, r2;
    double need;
  };
  const std::vector<double>& widths_;
  std::vector<double> heights_;
  std::vector<Span> spans_;
};

std::string replace_year(std::string title, int year) {
  const std::string key = "{year}";
  if (const auto at = title.find(key); at != std::string::npos) title.replace(at, key.size(), std::to_string(year));
  return title;
}

bool is_ceiling_second_level(const RuleSet& rules, const LeafScore& leaf) {
  return leaf.path.size() >= 2 && std::find(rules.reverse_second_level.begin(), rules.reverse_second_level.end(),
                                            leaf.path[1]) != rules.reverse_second_level.end();
}

}  // namespace

void write_sichuan_table(xlsx::Workbook& wb, const Project& p, const ProjectScore& sc, const RuleSet& rules,
                         const FormLayout& form) {
  const FormLayout::Labels& L = form.labels;
  xlsx::Sheet& s = wb.add_sheet(p.name.empty() ? form.id : p.name);
  Grid g(s, form.widths);
  for (int c = 0; c < kCols; ++c) s.column_width(c, form.widths[static_cast<std::size_t>(c)]);
  const std::string round_fn = rules.rounding == Rounding::Truncate ? "ROUNDDOWN" : "ROUND";
  const std::string digits = std::to_string(rules.digits);
  const std::string title = replace_year(form.title, p.year);
  const std::string name = p.code.empty() ? p.name : p.code + "-" + p.name;

  int r = 0;
  s.merge_text(r, kA, r, kK, title, kTitle);
  s.row_height(r, 36);
  ++r;

  // 项目名称; 主管部门 / 实施单位（盖章）.
  g.put(r, kA, kA, L.project, kHead);
  g.put(r, kB, kK, name, kLeft);
  ++r;
  g.put(r, kA, kA, L.department, kHead);
  g.put(r, kB, kD, p.department, kLeft);
  g.put(r, kE, kF, L.unit, kHead);
  g.put(r, kG, kK, p.unit, kLeft);
  ++r;

  // Labels merged down column A, B or C over several rows are merged once the
  // page breaks are known: a group split across pages repeats its label.
  struct Label {
    int top, bottom, col;
    const std::string* name;
    const Style* style;
  };
  std::vector<Label> labels;
  std::vector<int> breaks;

  // 项目基本情况.
  const int basics_top = r;
  labels.push_back({r, r + 2, kA, &L.basics, &kHead});
  g.put(r, kB, r + 1, kD, L.goals, kHead);
  g.put(r, kE, kH, L.goal_expected, kHead);
  g.put(r, kI, kK, L.goal_achieved, kHead);
  ++r;
  g.put(r, kE, kH, p.goal_expected, kLeft);
  g.put(r, kI, kK, p.goal_achieved, kLeft);
  ++r;
  g.put(r, kB, kD, L.content, kHead);
  g.put(r, kE, kK, p.content, kLeft);
  ++r;

  // 预算执行情况: a header row, then one row per fund row of the form.
  const int budget_top = r;
  const int fund_rows = static_cast<int>(form.fund_rows.size());
  g.put(r, kA, r + fund_rows, kA, L.budget, kHead);
  g.put(r, kB, kC, L.budget_rows, kHead);
  const int money_cols[][2] = {{kD, kD}, {kE, kF}, {kG, kG}, {kH, kH}, {kI, kI}, {kJ, kJ}, {kK, kK}};
  for (std::size_t i = 0; i < form.budget_columns.size(); ++i) {
    g.put(r, money_cols[i][0], money_cols[i][1], form.budget_columns[i], kHead);
  }
  ++r;
  const FundRow& total = sc.budget.lines.front().row;
  const int total_row = r;
  for (int i = 0; i < fund_rows; ++i, ++r) {
    const FormLayout::FundRowSpec& spec = form.fund_rows[static_cast<std::size_t>(i)];
    const FundRow row = i == 0 ? total : form_fund_row(spec, p.funds, total);
    g.put(r, kB, kC, spec.label, i == 0 ? kHead : kLeft);
    s.number(r, kD, row.initial.to_double(), kMoney);
    s.merge_number(r, kE, r, kF, row.budget.to_double(), kMoney);
    s.number(r, kG, row.executed.to_double(), kMoney);
    // 0.00% when the budget is 0, as the form prints it.
    const double rate = row.budget.is_zero() ? 0.0 : row.executed.to_double() / row.budget.to_double();
    s.formula(r, kH, "=IF(" + cell(r, kE) + "=0,0," + cell(r, kG) + "/" + cell(r, kE) + ")", rate, kRate);
    if (i == 0) {
      s.number(r, kI, sc.budget.weight.to_double(), kWeight);
      s.formula(r, kJ,
                "=" + round_fn + "(MIN(" + cell(r, kG) + "/" + cell(r, kE) + ",1)*" + cell(r, kI) + "," + digits + ")",
                sc.budget.score.to_double(), kScore);
    } else {
      s.text(r, kI, L.not_shown, kText);
      s.text(r, kJ, L.not_shown, kText);
    }
  }
  g.put(total_row, kK, r - 1, kK, p.funds.reason, kLeft);

  // 绩效指标: the header, then one row per leaf (an empty 二级 or 一级 keeps a blank row).
  const int header_row = r;
  for (int i = 0; i < static_cast<int>(form.indicator_columns.size()); ++i) {
    g.put(r, kB + i, kB + i, form.indicator_columns[static_cast<std::size_t>(i)], kHead);
  }
  ++r;
  const int leaves_top = r;
  auto blank_row = [&] {
    for (int c = kD; c <= kK; ++c) s.text(r, c, "", kText);
    ++r;
  };
  for (const ScoredNode& first : sc.tree) {
    const int first_top = r;
    if (first.children.empty()) {
      s.text(r, kC, "", kText);
      blank_row();
    }
    for (const ScoredNode& second : first.children) {
      const int second_top = r;
      if (second.children.empty()) blank_row();
      for (const ScoredNode& node : second.children) {
        const LeafScore& leaf = sc.leaves[static_cast<std::size_t>(node.leaf)];
        const TargetCells t =
            split_target(leaf.target, leaf.direction, is_ceiling_second_level(rules, leaf), L.qualitative, L.not_shown);
        g.put(r, kD, kD, leaf.path.back(), kLeft);
        g.put(r, kE, kE, t.op, kText);
        g.put(r, kF, kF, t.value, kText);
        g.put(r, kG, kG, t.unit, kText);
        g.put(r, kH, kH, leaf.actual, kText);
        s.number(r, kI, leaf.weight.to_double(), kWeight);
        if (leaf.applicable) {
          s.number(r, kJ, leaf.score.to_double(), kScore);
        } else {
          s.text(r, kJ, L.not_applicable, kText);
        }
        g.put(r, kK, kK, leaf.note, kLeft);
        ++r;
      }
      labels.push_back({second_top, r - 1, kC, &second.name, &kText});
    }
    labels.push_back({first_top, r - 1, kB, &first.name, &kHead});
  }
  if (r == leaves_top) blank_row();
  const int leaves_bottom = r - 1;
  labels.push_back({header_row, leaves_bottom, kA, &L.indicators, &kHead});

  // 合计 = budget score + Σ indicator scores (rescaled when rows are not applicable).
  const std::string weights = cell(leaves_top, kI) + ":" + cell(leaves_bottom, kI);
  const std::string scores = cell(leaves_top, kJ) + ":" + cell(leaves_bottom, kJ);
  const std::string budget_weight = cell(total_row, kI);
  const std::string budget_score = cell(total_row, kJ);
  g.put(r, kA, kH, L.total, kHead);
  s.formula(r, kI, "=" + budget_weight + "+SUM(" + weights + ")",
            (rules.budget_weight + sc.indicator_weight).to_double(), kWeight);
  std::string total_formula = "=" + budget_score + "+SUM(" + scores + ")";
  if (sc.rescaled) {
    total_formula = "=" + round_fn + "((" + budget_score + "+SUM(" + scores + "))/(" + cell(r, kI) + "-SUMIF(" +
                    scores + "," + xlsx::formula_string(L.not_applicable) + "," + weights + "))*" +
                    rules.total_weight.to_plain() + "," + digits + ")";
  }
  s.formula(r, kJ, total_formula, sc.total.to_double(), kTotal);
  g.put(r, kK, kK, L.grade + "：" + sc.grade, kHead);
  const int sum_row = r;
  ++r;
  if (p.declared_score) {
    // The declared total beside the computed one, with the difference as a live formula.
    g.put(r, kA, kH, L.declared, kHead);
    s.text(r, kI, "", kText);
    s.number(r, kJ, p.declared_score->to_double(), kScore);
    s.formula(r, kK, "=" + cell(r, kJ) + "-" + cell(sum_row, kJ), (*p.declared_score - sc.total).to_double(), kDiff);
    ++r;
  }

  // 评价结论 / 存在问题 / 改进措施; the two signatures.
  for (const auto& [label, text] : {std::pair{&L.conclusion, &p.conclusion}, std::pair{&L.problems, &p.problems},
                                    std::pair{&L.improvements, &p.improvements}}) {
    g.put(r, kA, kA, *label, kHead);
    g.put(r, kB, kK, *text, kLeft);
    ++r;
  }
  g.put(r, kA, kA, L.project_lead, kHead);
  g.put(r, kB, kD, p.project_lead, kLeft);
  g.put(r, kE, kF, L.finance_lead, kHead);
  g.put(r, kG, kK, p.finance_lead, kLeft);
  ++r;

  // Page breaks (A4 landscape, the columns fitted to the width): no block
  // is cut from its header. The budget block starts a page when it does not
  // fit below the basics; the 绩效指标 block starts one when not even its
  // header and first row fit; its rows fill the pages below (its header
  // repeats, and so do the labels of a group split across pages).
  g.settle();
  double width = 0;
  for (const double w : form.widths) width += w;
  xlsx::Pager pager(xlsx::landscape_body_points(width), 36);  // below the title row
  pager.add(g.span_height(1, basics_top + 2));
  const int content_row = basics_top + 2;  // 实施内容及过程概述 may start a page
  if (!pager.fits(g.row(content_row))) {
    s.page_break_before(content_row);
    breaks.push_back(content_row);
    pager.new_page();
  }
  pager.add(g.row(content_row));
  if (!pager.fits(g.span_height(budget_top, header_row))) {
    s.page_break_before(budget_top);
    pager.new_page();
  }
  pager.add(g.span_height(budget_top, header_row));
  pager.set_repeated(g.row(header_row));
  if (pager.fits(g.row(header_row) + g.row(leaves_top))) {
    pager.add(g.row(header_row));
  } else {
    s.page_break_before(header_row);
    pager.new_page();
  }
  for (int row = leaves_top; row <= leaves_bottom; ++row) {
    if (!pager.fits(g.row(row)) && row > leaves_top) {
      s.page_break_before(row);
      breaks.push_back(row);
      pager.new_page();
    }
    pager.add(g.row(row));
  }
  const bool split_block =
      std::any_of(breaks.begin(), breaks.end(), [&](int b) { return b > leaves_top && b <= leaves_bottom; });
  for (const Label& l : labels) {
    int from = l.top;
    std::string_view text = *l.name;
    if (split_block && l.col == kA && l.top == header_row) {
      // The header row repeats on every page: a merge starting in it would
      // print again there, over the page's own label. 绩效指标 stays in the
      // header cell (so it heads every page) and frames the rows below.
      g.put(header_row, kA, header_row, kA, text, *l.style);
      from = leaves_top;
      text = "";
    }
    for (const int b : breaks) {
      if (b > from && b <= l.bottom) {
        g.put(from, l.col, b - 1, l.col, text, *l.style);
        from = b;
      }
    }
    g.put(from, l.col, l.bottom, l.col, text, *l.style);
  }

  g.apply(1, r);
  s.row_height(sum_row, 26);
  s.print_setup(header_row, header_row, title + "  " + L.project + "：" + name);
}

}  // namespace jx::reports
