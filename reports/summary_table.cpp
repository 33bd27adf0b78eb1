#include "reports/summary_table.h"

#include <algorithm>
#include <set>

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;

const Style kTitle{.bold = true, .size = 16, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kHead{.bold = true, .num_format = "", .fill = 0xDDEBF7};
const Style kLeft{.align = Align::Left, .num_format = ""};
const Style kText{};
const Style kLine{.align = Align::Left, .wrap = false, .num_format = ""};  // long text on one line
const Style kInt{.num_format = "0"};
const Style kNum{.num_format = "0.00"};
const Style kMoney{.align = Align::Right, .num_format = "#,##0.00"};
const Style kRate{.num_format = "0.00%"};
const Style kDiff{.num_format = "+0.00;-0.00;0.00"};
const Style kBoldNum{.bold = true, .num_format = "0.00"};
const Style kBoldInt{.bold = true, .num_format = "0"};
const Style kBoldMoney{.bold = true, .align = Align::Right, .num_format = "#,##0.00"};
const Style kBoldRate{.bold = true, .num_format = "0.00%"};

// Grade colours: 优 green, 良 blue, 中 yellow, 差 red (light fills).
struct GradeColour {
  const char* grade;
  std::uint32_t fill;
};
constexpr GradeColour kGradeColours[] = {{"优", 0xC6EFCE}, {"良", 0xDDEBF7}, {"中", 0xFFEB9C}, {"差", 0xFFC7CE}};

constexpr std::size_t kMaxCell = 32000;  // below Excel's 32767-character cell limit

std::string clip(const std::string& s) {
  if (s.size() <= kMaxCell) return s;
  std::size_t cut = kMaxCell;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…（过长，已截断）";
}

std::string ref(int row, int col) {
  return column_name(col) + std::to_string(row + 1);
}
std::string abs_range(const std::string& sheet, int col, int r1, int r2) {
  return sheet + "!$" + column_name(col) + "$" + std::to_string(r1 + 1) + ":$" + column_name(col) + "$" +
         std::to_string(r2 + 1);
}

std::string join_findings(const SubmissionRow& r) {
  std::vector<std::string_view> labels;
  for (const auto& f : r.findings) {
    const auto l = finding_kind_label(f.code);
    if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
  }
  std::string s;
  for (auto l : labels) s += (s.empty() ? "" : "；") + std::string(l);
  return s;
}

/// The 一级指标 columns: every name in order of first appearance over the ranked rows.
std::vector<std::string> level_names(const BatchSummary& s) {
  std::vector<std::string> names;
  for (const auto& r : s.rows) {
    for (const auto& l : r.levels) {
      if (std::find(names.begin(), names.end(), l.name) == names.end()) names.push_back(l.name);
    }
  }
  return names;
}

// Column positions of the 汇总 sheet that other sheets refer to.
struct SummaryColumns {
  int kind = 1, department = 2, budget = 7, executed = 8, total = 0, grade = 0;
  int first = 2, last = 2;  // data rows (0-based, inclusive); last < first when empty
};

SummaryColumns write_rows(xlsx::Workbook& wb, const BatchSummary& s) {
  xlsx::Sheet& sh = wb.add_sheet("汇总");
  const auto levels = level_names(s);
  std::vector<std::string> heads = {"排名",        "类型",   "主管部门",           "实施单位",           "项目名称",
                                    "年度",        "规则集", "全年预算数（万元）", "全年执行数（万元）", "执行率",
                                    "预算执行得分"};
  for (const auto& l : levels) heads.push_back(l + "得分");
  const int c_total = static_cast<int>(heads.size());
  for (const char* h : {"计算总分", "自评得分", "自评−计算", "等级", "上年得分", "较上年", "问题数", "问题", "文件"}) {
    heads.emplace_back(h);
  }
  const int ncol = static_cast<int>(heads.size());
  const int c_declared = c_total + 1, c_diff = c_total + 2, c_grade = c_total + 3, c_prior = c_total + 4,
            c_change = c_total + 5, c_nfind = c_total + 6, c_find = c_total + 7, c_file = c_total + 8;

  sh.merge_text(0, 0, 0, ncol - 1, summary_title(s), kTitle);
  sh.row_height(0, 30);
  const int head = 1;
  for (int c = 0; c < ncol; ++c) sh.text(head, c, heads[static_cast<std::size_t>(c)], kHead);
  sh.row_height(head, 36);
  const double widths[] = {6, 8, 22, 22, 30, 6, 11, 13, 13, 9, 9};
  for (int c = 0; c < 11; ++c) sh.column_width(c, widths[c]);
  for (int c = 11; c < c_total; ++c) sh.column_width(c, 9);
  for (int c : {c_total, c_declared, c_diff, c_prior, c_change}) sh.column_width(c, 9);
  sh.column_width(c_grade, 6);
  sh.column_width(c_nfind, 7);
  sh.column_width(c_find, 36);
  sh.column_width(c_file, 40);

  int r = head + 1;
  for (const SubmissionRow& row : s.rows) {
    sh.number(r, 0, row.rank, kInt);
    sh.text(r, 1, row.department_wide ? "部门整体" : "项目", kText);
    sh.text(r, 2, row.department, kLine);
    sh.text(r, 3, row.unit, kLine);
    sh.text(r, 4, row.department_wide ? "（部门整体支出）" : row.project, kLine);
    sh.number(r, 5, row.year, kInt);
    sh.text(r, 6, row.rules, kText);
    sh.number(r, 7, row.budget.to_double(), kMoney);
    sh.number(r, 8, row.executed.to_double(), kMoney);
    if (row.budget.is_zero()) {
      sh.text(r, 9, "—", kText);
    } else {
      sh.formula(r, 9, "=ROUND(" + ref(r, 8) + "/" + ref(r, 7) + ",6)", row.rate.to_double(), kRate);
    }
    sh.number(r, 10, row.budget_score.to_double(), kNum);
    for (std::size_t k = 0; k < levels.size(); ++k) {
      const int c = 11 + static_cast<int>(k);
      auto it =
          std::find_if(row.levels.begin(), row.levels.end(), [&](const LevelScore& l) { return l.name == levels[k]; });
      if (it != row.levels.end()) sh.number(r, c, it->score.to_double(), kNum);
    }
    sh.number(r, c_total, row.total.to_double(), kNum);
    if (row.declared) {
      sh.number(r, c_declared, row.declared->to_double(), kNum);
      sh.formula(r, c_diff, "=ROUND(" + ref(r, c_declared) + "-" + ref(r, c_total) + ",2)",
                 (*row.declared - row.total).to_double(), kDiff);
    }
    sh.text(r, c_grade, row.grade, kText);
    if (row.prior_total) {
      sh.number(r, c_prior, row.prior_total->to_double(), kNum);
      sh.formula(r, c_change, "=ROUND(" + ref(r, c_total) + "-" + ref(r, c_prior) + ",2)",
                 (row.total - *row.prior_total).to_double(), kDiff);
    }
    sh.number(r, c_nfind, static_cast<double>(row.findings.size()), kInt);
    sh.text(r, c_find, clip(join_findings(row)), kLine);
    sh.text(r, c_file, row.file, kLine);
    ++r;
  }
  const int first = head + 1, last = r - 1;
  sh.freeze(head + 1, 5);
  sh.autofilter(head, 0, std::max(last, head), ncol - 1);
  if (last >= first) {
    for (const auto& g : kGradeColours) sh.highlight_text(first, c_grade, last, c_grade, g.grade, g.fill);
  }
  // 合计 below the filtered range.
  const int t = r + 1;
  sh.text(t, 0, "合计", kHead);
  Decimal budget, executed;
  int projects = 0;
  for (const auto& row : s.rows) {
    budget += row.budget;
    executed += row.executed;
    if (!row.department_wide) ++projects;
  }
  const std::string rng_b = ref(first, 7) + ":" + ref(std::max(last, first), 7);
  const std::string rng_e = ref(first, 8) + ":" + ref(std::max(last, first), 8);
  sh.text(t, 1, "项目", kHead);
  sh.formula(t, 2, "=COUNTIF(" + ref(first, 1) + ":" + ref(std::max(last, first), 1) + ",\"项目\")", projects,
             kBoldInt);
  sh.formula(t, 7, "=SUM(" + rng_b + ")", budget.to_double(), kBoldMoney);
  sh.formula(t, 8, "=SUM(" + rng_e + ")", executed.to_double(), kBoldMoney);
  if (!budget.is_zero()) {
    sh.formula(t, 9, "=ROUND(" + ref(t, 8) + "/" + ref(t, 7) + ",6)", div(executed, budget).to_double(), kBoldRate);
  }
  sh.print_setup(head, head);
  SummaryColumns cols;
  cols.total = c_total;
  cols.grade = c_grade;
  cols.first = first;
  cols.last = last;
  return cols;
}

void write_departments(xlsx::Workbook& wb, const BatchSummary& s, const SummaryColumns& sc) {
  xlsx::Sheet& sh = wb.add_sheet("按部门");
  std::vector<std::string> heads = {"主管部门",           "项目数", "全年预算数（万元）",
                                    "全年执行数（万元）", "执行率", "加权平均得分"};
  const int c_grades = static_cast<int>(heads.size());
  for (const auto& g : s.grade_order) heads.push_back(g);
  const int c_dept = static_cast<int>(heads.size());
  heads.emplace_back("部门整体得分");
  heads.emplace_back("部门整体等级");
  const int ncol = static_cast<int>(heads.size());
  sh.merge_text(0, 0, 0, ncol - 1, summary_title(s) + "（按部门）", kTitle);
  sh.row_height(0, 30);
  const int head = 1;
  for (int c = 0; c < ncol; ++c) sh.text(head, c, heads[static_cast<std::size_t>(c)], kHead);
  sh.column_width(0, 28);
  for (int c = 1; c < ncol; ++c) sh.column_width(c, c == 2 || c == 3 ? 14 : 9);
  sh.column_width(c_dept, 12);
  sh.column_width(c_dept + 1, 12);

  const int last_data = std::max(sc.last, sc.first);
  const std::string kind = abs_range("汇总", sc.kind, sc.first, last_data);
  const std::string dept = abs_range("汇总", sc.department, sc.first, last_data);
  const std::string budget = abs_range("汇总", sc.budget, sc.first, last_data);
  const std::string executed = abs_range("汇总", sc.executed, sc.first, last_data);
  const std::string total = abs_range("汇总", sc.total, sc.first, last_data);
  const std::string grade = abs_range("汇总", sc.grade, sc.first, last_data);
  int r = head + 1;
  for (const DepartmentSummary& d : s.departments) {
    const std::string a = "$" + ref(r, 0);
    const std::string in_dept = dept + "," + a + "," + kind + ",\"项目\"";
    sh.text(r, 0, d.name, kLeft);
    sh.formula(r, 1, "=COUNTIFS(" + in_dept + ")", d.projects, kInt);
    sh.formula(r, 2, "=SUMIFS(" + budget + "," + in_dept + ")", d.budget.to_double(), kMoney);
    sh.formula(r, 3, "=SUMIFS(" + executed + "," + in_dept + ")", d.executed.to_double(), kMoney);
    if (d.projects > 0) {
      if (!d.budget.is_zero()) {
        sh.formula(r, 4, "=ROUND(" + ref(r, 3) + "/" + ref(r, 2) + ",6)", div(d.executed, d.budget).to_double(), kRate);
      }
      const std::string mean = "=IF(" + ref(r, 2) + "=0,ROUND(AVERAGEIFS(" + total + "," + in_dept +
                               "),2),ROUND(SUMPRODUCT((" + dept + "=" + a + ")*(" + kind + "=\"项目\")*" + budget +
                               "*" + total + ")/" + ref(r, 2) + ",2))";
      sh.formula(r, 5, mean, d.weighted_mean.to_double(), kNum);
    }
    for (std::size_t k = 0; k < s.grade_order.size(); ++k) {
      const auto it = d.grades.find(s.grade_order[k]);
      sh.formula(r, c_grades + static_cast<int>(k),
                 "=COUNTIFS(" + in_dept + "," + grade + "," + xlsx::formula_string(s.grade_order[k]) + ")",
                 it == d.grades.end() ? 0 : it->second, kInt);
    }
    if (d.department_total) {
      sh.number(r, c_dept, d.department_total->to_double(), kNum);
      sh.text(r, c_dept + 1, d.department_grade, kText);
    }
    ++r;
  }
  const int first = head + 1, last = r - 1;
  sh.freeze(head + 1, 1);
  sh.autofilter(head, 0, std::max(last, head), ncol - 1);
  const int t = r + 1;
  sh.text(t, 0, "合计", kHead);
  Decimal b, e;
  int n = 0;
  for (const auto& d : s.departments) {
    b += d.budget;
    e += d.executed;
    n += d.projects;
  }
  auto sum = [&](int col, double cached, const Style& st) {
    sh.formula(t, col, "=SUM(" + ref(first, col) + ":" + ref(std::max(last, first), col) + ")", cached, st);
  };
  sum(1, n, kBoldInt);
  sum(2, b.to_double(), kBoldMoney);
  sum(3, e.to_double(), kBoldMoney);
  if (!b.is_zero()) {
    sh.formula(t, 4, "=ROUND(" + ref(t, 3) + "/" + ref(t, 2) + ",6)", div(e, b).to_double(), kBoldRate);
  }
  for (std::size_t k = 0; k < s.grade_order.size(); ++k) {
    const auto it = s.grade_counts.find(s.grade_order[k]);
    sum(c_grades + static_cast<int>(k), it == s.grade_counts.end() ? 0 : it->second, kBoldInt);
  }
  sh.print_setup(head, head);
}

void write_distribution(xlsx::Workbook& wb, const BatchSummary& s, const SummaryColumns& sc, int finding_rows) {
  xlsx::Sheet& sh = wb.add_sheet("等级分布");
  sh.column_width(0, 24);
  sh.column_width(1, 10);
  sh.column_width(2, 10);
  sh.merge_text(0, 0, 0, 2, summary_title(s) + "（等级分布）", kTitle);
  sh.row_height(0, 30);
  const int last_data = std::max(sc.last, sc.first);
  const std::string kind = abs_range("汇总", sc.kind, sc.first, last_data);
  const std::string total = abs_range("汇总", sc.total, sc.first, last_data);
  const std::string grade = abs_range("汇总", sc.grade, sc.first, last_data);
  int projects = 0;
  for (const auto& [g, n] : s.grade_counts) projects += n;

  int r = 2;
  sh.text(r, 0, "等级", kHead);
  sh.text(r, 1, "项目数", kHead);
  sh.text(r, 2, "占比", kHead);
  const int g_first = r + 1;
  for (const auto& g : s.grade_order) {
    ++r;
    const auto it = s.grade_counts.find(g);
    const int n = it == s.grade_counts.end() ? 0 : it->second;
    sh.text(r, 0, g, kText);
    sh.formula(r, 1, "=COUNTIFS(" + kind + ",\"项目\"," + grade + "," + xlsx::formula_string(g) + ")", n, kInt);
    sh.formula(r, 2,
               "=IF(" + ref(g_first + static_cast<int>(s.grade_order.size()), 1) + "=0,0,ROUND(" + ref(r, 1) + "/" +
                   ref(g_first + static_cast<int>(s.grade_order.size()), 1) + ",4))",
               projects == 0 ? 0.0 : div(Decimal(n), Decimal(projects), 4).to_double(), kRate);
  }
  const int g_last = r;
  ++r;
  sh.text(r, 0, "合计", kHead);
  sh.formula(r, 1, "=SUM(" + ref(g_first, 1) + ":" + ref(std::max(g_last, g_first), 1) + ")", projects, kBoldInt);
  if (g_last >= g_first) {
    xlsx::Chart c;
    c.type = xlsx::Chart::Type::Pie;
    c.title = "项目自评等级分布";
    c.cat_row1 = g_first;
    c.cat_row2 = g_last;
    c.cat_col = 0;
    c.series.push_back({"项目数", g_first, g_last, 1});
    c.anchor_row = 2;
    c.anchor_col = 4;
    sh.insert_chart(c);
  }

  r = std::max(r + 3, 19);
  sh.text(r, 0, "分数段", kHead);
  sh.text(r, 1, "项目数", kHead);
  const int h_first = r + 1;
  for (const HistogramBin& b : s.histogram) {
    ++r;
    sh.text(r, 0, b.label, kText);
    const bool last_bin = &b == &s.histogram.back();
    std::string f = "=COUNTIFS(" + kind + ",\"项目\"," + total + ",\">=" + b.low.to_plain() + "\"";
    if (!last_bin) f += "," + total + ",\"<" + b.high.to_plain() + "\"";
    sh.formula(r, 1, f + ")", b.count, kInt);
  }
  const int h_last = r;
  xlsx::Chart hc;
  hc.type = xlsx::Chart::Type::Column;
  hc.title = "项目自评得分分布";
  hc.cat_row1 = h_first;
  hc.cat_row2 = h_last;
  hc.cat_col = 0;
  hc.series.push_back({"项目数", h_first, h_last, 1});
  hc.anchor_row = h_first - 1;
  hc.value_axis_from_zero = true;
  hc.anchor_col = 4;
  sh.insert_chart(hc);

  r = std::max(r + 3, 37);
  sh.text(r, 0, "问题类别", kHead);
  sh.text(r, 1, "代码", kHead);
  sh.text(r, 2, "条数", kHead);
  sh.column_width(1, 24);
  const std::string codes = "问题清单!$G$3:$G$" + std::to_string(std::max(finding_rows, 1) + 2);
  for (const auto& k : kFindingKinds) {
    ++r;
    int n = 0;
    for (const auto& row : s.rows) {
      n += static_cast<int>(std::count_if(row.findings.begin(), row.findings.end(),
                                          [&](const SubmissionFinding& f) { return f.code == k.code; }));
    }
    sh.text(r, 0, std::string(k.label), kLeft);
    sh.text(r, 1, std::string(k.code), kLeft);
    sh.formula(r, 2, "=COUNTIF(" + codes + "," + ref(r, 1) + ")", n, kInt);
  }
  sh.print_setup(-1, -1);
}

int write_findings(xlsx::Workbook& wb, const BatchSummary& s) {
  xlsx::Sheet& sh = wb.add_sheet("问题清单");
  const char* heads[] = {"文件", "行", "主管部门", "项目名称", "指标", "问题类别", "代码", "说明"};
  const double widths[] = {36, 6, 20, 26, 30, 18, 22, 70};
  sh.merge_text(0, 0, 0, 7, summary_title(s) + "（问题清单）", kTitle);
  sh.row_height(0, 30);
  for (int c = 0; c < 8; ++c) {
    sh.text(1, c, heads[c], kHead);
    sh.column_width(c, widths[c]);
  }
  int r = 2;
  for (const SubmissionRow& row : s.rows) {
    for (const SubmissionFinding& f : row.findings) {
      sh.text(r, 0, row.file, kLine);
      if (f.line > 0) sh.number(r, 1, f.line, kInt);
      sh.text(r, 2, row.department, kLeft);
      sh.text(r, 3, row.department_wide ? "（部门整体支出）" : row.project, kLeft);
      sh.text(r, 4, f.indicator, kLeft);
      sh.text(r, 5, std::string(finding_kind_label(f.code)), kLeft);
      sh.text(r, 6, f.code, kLeft);
      sh.text(r, 7, clip(f.message), kLine);
      ++r;
    }
  }
  sh.freeze(2, 0);
  sh.autofilter(1, 0, std::max(r - 1, 1), 7);
  sh.print_setup(1, 1);
  return r - 2;
}

void write_invalid(xlsx::Workbook& wb, const BatchSummary& s) {
  xlsx::Sheet& sh = wb.add_sheet("无效文件");
  sh.merge_text(0, 0, 0, 2, summary_title(s) + "（无效文件：未评分）", kTitle);
  sh.row_height(0, 30);
  const char* heads[] = {"文件", "错误数", "错误（在前）和警告"};
  const double widths[] = {40, 8, 110};
  for (int c = 0; c < 3; ++c) {
    sh.text(1, c, heads[c], kHead);
    sh.column_width(c, widths[c]);
  }
  int r = 2;
  for (const InvalidFile& f : s.invalid) {
    std::string all;
    for (const auto& m : f.messages) all += (all.empty() ? "" : "\n") + m;
    sh.text(r, 0, f.file, kLine);
    sh.number(r, 1, f.errors, kInt);
    sh.text(r, 2, clip(all), kLeft);
    ++r;
  }
  sh.freeze(2, 0);
  sh.print_setup(1, 1);
}

}  // namespace

std::string column_name(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string summary_title(const BatchSummary& s) {
  std::set<int> years;
  for (const auto& r : s.rows) years.insert(r.year);
  if (years.empty()) return "绩效自评汇总";
  std::string y = std::to_string(*years.begin());
  if (years.size() > 1) y += "—" + std::to_string(*years.rbegin());
  return y + "年度绩效自评汇总";
}

void write_summary(xlsx::Workbook& wb, const BatchSummary& s) {
  const SummaryColumns cols = write_rows(wb, s);
  write_departments(wb, s, cols);
  int finding_rows = 0;
  for (const auto& r : s.rows) finding_rows += static_cast<int>(r.findings.size());
  write_distribution(wb, s, cols, finding_rows);
  write_findings(wb, s);
  write_invalid(wb, s);
}

}  // namespace jx::reports
