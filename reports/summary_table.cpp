#include "reports/summary_table.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/text.h"
#include "reports/monitor_table.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;

const Style kTitle{.bold = true, .size = 16, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kHead{.bold = true, .num_format = "", .fill = 0xDDEBF7};
const Style kLeft{.align = Align::Left, .num_format = ""};
const Style kText{};
const Style kLine{.align = Align::Left, .wrap = false, .num_format = ""};  // long text on one line
const Style kWrapLeft{.align = Align::Left, .num_format = ""};             // wrapped, row made tall enough
const Style kLabel{.bold = true, .align = Align::Left, .num_format = ""};
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

constexpr double kMaxRowPoints = 409;  // Excel's tallest row
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

/// "'2021年汇总'!" — always quoted: a name may start with a digit.
std::string sheet_ref(const std::string& sheet) {
  std::string q = "'";
  for (char c : sheet) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'!";
}

std::string abs_range(const std::string& sheet, int col, int r1, int r2) {
  return sheet_ref(sheet) + "$" + column_name(col) + "$" + std::to_string(r1 + 1) + ":$" + column_name(col) + "$" +
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

std::string project_name(const SubmissionRow& r) {
  return r.department_wide ? "（部门整体支出）" : r.project;
}

// The 汇总 sheet's columns: what a reader needs first (the print area ends
// at kPrintLast), the rest on screen only.
enum SummaryColumn : int {
  kRank,
  kDepartment,
  kProject,
  kBudget,
  kExecuted,
  kRateCol,
  kTotal,
  kDeclared,
  kDiffCol,
  kGrade,
  kLight,  // 运行监控: the latest light (monitor)
  kPrior,
  kChange,
  kFindingCount,
  kFindingList,
  kPrintLast = kFindingList,
  kKind,
  kUnit,
  kYear,
  kRules,
  kBudgetScore,
  kFirstLevel,  // then one column per 一级指标, then 文件
};

// Where the 汇总 data are, for formulas on the other sheets.
struct SummaryColumns {
  std::string sheet;
  int first = 2, last = 2;  // data rows (0-based, inclusive); last < first when empty
  [[nodiscard]] std::string range(int col) const { return abs_range(sheet, col, first, std::max(last, first)); }
};

/// SUMPRODUCT terms selecting project rows of the department named in `cell`
/// (exact, case-sensitive: no wildcard or comparison is read into the name).
std::string in_department(const SummaryColumns& sc, const std::string& cell) {
  return "EXACT(" + sc.range(kDepartment) + "," + cell + ")*(" + sc.range(kKind) + "=\"项目\")";
}
std::string is_project(const SummaryColumns& sc) {
  return "(" + sc.range(kKind) + "=\"项目\")";
}
std::string has_grade(const SummaryColumns& sc, const std::string& grade) {
  return "EXACT(" + sc.range(kGrade) + "," + xlsx::formula_string(grade) + ")";
}

int grade_count(const std::map<std::string, int>& m, const std::string& g) {
  const auto it = m.find(g);
  return it == m.end() ? 0 : it->second;
}

SummaryColumns write_rows(xlsx::Sheet& sh, const BatchSummary& s) {
  const auto& levels = s.level_names;
  std::vector<std::string> heads = {"排名",
                                    "主管部门",
                                    "项目名称",
                                    "全年预算数（万元）",
                                    "全年执行数（万元）",
                                    "执行率",
                                    "计算总分",
                                    "自评得分",
                                    "自评−计算",
                                    "等级",
                                    "监控预警",
                                    "上年得分",
                                    "较上年",
                                    "问题数",
                                    "问题",
                                    "类型",
                                    "实施单位",
                                    "年度",
                                    "规则集",
                                    "预算执行得分"};
  for (const auto& l : levels) heads.push_back(l + "得分");
  const int c_file = static_cast<int>(heads.size());
  heads.emplace_back("文件");
  const int ncol = static_cast<int>(heads.size());

  sh.merge_text(0, 0, 0, kPrintLast, summary_title(s), kTitle);
  sh.row_height(0, 30);
  const int head = 1;
  for (int c = 0; c < ncol; ++c) sh.text(head, c, heads[static_cast<std::size_t>(c)], kHead);
  sh.row_height(head, 36);
  const double widths[] = {5, 18, 24, 11, 11, 9, 9, 9, 10, 5, 8, 9, 8, 7, 26, 8, 22, 6, 11, 9};
  for (int c = 0; c < kFirstLevel; ++c) sh.column_width(c, widths[c]);
  for (int c = kFirstLevel; c < c_file; ++c) sh.column_width(c, 9);
  sh.column_width(c_file, 40);

  int r = head + 1;
  SubmissionRow scratch;
  for (const SubmissionRow& light : s.rows) {
    const SubmissionRow& row = full_row(light, s.details, scratch);
    const std::string findings = clip(join_findings(row));
    const int lines =
        std::max({xlsx::text_lines(row.department, widths[kDepartment]), xlsx::text_lines(project_name(row), widths[kProject]),
                  xlsx::text_lines(findings, widths[kFindingList])});
    if (lines > 1) sh.row_height(r, xlsx::row_points(lines));
    sh.number(r, kRank, row.rank, kInt);
    sh.text(r, kDepartment, row.department, kWrapLeft);
    sh.text(r, kProject, project_name(row), kWrapLeft);
    sh.number(r, kBudget, row.budget.to_double(), kMoney);
    sh.number(r, kExecuted, row.executed.to_double(), kMoney);
    if (row.budget.is_zero()) {
      sh.text(r, kRateCol, "—", kText);
    } else {
      sh.formula(r, kRateCol, "=ROUND(" + ref(r, kExecuted) + "/" + ref(r, kBudget) + ",6)", row.rate.to_double(),
                 kRate);
    }
    sh.number(r, kTotal, row.total.to_double(), kNum);
    if (row.declared) {
      sh.number(r, kDeclared, row.declared->to_double(), kNum);
      sh.formula(r, kDiffCol, "=ROUND(" + ref(r, kDeclared) + "-" + ref(r, kTotal) + ",2)",
                 (*row.declared - row.total).to_double(), kDiff);
    }
    sh.text(r, kGrade, row.grade, kText);
    if (row.light) {
      xlsx::Style lit = kText;
      lit.fill = light_fill(*row.light);
      sh.text(r, kLight, row.light_label + "（" + std::to_string(row.light_month) + "月）", lit);
    }
    if (row.prior_total) {
      sh.number(r, kPrior, row.prior_total->to_double(), kNum);
      sh.formula(r, kChange, "=ROUND(" + ref(r, kTotal) + "-" + ref(r, kPrior) + ",2)",
                 (row.total - *row.prior_total).to_double(), kDiff);
    }
    sh.number(r, kFindingCount, static_cast<double>(row.findings.size()), kInt);
    sh.text(r, kFindingList, findings, kWrapLeft);
    sh.text(r, kKind, row.department_wide ? "部门整体" : "项目", kText);
    sh.text(r, kUnit, row.unit, kLine);
    sh.number(r, kYear, row.year, kInt);
    sh.text(r, kRules, row.rules, kText);
    sh.number(r, kBudgetScore, row.budget_score.to_double(), kNum);
    for (std::size_t k = 0; k < levels.size(); ++k) {
      auto it =
          std::find_if(row.levels.begin(), row.levels.end(), [&](const LevelScore& l) { return l.name == levels[k]; });
      if (it != row.levels.end()) sh.number(r, kFirstLevel + static_cast<int>(k), it->score.to_double(), kNum);
    }
    sh.text(r, c_file, row.file, kLine);
    ++r;
  }
  const int first = head + 1, last = r - 1;
  sh.freeze(head + 1, kProject + 1);
  sh.autofilter(head, 0, std::max(last, head), ncol - 1);
  if (last >= first) {
    for (const auto& g : kGradeColours) sh.highlight_text(first, kGrade, last, kGrade, g.grade, g.fill);
  }
  // 合计 below the filtered range.
  const int t = r + 1;
  sh.text(t, kRank, "合计", kHead);
  Decimal budget, executed;
  int projects = 0;
  for (const auto& row : s.rows) {
    budget += row.budget;
    executed += row.executed;
    if (!row.department_wide) ++projects;
  }
  const int end = std::max(last, first);
  sh.text(t, kDepartment, "项目数", kHead);
  sh.formula(t, kProject, "=COUNTIF(" + ref(first, kKind) + ":" + ref(end, kKind) + ",\"项目\")", projects, kBoldInt);
  sh.formula(t, kBudget, "=SUM(" + ref(first, kBudget) + ":" + ref(end, kBudget) + ")", budget.to_double(), kBoldMoney);
  sh.formula(t, kExecuted, "=SUM(" + ref(first, kExecuted) + ":" + ref(end, kExecuted) + ")", executed.to_double(),
             kBoldMoney);
  if (!budget.is_zero()) {
    sh.formula(t, kRateCol, "=ROUND(" + ref(t, kExecuted) + "/" + ref(t, kBudget) + ",6)",
               div(executed, budget).to_double(), kBoldRate);
  }
  sh.print_setup(0, head, summary_title(s));  // title and header on every page
  sh.print_area(0, 0, t, kPrintLast);
  SummaryColumns cols;
  cols.sheet = sh.name();
  cols.first = first;
  cols.last = last;
  return cols;
}

void write_overview(xlsx::Sheet& sh, const BatchSummary& s, const SummaryColumns& sc) {
  const Overview& o = s.overview;
  sh.column_width(0, 30);
  for (int c = 1; c <= 3; ++c) sh.column_width(c, 14);
  sh.column_width(4, 26);
  sh.merge_text(0, 0, 0, 4, summary_title(s) + "（总览）", kTitle);
  sh.row_height(0, 30);
  int r = 1;
  const char* heads[] = {"项目", "本年", "上年", "变动", "说明"};
  for (int c = 0; c < 5; ++c) sh.text(r, c, heads[c], kHead);
  auto label = [&](const std::string& text) { sh.text(r, 0, text, kLabel); };
  auto change = [&](double cached, const Style& st) {
    sh.formula(r, 3, "=ROUND(" + ref(r, 1) + "-" + ref(r, 2) + ",2)", cached, st);
  };
  const std::string project = is_project(sc);

  ++r;
  label("年度");
  sh.number(r, 1, s.year, kInt);
  if (o.has_prior) sh.number(r, 2, s.year - 1, kInt);
  ++r;
  label("收到自评文件（份）");
  sh.number(r, 1, o.received, kInt);
  ++r;
  label("已评分（份，含部门整体）");
  sh.formula(r, 1, "=COUNT(" + sc.range(kRank) + ")", o.scored, kInt);
  ++r;
  label("其中项目（个）");
  sh.formula(r, 1, "=SUMPRODUCT(" + project + "*1)", o.projects, kInt);
  if (o.has_prior) {
    sh.number(r, 2, o.prior_projects, kInt);
    sh.formula(r, 3, "=" + ref(r, 1) + "-" + ref(r, 2), o.projects - o.prior_projects, kInt);
  }
  const int projects_row = r;
  ++r;
  label("无效，退回重报（份）");
  sh.number(r, 1, o.invalid, kInt);
  sh.text(r, 4, "见“退回重报”", kLeft);
  ++r;
  label("平均得分（项目）");
  if (o.projects > 0) {
    sh.formula(r, 1, "=ROUND(SUMPRODUCT(" + project + "*" + sc.range(kTotal) + ")/" + ref(projects_row, 1) + ",2)",
               o.mean.to_double(), kNum);
  }
  if (o.has_prior) {
    sh.number(r, 2, o.prior_mean.to_double(), kNum);
    if (o.projects > 0) change((o.mean - o.prior_mean).to_double(), kDiff);
  }
  ++r;
  label("预算加权平均得分（项目）");
  const int budget_row = r + 1;
  if (o.projects > 0) {
    const std::string plain =
        "ROUND(SUMPRODUCT(" + project + "*" + sc.range(kTotal) + ")/" + ref(projects_row, 1) + ",2)";
    sh.formula(r, 1,
               "=IF(" + ref(budget_row, 1) + "=0," + plain + ",ROUND(SUMPRODUCT(" + project + "*" + sc.range(kBudget) +
                   "*" + sc.range(kTotal) + ")/" + ref(budget_row, 1) + ",2))",
               o.weighted_mean.to_double(), kNum);
  }
  if (o.has_prior) {
    sh.number(r, 2, o.prior_weighted_mean.to_double(), kNum);
    if (o.projects > 0) change((o.weighted_mean - o.prior_weighted_mean).to_double(), kDiff);
  }
  sh.text(r, 4, "Σ得分×预算÷Σ预算", kLeft);
  ++r;
  label("全年预算数合计（万元，项目）");
  sh.formula(r, 1, "=SUMPRODUCT(" + project + "*" + sc.range(kBudget) + ")", o.budget.to_double(), kMoney);
  ++r;
  label("全年执行数合计（万元，项目）");
  sh.formula(r, 1, "=SUMPRODUCT(" + project + "*" + sc.range(kExecuted) + ")", o.executed.to_double(), kMoney);
  ++r;
  label("预算执行率");
  if (o.rate) sh.formula(r, 1, "=ROUND(" + ref(r - 1, 1) + "/" + ref(r - 2, 1) + ",6)", o.rate->to_double(), kRate);

  r += 2;
  sh.text(r, 0, "等级分布（项目数）", kHead);
  for (int c = 1; c < 4; ++c) sh.text(r, c, heads[c], kHead);
  sh.text(r, 4, "本年占比", kHead);
  for (const auto& g : s.grade_order) {
    ++r;
    const int n = grade_count(s.grade_counts, g);
    sh.text(r, 0, g, kLabel);
    sh.formula(r, 1, "=SUMPRODUCT(" + project + "*" + has_grade(sc, g) + ")", n, kInt);
    if (o.has_prior) {
      const int p = grade_count(o.prior_grade_counts, g);
      sh.number(r, 2, p, kInt);
      sh.formula(r, 3, "=" + ref(r, 1) + "-" + ref(r, 2), n - p, kInt);
    }
    sh.formula(r, 4, "=IF(" + ref(projects_row, 1) + "=0,0,ROUND(" + ref(r, 1) + "/" + ref(projects_row, 1) + ",4))",
               o.projects == 0 ? 0.0 : div(Decimal(n), Decimal(o.projects), 4).to_double(), kRate);
  }

  // The finding kinds and the invalid-file causes are a page of their own
  // (with its own header row): the 总览's header row is not repeated above them.
  r += 2;
  sh.page_break_before(r);
  const char* fheads[] = {"问题类别", "涉及项目（个）", "涉及部门（个）", "问题（条）", "代码"};
  for (int c = 0; c < 5; ++c) sh.text(r, c, fheads[c], kHead);
  for (const FindingReach& f : o.findings) {
    ++r;
    sh.text(r, 0, std::string(finding_kind_label(f.code)), kLabel);
    sh.number(r, 1, f.projects, kInt);
    sh.number(r, 2, f.departments, kInt);
    sh.number(r, 3, f.findings, kInt);
    sh.text(r, 4, f.code, kLine);
  }
  // Invalid files by cause: counted here, listed on the 退回重报 sheet.
  r += 2;
  const char* cheads[] = {"退回原因", "文件（份）", "涉及部门（个）", "", "代码"};
  for (int c = 0; c < 5; ++c) sh.text(r, c, cheads[c], kHead);
  for (const FindingReach& f : o.causes) {
    ++r;
    const std::string_view label = invalid_cause_label(f.code);
    sh.text(r, 0, !label.empty() ? std::string(label) : std::string("其他"), kLabel);  // the code is in its own column
    sh.number(r, 1, f.findings, kInt);
    sh.number(r, 2, f.departments, kInt);
    sh.text(r, 4, f.code, kLine);
  }
  r += 2;
  sh.merge_text(r, 0, r, 4,
                o.has_prior ? "上年数据取自本次运行中上一年度的文件，或历史数据库（--db）中上一年度的记录。"
                            : "上年：本次运行和历史数据库中都没有上一年度的记录。",
                kWrapLeft);
  sh.row_height(r, xlsx::row_points(2));
  // No repeated rows: the finding and cause tables below start a page of their own.
  sh.print_setup(-1, -1, summary_title(s) + "（总览）");
}

void write_departments(xlsx::Sheet& sh, const BatchSummary& s, const SummaryColumns& sc) {
  std::vector<std::string> heads = {
      "排名",   "主管部门",     "已评分项目",   "无效文件", "全年预算数（万元）", "全年执行数（万元）",
      "执行率", "加权平均得分", "上年加权平均", "较上年"};
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
  sh.row_height(head, 36);
  // Wide enough that no heading breaks inside a word.
  const double widths[] = {5, 26, 11, 9, 11, 11, 9, 13, 13, 8};
  for (int c = 0; c < c_grades; ++c) sh.column_width(c, widths[c]);
  for (int c = c_grades; c < c_dept; ++c) sh.column_width(c, 6);
  sh.column_width(c_dept, 13);
  sh.column_width(c_dept + 1, 13);

  int r = head + 1;
  for (const DepartmentSummary& d : s.departments) {
    const std::string a = "$" + ref(r, 1);
    const std::string in_dept = in_department(sc, a);
    if (xlsx::text_lines(d.name, 26) > 1) sh.row_height(r, xlsx::row_points(xlsx::text_lines(d.name, 26)));
    if (d.rank > 0) sh.number(r, 0, d.rank, kInt);
    sh.text(r, 1, d.name, kWrapLeft);
    sh.formula(r, 2, "=SUMPRODUCT(" + in_dept + ")", d.projects, kInt);
    sh.number(r, 3, d.invalid, kInt);
    sh.formula(r, 4, "=SUMPRODUCT(" + in_dept + "*" + sc.range(kBudget) + ")", d.budget.to_double(), kMoney);
    sh.formula(r, 5, "=SUMPRODUCT(" + in_dept + "*" + sc.range(kExecuted) + ")", d.executed.to_double(), kMoney);
    if (d.projects > 0) {
      if (!d.budget.is_zero()) {
        sh.formula(r, 6, "=ROUND(" + ref(r, 5) + "/" + ref(r, 4) + ",6)", div(d.executed, d.budget).to_double(), kRate);
      }
      const std::string mean = "=IF(" + ref(r, 4) + "=0,ROUND(SUMPRODUCT(" + in_dept + "*" + sc.range(kTotal) + ")/" +
                               ref(r, 2) + ",2),ROUND(SUMPRODUCT(" + in_dept + "*" + sc.range(kBudget) + "*" +
                               sc.range(kTotal) + ")/" + ref(r, 4) + ",2))";
      sh.formula(r, 7, mean, d.weighted_mean.to_double(), kNum);
    }
    if (d.prior_weighted_mean) {
      sh.number(r, 8, d.prior_weighted_mean->to_double(), kNum);
      if (d.projects > 0) {
        sh.formula(r, 9, "=ROUND(" + ref(r, 7) + "-" + ref(r, 8) + ",2)",
                   (d.weighted_mean - *d.prior_weighted_mean).to_double(), kDiff);
      }
    }
    for (std::size_t k = 0; k < s.grade_order.size(); ++k) {
      sh.formula(r, c_grades + static_cast<int>(k),
                 "=SUMPRODUCT(" + in_dept + "*" + has_grade(sc, s.grade_order[k]) + ")",
                 grade_count(d.grades, s.grade_order[k]), kInt);
    }
    if (d.department_total) {
      sh.number(r, c_dept, d.department_total->to_double(), kNum);
      sh.text(r, c_dept + 1, d.department_grade, kText);
    } else {  // empty cells inside the frame
      sh.text(r, c_dept, "", kText);
      sh.text(r, c_dept + 1, "", kText);
    }
    ++r;
  }
  const int first = head + 1, last = r - 1;
  sh.freeze(head + 1, 2);
  sh.autofilter(head, 0, std::max(last, head), ncol - 1);
  const int t = r + 1;
  sh.text(t, 1, "合计", kHead);
  Decimal b, e;
  int n = 0, bad = 0;
  for (const auto& d : s.departments) {
    b += d.budget;
    e += d.executed;
    n += d.projects;
    bad += d.invalid;
  }
  auto sum = [&](int col, double cached, const Style& st) {
    sh.formula(t, col, "=SUM(" + ref(first, col) + ":" + ref(std::max(last, first), col) + ")", cached, st);
  };
  sum(2, n, kBoldInt);
  sum(3, bad, kBoldInt);
  sum(4, b.to_double(), kBoldMoney);
  sum(5, e.to_double(), kBoldMoney);
  if (!b.is_zero()) {
    sh.formula(t, 6, "=ROUND(" + ref(t, 5) + "/" + ref(t, 4) + ",6)", div(e, b).to_double(), kBoldRate);
  }
  for (std::size_t k = 0; k < s.grade_order.size(); ++k) {
    sum(c_grades + static_cast<int>(k), grade_count(s.grade_counts, s.grade_order[k]), kBoldInt);
  }
  sh.print_setup(0, head, summary_title(s) + "（按部门）");
}

// Charts on 等级分布: 288 px tall by default, scaled so that the pie, the
// histogram and their tables fit one landscape page; rows a chart covers
// (20 px default rows, rounded up).
constexpr double kChartScale = 0.8;
constexpr int kChartRows = 12;

void write_distribution(xlsx::Sheet& sh, const BatchSummary& s, const SummaryColumns& sc,
                        const std::string& findings_sheet, int finding_rows) {
  sh.column_width(0, 24);
  sh.column_width(1, 10);
  sh.column_width(2, 10);
  sh.merge_text(0, 0, 0, 2, summary_title(s) + "（等级分布）", kTitle);
  sh.row_height(0, 30);
  const std::string project = is_project(sc);
  int projects = 0;
  for (const auto& [g, n] : s.grade_counts) projects += n;

  int r = 2;
  sh.text(r, 0, "等级", kHead);
  sh.text(r, 1, "项目数", kHead);
  sh.text(r, 2, "占比", kHead);
  const int g_first = r + 1;
  const int g_total = g_first + static_cast<int>(s.grade_order.size());
  for (const auto& g : s.grade_order) {
    ++r;
    const int n = grade_count(s.grade_counts, g);
    sh.text(r, 0, g, kText);
    sh.formula(r, 1, "=SUMPRODUCT(" + project + "*" + has_grade(sc, g) + ")", n, kInt);
    sh.formula(r, 2, "=IF(" + ref(g_total, 1) + "=0,0,ROUND(" + ref(r, 1) + "/" + ref(g_total, 1) + ",4))",
               projects == 0 ? 0.0 : div(Decimal(n), Decimal(projects), 4).to_double(), kRate);
  }
  const int g_last = r;
  ++r;
  sh.text(r, 0, "合计", kHead);
  if (g_last >= g_first) {
    sh.formula(r, 1, "=SUM(" + ref(g_first, 1) + ":" + ref(g_last, 1) + ")", projects, kBoldInt);
  } else {
    sh.number(r, 1, projects, kBoldInt);  // no grades: a SUM would refer to itself
  }
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
    c.y_scale = kChartScale;
    sh.insert_chart(c);
  }

  // Both charts and their tables on the first page: a chart is
  // kChartRows default rows tall; the histogram starts below the pie.
  r = std::max(r + 3, 2 + kChartRows + 2);
  sh.text(r, 0, "分数段", kHead);
  sh.text(r, 1, "项目数", kHead);
  const int h_first = r + 1;
  const std::string total = sc.range(kTotal);
  for (const HistogramBin& b : s.histogram) {
    ++r;
    sh.text(r, 0, b.label, kText);
    const bool last_bin = &b == &s.histogram.back();
    std::string f = "=SUMPRODUCT(" + project + "*(" + total + ">=" + b.low.to_plain() + ")";
    if (!last_bin) f += "*(" + total + "<" + b.high.to_plain() + ")";
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
  hc.y_scale = kChartScale;
  sh.insert_chart(hc);

  // The finding kinds below both charts, on a page of their own.
  r = std::max(r + 3, h_first - 1 + kChartRows + 2);
  sh.page_break_before(r);
  sh.text(r, 0, "问题类别", kHead);
  sh.text(r, 1, "代码", kHead);
  sh.text(r, 2, "条数", kHead);
  sh.column_width(1, 28);  // the longest code on one line
  const std::string codes = abs_range(findings_sheet, 6, 2, std::max(finding_rows, 1) + 1);
  for (const FindingReach& k : s.overview.findings) {
    ++r;
    sh.text(r, 0, std::string(finding_kind_label(k.code)), kLeft);
    sh.text(r, 1, k.code, kLine);
    sh.formula(r, 2, "=COUNTIF(" + codes + "," + ref(r, 1) + ")", k.findings, kInt);
  }
  sh.print_setup(-1, -1, summary_title(s) + "（等级分布）");
}

void write_movers(xlsx::Sheet& sh, const BatchSummary& s) {
  const char* heads[] = {"排名", "主管部门", "项目名称", "上年得分", "本年得分", "变动", "等级", "文件"};
  const double widths[] = {5, 22, 30, 9, 9, 9, 6, 40};
  sh.merge_text(0, 0, 0, 6, summary_title(s) + "（得分较上年变动超过 " + s.mover_threshold.to_plain() + " 分的项目）",
                kTitle);
  sh.row_height(0, 30);
  for (int c = 0; c < 8; ++c) {
    sh.text(1, c, heads[c], kHead);
    sh.column_width(c, widths[c]);
  }
  int r = 2;
  for (std::size_t i : s.movers) {
    const SubmissionRow& row = s.rows[i];
    const int lines = std::max(xlsx::text_lines(row.department, widths[1]), xlsx::text_lines(project_name(row), widths[2]));
    if (lines > 1) sh.row_height(r, xlsx::row_points(lines));
    sh.number(r, 0, row.rank, kInt);
    sh.text(r, 1, row.department, kWrapLeft);
    sh.text(r, 2, project_name(row), kWrapLeft);
    sh.number(r, 3, row.prior_total->to_double(), kNum);
    sh.number(r, 4, row.total.to_double(), kNum);
    sh.formula(r, 5, "=ROUND(" + ref(r, 4) + "-" + ref(r, 3) + ",2)", (row.total - *row.prior_total).to_double(),
               kDiff);
    sh.text(r, 6, row.grade, kText);
    sh.text(r, 7, row.file, kLine);
    ++r;
  }
  if (s.movers.empty()) sh.merge_text(r, 0, r, 6, "（没有变动超过该分数的项目，或没有上年得分）", kLeft);
  sh.freeze(2, 0);
  sh.print_setup(0, 1, summary_title(s) + "（变动较大）");
  sh.print_area(0, 0, std::max(r, 2), 6);
}

int write_findings(xlsx::Sheet& sh, const BatchSummary& s) {
  const char* heads[] = {"文件", "行", "主管部门", "项目名称", "指标", "问题类别", "代码", "说明"};
  // Narrow enough that the page prints at a readable size (about 8 pt).
  const double widths[] = {22, 5, 18, 22, 20, 22, 26, 48};
  sh.merge_text(0, 0, 0, 7, summary_title(s) + "（问题清单）", kTitle);
  sh.row_height(0, 30);
  for (int c = 0; c < 8; ++c) {
    sh.text(1, c, heads[c], kHead);
    sh.column_width(c, widths[c]);
  }
  int r = 2;
  SubmissionRow scratch;
  for (const SubmissionRow& light : s.rows) {
    const SubmissionRow& row = full_row(light, s.details, scratch);
    for (const SubmissionFinding& f : row.findings) {
      const std::string message = clip(f.message);
      const int lines =
          std::max({xlsx::text_lines(row.file, widths[0]), xlsx::text_lines(row.department, widths[2]),
                    xlsx::text_lines(project_name(row), widths[3]), xlsx::text_lines(f.indicator, widths[4]),
                    xlsx::text_lines(std::string(finding_kind_label(f.code)), widths[5]), xlsx::text_lines(message, widths[7])});
      if (lines > 1) sh.row_height(r, xlsx::row_points(lines));
      sh.text(r, 0, row.file, kWrapLeft);
      if (f.line > 0) sh.number(r, 1, f.line, kInt);
      sh.text(r, 2, row.department, kWrapLeft);
      sh.text(r, 3, project_name(row), kWrapLeft);
      sh.text(r, 4, f.indicator, kWrapLeft);
      sh.text(r, 5, std::string(finding_kind_label(f.code)), kWrapLeft);
      sh.text(r, 6, f.code, kLine);
      sh.text(r, 7, message, kWrapLeft);
      ++r;
    }
  }
  sh.freeze(2, 0);
  sh.autofilter(1, 0, std::max(r - 1, 1), 7);
  sh.print_setup(0, 1, summary_title(s) + "（问题清单）");
  return r - 2;
}

void write_returns(xlsx::Sheet& sh, const BatchSummary& s) {
  sh.merge_text(0, 0, 0, 6, summary_title(s) + "（退回重报：未能评分的文件）", kTitle);
  sh.row_height(0, 30);
  const char* heads[] = {"原因（错误代码）", "主管部门", "项目名称", "文件", "第一条错误", "错误数", "其余错误和警告"};
  const double widths[] = {18, 16, 20, 24, 44, 6, 44};
  for (int c = 0; c < 7; ++c) {
    sh.text(1, c, heads[c], kHead);
    sh.column_width(c, widths[c]);
  }
  sh.row_height(1, 30);
  // Grouped by cause: causes by number of files, most first, then by code;
  // within a cause by department, project, file.
  std::map<std::string, int> per_cause;
  for (const InvalidFile& f : s.invalid) ++per_cause[f.cause];
  std::vector<const InvalidFile*> order;
  for (const InvalidFile& f : s.invalid) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [&](const InvalidFile* a, const InvalidFile* b) {
    if (a->cause != b->cause) {
      const int na = per_cause[a->cause], nb = per_cause[b->cause];
      return na != nb ? na > nb : a->cause < b->cause;
    }
    return std::tie(a->department, a->project, a->file) < std::tie(b->department, b->project, b->file);
  });
  int r = 2;
  for (const InvalidFile* f : order) {
    // As many further messages as a row can show (Excel's tallest row is
    // 409 pt); the count of the others after them.
    std::string rest;
    for (std::size_t k = 1; k < f->messages.size(); ++k) {
      const std::string more = rest + (rest.empty() ? "" : "\n") + f->messages[k];
      if (xlsx::row_points(xlsx::text_lines(more, widths[6]) + 1) > kMaxRowPoints) {
        rest += "\n……另有 " + std::to_string(f->messages.size() - k) + " 条（见 --json 或命令行输出）";
        break;
      }
      rest = more;
    }
    rest = clip(rest);
    const std::string first = clip(f->messages.empty() ? "" : f->messages.front());
    // The count on a line of its own: 「（3 份）」 never breaks inside.
    const std::string label = cause_label(f->cause) + "\n（" + std::to_string(per_cause[f->cause]) + " 份）";
    const std::string department = f->department.empty() ? "（无法读出）" : f->department;
    const int lines =
        std::max({xlsx::text_lines(label, widths[0]), xlsx::text_lines(department, widths[1]), xlsx::text_lines(f->project, widths[2]),
                  xlsx::text_lines(f->file, widths[3]), xlsx::text_lines(first, widths[4]), xlsx::text_lines(rest, widths[6])});
    sh.row_height(r, xlsx::row_points(lines));
    sh.text(r, 0, label, kWrapLeft);
    sh.text(r, 1, department, kWrapLeft);
    sh.text(r, 2, f->project, kWrapLeft);
    sh.text(r, 3, f->file, kWrapLeft);
    sh.text(r, 4, first, kWrapLeft);
    sh.number(r, 5, f->errors, kInt);
    sh.text(r, 6, rest, kWrapLeft);
    ++r;
  }
  sh.freeze(2, 0);
  sh.autofilter(1, 0, std::max(r - 1, 1), 6);
  sh.print_setup(0, 1, summary_title(s) + "（退回重报）");
}

}  // namespace

std::string cause_label(const std::string& code) {
  if (code.empty()) return "其他";
  const std::string_view label = invalid_cause_label(code);
  if (label.empty()) return code;
  return std::string(label) + "（" + code + "）";
}

std::string column_name(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string summary_title(const BatchSummary& s) {
  if (s.year <= 0) return "绩效自评汇总";
  return std::to_string(s.year) + "年度绩效自评汇总";
}

void write_summary(xlsx::Workbook& wb, const BatchSummary& s, const std::string& prefix) {
  // Sheets are added in reading order first; 汇总 is filled first because
  // the others refer to its cells.
  xlsx::Sheet& overview = wb.add_sheet(prefix + "总览");
  xlsx::Sheet& rows = wb.add_sheet(prefix + "汇总");
  xlsx::Sheet& departments = wb.add_sheet(prefix + "按部门");
  xlsx::Sheet& distribution = wb.add_sheet(prefix + "等级分布");
  xlsx::Sheet& movers = wb.add_sheet(prefix + "变动较大");
  xlsx::Sheet& findings = wb.add_sheet(prefix + "问题清单");
  xlsx::Sheet& returns = wb.add_sheet(prefix + "退回重报");
  const SummaryColumns cols = write_rows(rows, s);
  write_overview(overview, s, cols);
  write_departments(departments, s, cols);
  // 问题清单 before 等级分布, whose counts refer to its rows (sheets are
  // written independently; their order in the workbook is the order added).
  const int finding_rows = write_findings(findings, s);
  write_distribution(distribution, s, cols, findings.name(), finding_rows);
  write_movers(movers, s);
  write_returns(returns, s);
}

void write_summary_workbook(const std::string& path, const std::vector<BatchSummary>& summaries) {
  xlsx::Workbook wb(path, /*stream_rows=*/true);  // flat memory for any number of rows
  wb.properties(summary_title(summaries.back()), "绩效自评汇总", summaries.back().year);
  for (const auto& sm : summaries) write_summary(wb, sm, summaries.size() > 1 ? std::to_string(sm.year) + "年" : "");
  wb.close();
}

}  // namespace jx::reports
