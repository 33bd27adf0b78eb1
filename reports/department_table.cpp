#include "reports/department_table.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "engine/scorer.h"
#include "reports/project_table.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;

const Style kTitle{.bold = true, .size = 16, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kHead{.bold = true, .num_format = ""};
const Style kLeft{.align = Align::Left, .num_format = ""};
const Style kText{.num_format = ""};
const Style kNum{.num_format = "0.00"};
const Style kDiff{.num_format = "+0.00;-0.00;0.00"};

// Built piecewise: GCC 12 at -O3 reports a false -Wrestrict for string + string here.
using xlsx::cell;  // A1 references (reports/workbook.h)

}  // namespace

void write_department_table(xlsx::Workbook& wb, const Department& d, const DepartmentScore& sc, const RuleSet& rules) {
  TableHeader h;
  h.sheet = "部门整体支出绩效自评表";
  h.title = "部门整体支出绩效自评表";
  h.year = d.year;
  h.name_line = "部门（单位）名称：" + d.name;
  h.rows = {{{"部门（单位）名称", d.name}}};
  h.funds_label = "部门资金\n（万元）";
  h.goal_expected = d.goal_expected;
  h.goal_achieved = d.goal_achieved;
  h.declared = d.declared_score;
  write_self_evaluation(wb, h, sc.core, rules);
}

void write_department_checks(xlsx::Workbook& wb, const Department& d, const DepartmentScore& sc) {
  if (sc.checks.empty() && sc.facts.empty()) return;
  xlsx::Sheet& s = wb.add_sheet("勾稽检查");
  constexpr int kCols = 7;
  const double widths[kCols] = {24, 34, 11, 40, 11, 9, 7};
  for (int c = 0; c < kCols; ++c) s.column_width(c, widths[c]);
  // Each row as tall as its longest wrapped text (the long formulas of the
  // 右边 column used to print over the rows below).
  auto fit = [&](int row, std::initializer_list<std::pair<int, std::string_view>> cells) {
    int lines = 1;
    for (const auto& [col, text] : cells) lines = std::max(lines, xlsx::text_lines(text, widths[col]));
    s.row_height(row, xlsx::row_points(lines));
  };
  const std::string title = d.name + " " + std::to_string(d.year) + "年度决算 勾稽关系检查";
  int r = 0;
  s.merge_text(r, 0, r, kCols - 1, title, kTitle);
  s.row_height(r, 28);
  r += 2;
  const char* heads[] = {"勾稽关系", "左边", "左边数值", "右边", "右边数值", "差额", "结果"};
  for (int c = 0; c < kCols; ++c) s.text(r, c, heads[c], kHead);
  const int head_row = r;
  ++r;
  for (const CheckResult& c : sc.checks) {
    s.text(r, 0, c.name, kLeft);
    s.text(r, 1, c.left, kLeft);
    s.text(r, 3, c.right, kLeft);
    fit(r, {{0, c.name}, {1, c.left}, {3, c.right}});
    if (c.evaluated) {
      s.number(r, 2, c.left_value.to_double(), kNum);
      s.number(r, 4, c.right_value.to_double(), kNum);
      std::string diff = "=";
      diff += cell(r, 2);
      diff += '-';
      diff += cell(r, 4);
      s.formula(r, 5, diff, c.left_value.to_double() - c.right_value.to_double(), kDiff);
      s.text(r, 6, c.ok ? "相符" : "不符", kHead);
    } else {
      for (int col : {2, 4, 5, 6}) s.text(r, col, "—", kText);
    }
    ++r;
  }
  s.print_setup(head_row, head_row, title);

  // The facts the checks use, with their sources, on a sheet of their own
  // (their own column heads repeat on every printed page).
  if (sc.facts.empty()) return;
  xlsx::Sheet& f_sheet = wb.add_sheet("决算数据");
  const double fwidths[kCols - 1] = {26, 40, 11, 44, 11, 8};
  for (int c = 0; c < kCols - 1; ++c) f_sheet.column_width(c, fwidths[c]);
  const std::string ftitle = d.name + " " + std::to_string(d.year) + "年度决算数据";
  f_sheet.merge_text(0, 0, 0, kCols - 2, ftitle, kTitle);
  f_sheet.row_height(0, 28);
  r = 2;
  const char* fheads[] = {"名称", "公式", "本年", "出处", "上年", "单位"};
  for (int c = 0; c < kCols - 1; ++c) f_sheet.text(r, c, fheads[c], kHead);
  const int fhead_row = r;
  ++r;
  for (const FactValue& f : sc.facts) {
    f_sheet.text(r, 0, f.name, kLeft);
    f_sheet.text(r, 1, f.formula, kLeft);
    if (f.value) {
      f_sheet.number(r, 2, f.value->to_double(), kNum);
    } else {
      f_sheet.text(r, 2, "—", kText);
    }
    f_sheet.text(r, 3, f.source, kLeft);
    if (f.prior) {
      f_sheet.number(r, 4, f.prior->to_double(), kNum);
    } else {
      f_sheet.text(r, 4, "", kText);
    }
    f_sheet.text(r, 5, f.unit, kText);
    int lines = 1;
    for (const auto& [col, text] :
         {std::pair<int, std::string_view>{0, f.name}, {1, f.formula}, {3, f.source}, {5, f.unit}}) {
      lines = std::max(lines, xlsx::text_lines(text, fwidths[col]));
    }
    f_sheet.row_height(r, xlsx::row_points(lines));
    ++r;
  }
  f_sheet.print_setup(fhead_row, fhead_row, ftitle);
}

void write_department_charts(xlsx::Workbook& wb, const Department& d, const DepartmentScore& sc) {
  if (sc.charts.empty()) return;
  xlsx::Sheet& s = wb.add_sheet("决算图表");
  s.column_width(0, 34);
  s.column_width(1, 12);
  s.column_width(2, 12);
  int r = 0;
  const std::string title = d.name + " " + std::to_string(d.year) + "年度决算图表（万元）";
  s.merge_text(r, 0, r, 8, title, kTitle);
  s.row_height(r, 28);
  r += 2;
  const std::string year = std::to_string(d.year) + "年";
  const std::string prior_year = std::to_string(d.year - 1) + "年";
  int blocks = 0;
  for (const ChartData& c : sc.charts) {
    const int top = r;
    s.merge_text(r, 0, r, 2, c.title, kHead);
    ++r;
    s.text(r, 0, "项目", kHead);
    s.text(r, 1, year, kHead);
    if (c.prior) s.text(r, 2, prior_year, kHead);
    ++r;
    const int first = r;
    Decimal sum;
    Decimal prior_sum;
    for (std::size_t i = 0; i < c.labels.size(); ++i, ++r) {
      s.text(r, 0, c.labels[i], kLeft);
      s.number(r, 1, c.values[i].to_double(), kNum);
      sum += c.values[i];
      if (c.prior) {
        s.number(r, 2, c.prior_values[i].to_double(), kNum);
        prior_sum += c.prior_values[i];
      }
    }
    const int last = r - 1;
    if (c.labels.size() > 1 && c.type != ChartSpec::Type::Column) {
      // Parts of a whole: their total as a live formula.
      s.text(r, 0, "合计", kHead);
      s.formula(r, 1, "=SUM(" + cell(first, 1) + ":" + cell(last, 1) + ")", sum.to_double(), kNum);
      if (c.prior) s.formula(r, 2, "=SUM(" + cell(first, 2) + ":" + cell(last, 2) + ")", prior_sum.to_double(), kNum);
      ++r;
    }
    xlsx::Chart chart;
    chart.type = c.type == ChartSpec::Type::Pie   ? xlsx::Chart::Type::Pie
                 : c.type == ChartSpec::Type::Bar ? xlsx::Chart::Type::Bar
                                                  : xlsx::Chart::Type::Column;
    chart.title = c.title;
    // Amounts compared side by side start at 0 unless some are negative.
    chart.value_axis_from_zero =
        std::none_of(c.values.begin(), c.values.end(), [](Decimal v) { return v.is_negative(); }) &&
        std::none_of(c.prior_values.begin(), c.prior_values.end(), [](Decimal v) { return v.is_negative(); });
    chart.cat_row1 = first;
    chart.cat_row2 = last;
    chart.cat_col = 0;
    chart.series.push_back({year, first, last, 1});
    if (c.prior) chart.series.push_back({prior_year, first, last, 2});
    chart.anchor_row = top;
    chart.anchor_col = 4;
    chart.x_scale = 1.1;
    chart.y_scale = 1.0;
    s.insert_chart(chart);
    // Each chart takes about 15 rows of height; keep the next block below it.
    r = std::max(r + 2, top + 17);
    // Two blocks to a printed page, so that no chart is cut at a page edge.
    if (++blocks % 2 == 0 && &c != &sc.charts.back()) s.page_break_before(r);
  }
  s.print_setup(-1, -1, title);
}

}  // namespace jx::reports
