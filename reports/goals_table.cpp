#include "reports/goals_table.h"

#include <algorithm>
#include <array>
#include <set>

#include "engine/goal_checks.h"
#include "engine/text.h"
#include "engine/value.h"
#include "reports/form_styles.h"
#include "reports/json_report.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;
using namespace form_style;  // kHead, kText, kLeft, kMoney

// Columns A..G: the block label, 一级, 二级, 三级, 中期指标值, 年度指标值, 取值依据.
// The funds block reuses E..G for 资金总额 / 财政拨款 / 其他资金.
enum Col { kA = 0, kB, kC, kD, kE, kF, kG, kCols };
constexpr std::array<double, kCols> kWidths = {11, 12, 15, 28, 18, 18, 13};

const Style kTitle{.bold = true, .size = 18, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSub{.bold = false, .size = 11, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSign{.align = Align::Left, .wrap = false, .border = false, .num_format = ""};

using xlsx::cell;  // A1 references (reports/workbook.h)

double span(int c1, int c2) {
  double w = 0;
  for (int c = c1; c <= c2; ++c) w += kWidths[static_cast<std::size_t>(c)];
  return w;
}

// Writes cells and remembers how tall each row must be for its text.
class Rows {
 public:
  explicit Rows(xlsx::Sheet& s) : s_(s) {}
  void put(int row, int c1, int c2, std::string_view text, const Style& st) {
    s_.merge_text(row, c1, row, c2, text, st);
    fit(row, c1, c2, text);
  }
  void fit(int row, int c1, int c2, std::string_view text) {
    if (static_cast<int>(h_.size()) <= row) h_.resize(static_cast<std::size_t>(row) + 1, xlsx::row_points(1));
    auto& h = h_[static_cast<std::size_t>(row)];
    h = std::max(h, xlsx::row_points(xlsx::text_lines(text, span(c1, c2))));
  }
  void set_height(int row, double points) {
    if (static_cast<int>(h_.size()) <= row) h_.resize(static_cast<std::size_t>(row) + 1, xlsx::row_points(1));
    h_[static_cast<std::size_t>(row)] = points;
  }
  [[nodiscard]] double height(int row) const {
    return row < static_cast<int>(h_.size()) ? h_[static_cast<std::size_t>(row)] : xlsx::row_points(1);
  }
  void apply(int from) {
    for (int r = from; r < static_cast<int>(h_.size()); ++r) s_.row_height(r, h_[static_cast<std::size_t>(r)]);
  }

 private:
  xlsx::Sheet& s_;
  std::vector<double> h_;
};

std::string null_or(const std::string& s) { return s.empty() ? "null" : json_string(s); }
std::string null_or(const std::optional<std::string>& s) { return s ? json_string(*s) : "null"; }

std::string request_json(const RequestedFunds& r) {
  if (!r.present) return "null";
  return JsonLine()
      .raw("total", r.shown_total().to_string(2))
      .raw("appropriation", r.appropriation.to_string(2))
      .raw("other", r.other.to_string(2))
      .done();
}

std::string diagnostics_json(const std::string& file, const Diagnostics& d, Severity which) {
  std::string out = "[";
  bool first = true;
  for (const Diagnostic& x : d.sorted()) {
    if (x.severity != which) continue;
    out += (first ? "" : ", ") + JsonLine()
                                     .text("file", file)
                                     .raw("line", std::to_string(x.loc.line))
                                     .raw("col", std::to_string(x.loc.col))
                                     .text("code", x.code)
                                     .text("message", x.message)
                                     .text("hint", x.hint)
                                     .done();
    first = false;
  }
  return out + "]";
}

// A department leaf's 指标值: stated, or how it is computed.
std::string department_target(const Indicator& leaf) {
  if (leaf.formula) return "按公式计算：" + *leaf.formula;
  if (leaf.scorer && !leaf.target) return "按评分规则计分";
  return trim(leaf.target.value_or(""));
}

// Merges column `col` over rows [top, bottom], one merge per printed page, so
// that a group split by a page break shows its label again.
void merge_by_page(xlsx::Sheet& s, const std::set<int>& breaks, int top, int bottom, int col, std::string_view label,
                   const Style& st) {
  int a = top;
  for (auto it = breaks.upper_bound(top); it != breaks.end() && *it <= bottom; ++it) {
    s.merge_text(a, col, *it - 1, col, label, st);
    a = *it;
  }
  s.merge_text(a, col, bottom, col, label, st);
}

std::string leaves_json(const std::vector<Indicator>& tree) {
  std::string inds = "[";
  bool first = true;
  for (const LeafRef& l : leaves_of(tree)) {
    std::string path = "[";
    for (std::size_t k = 0; k < l.path.size(); ++k) path += (k ? ", " : "") + json_string(l.path[k]);
    path += "]";
    const IndicatorGoal& g = l.leaf->goal;
    inds += (first ? "" : ", ") + JsonLine()
                                      .raw("path", path)
                                      .raw("mid_target", null_or(g.mid_target))
                                      .raw("target", null_or(l.leaf->target))
                                      .text("shown", shown_goal_target(*l.leaf))
                                      .raw("operator", null_or(g.op))
                                      .raw("unit", null_or(g.unit))
                                      .raw("basis", null_or(g.basis))
                                      .done();
    first = false;
  }
  return inds + "]";
}

std::string department_json(const GoalsFile& f) {
  const Department& d = *f.department;
  std::string tasks = "[";
  for (std::size_t i = 0; i < d.tasks.size(); ++i) {
    const DepartmentTask& t = d.tasks[i];
    tasks += (i ? ", " : "") + JsonLine()
                                   .text("name", t.name)
                                   .raw("content", null_or(t.content))
                                   .raw("total", t.funds.shown_total().to_string(2))
                                   .raw("appropriation", t.funds.appropriation.to_string(2))
                                   .raw("other", t.funds.other.to_string(2))
                                   .done();
  }
  return JsonLine()
      .text("file", f.file)
      .text("kind", "department")
      .raw("name", null_or(d.name))
      .raw("year", d.year ? std::to_string(d.year) : "null")
      .raw("tasks", tasks + "]")
      .raw("goals", JsonLine().raw("annual", null_or(d.goal_expected)).done())
      .raw("indicators", leaves_json(d.indicators))
      .raw("valid", f.diagnostics.has_errors() ? "false" : "true")
      .raw("errors", diagnostics_json(f.file, f.diagnostics, Severity::Error))
      .raw("warnings", diagnostics_json(f.file, f.diagnostics, Severity::Warning))
      .done();
}

// The 绩效指标 block below its column heads (row `header_row`), from row `r`
// on: one row per 三级指标, 一级 and 二级 merged, page breaks from the
// measured heights as in the 自评表 — a 一级 group that does not fit on the
// rest of a page starts the next one, and a group longer than a page is
// split with its 一级 / 二级 labels repeated. A project shows 中期指标值 (E)
// and 年度指标值 (F); a department one 指标值 over E:F. Returns the row
// after the block.
int write_indicator_block(xlsx::Sheet& s, Rows& t, int header_row, int r, const std::vector<Indicator>& tree,
                          bool department) {
  const int first_row = r;
  // Rows of each 一级 group: (the leaf or null for an empty 二级, its 二级
  // or null when the leaf hangs directly under the 一级).
  struct Line {
    const Indicator* leaf;
    const Indicator* second;
  };
  auto lines_of = [](const Indicator& first) {
    std::vector<Line> out;
    if (first.is_leaf()) out.push_back({&first, nullptr});
    for (const Indicator& second : first.children) {
      if (second.is_leaf()) {
        out.push_back({&second, nullptr});
      } else if (second.children.empty()) {
        out.push_back({nullptr, &second});
      } else {
        for (const auto& l : leaves_of(second.children)) out.push_back({l.leaf, &second});
      }
    }
    if (out.empty()) out.push_back({nullptr, nullptr});
    return out;
  };
  auto line_points = [department](const Line& l, bool alone) {
    int n = 1;
    if (l.leaf != nullptr) {
      const int target = department ? xlsx::text_lines(department_target(*l.leaf), span(kE, kF))
                                     : std::max(xlsx::text_lines(l.leaf->goal.mid_target.value_or(""), span(kE, kE)),
                                                xlsx::text_lines(shown_goal_target(*l.leaf), span(kF, kF)));
      n = std::max({n, xlsx::text_lines(l.leaf->name, span(kD, kD)), target,
                    xlsx::text_lines(l.leaf->goal.basis.value_or(""), span(kG, kG))});
    }
    if (alone && l.second != nullptr) n = std::max(n, xlsx::text_lines(l.second->name, span(kC, kC)));
    return xlsx::row_points(n);
  };
  // Page breaks from the measured heights, as in the 自评表: a 一级 group
  // that does not fit on the rest of a page starts the next one; a group
  // longer than a page is split, and each part repeats its 一级 / 二级 labels.
  double above = 52;  // title and year rows
  for (int row = 2; row <= header_row; ++row) above += t.height(row);
  xlsx::Pager pager(xlsx::landscape_body_points(span(kA, kG)), above);
  pager.set_repeated(t.height(header_row));
  std::set<int> breaks;
  for (const Indicator& first : tree) {
    const std::vector<Line> lines = lines_of(first);
    std::vector<double> h;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const bool alone = (i == 0 || lines[i - 1].second != lines[i].second) &&
                         (i + 1 == lines.size() || lines[i + 1].second != lines[i].second);
      h.push_back(line_points(lines[i], alone));
    }
    double group = 0;
    for (double x : h) group += x;
    if (!pager.fits(group) && group <= pager.room_on_empty_page() && r != first_row) {
      breaks.insert(r);
      pager.new_page();
    }
    const int first_top = r;
    int second_top = r;
    for (std::size_t i = 0; i < lines.size(); ++i, ++r) {
      if (!pager.fits(h[i]) && r != first_row && !breaks.count(r)) {
        breaks.insert(r);
        pager.new_page();
      }
      pager.add(h[i]);
      t.set_height(r, h[i]);
      const Line& l = lines[i];
      if (l.leaf == nullptr) {
        for (int c = kD; c <= kG; ++c) s.text(r, c, "", kText);
      } else {
        s.merge_text(r, kD, r, kD, l.leaf->name, kLeft);
        if (department) {
          s.merge_text(r, kE, r, kF, department_target(*l.leaf), kText);
        } else {
          s.merge_text(r, kE, r, kE, l.leaf->goal.mid_target.value_or(""), kText);
          s.merge_text(r, kF, r, kF, shown_goal_target(*l.leaf), kText);
        }
        s.merge_text(r, kG, r, kG, l.leaf->goal.basis.value_or(""), kText);
      }
      if (i + 1 == lines.size() || lines[i + 1].second != l.second) {
        merge_by_page(s, breaks, second_top, r, kC, l.second != nullptr ? l.second->name : "", kText);
        second_top = r + 1;
      }
    }
    merge_by_page(s, breaks, first_top, r - 1, kB, first.name, kHead);
  }
  if (r > first_row) merge_by_page(s, breaks, first_row, r - 1, kA, "", kHead);
  for (int b : breaks) s.page_break_before(b);
  return r;
}

}  // namespace

std::string shown_goal_target(const Indicator& leaf) {
  std::string t = trim(leaf.target.value_or(""));
  const Value v = parse_value(t);
  if (v.kind != Value::Kind::Number) return t;
  if (v.op == Op::None && leaf.goal.op && *leaf.goal.op != "定性") t = *leaf.goal.op + t;
  if (v.unit.empty() && leaf.goal.unit) t += *leaf.goal.unit;
  return t;
}

void write_goals_table(xlsx::Workbook& wb, const Project& p) {
  const std::string title = "项目支出绩效目标申报表";
  xlsx::Sheet& s = wb.add_sheet(p.name.empty() ? title : p.name);
  for (int c = 0; c < kCols; ++c) s.column_width(c, kWidths[static_cast<std::size_t>(c)]);
  Rows t(s);
  int r = 0;
  s.merge_text(r, kA, r, kG, title, kTitle);
  s.row_height(r, 32);
  ++r;
  s.merge_text(r, kA, r, kG, "（" + std::to_string(p.year) + "年度）", kSub);
  s.row_height(r, 20);
  ++r;

  t.put(r, kA, kB, "项目名称", kHead);
  t.put(r, kC, kG, p.name, kLeft);
  ++r;
  auto pair_row = [&](const char* l1, const std::string& v1, const char* l2, const std::string& v2) {
    t.put(r, kA, kB, l1, kHead);
    t.put(r, kC, kD, v1, kLeft);
    t.put(r, kE, kE, l2, kHead);
    t.put(r, kF, kG, v2, kLeft);
    ++r;
  };
  pair_row("主管部门及代码", p.department, "实施单位", p.unit);
  pair_row("项目属性", p.goals.attribute, "项目期", p.goals.period);

  // 项目资金（万元）: rows 中期 / 年度, columns 资金总额 / 财政拨款 / 其他资金.
  s.merge_text(r, kA, r + 2, kA, "项目资金\n（万元）", kHead);
  t.put(r, kB, kD, "", kHead);
  t.put(r, kE, kE, "资金总额", kHead);
  t.put(r, kF, kF, "其中：财政拨款", kHead);
  t.put(r, kG, kG, "其他资金", kHead);
  ++r;
  auto funds_row = [&](const char* label, const RequestedFunds& f) {
    t.put(r, kB, kD, label, kText);
    if (f.present) {
      s.number(r, kF, f.appropriation.to_double(), kMoney);
      s.number(r, kG, f.other.to_double(), kMoney);
      s.formula(r, kE, "=" + cell(r, kF) + "+" + cell(r, kG), f.shown_total().to_double(), kMoney);
    } else {
      for (int c = kE; c <= kG; ++c) s.text(r, c, "—", kText);
    }
    ++r;
  };
  funds_row("中期资金总额", p.goals.request_mid);
  funds_row("年度资金总额", p.goals.request_annual);

  // 总体目标.
  s.merge_text(r, kA, r + 1, kA, "总体目标", kHead);
  const std::string mid_head = p.goals.period.empty() ? "中期目标" : "中期目标（" + p.goals.period + "）";
  t.put(r, kB, kD, mid_head, kHead);
  t.put(r, kE, kG, "年度目标", kHead);
  ++r;
  t.put(r, kB, kD, p.goals.mid_term, kLeft);
  t.put(r, kE, kG, p.goal_expected, kLeft);
  ++r;

  // 绩效指标.
  const int header_row = r;
  t.put(r, kA, kA, "绩效指标", kHead);
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值", "取值依据"};
  for (int i = 0; i < 6; ++i) t.put(r, kB + i, kB + i, heads[i], kHead);
  ++r;
  r = write_indicator_block(s, t, header_row, r, p.indicators, false);
  ++r;
  s.merge_text(r, kA, r, kG, "填报单位（盖章）：                    填报人：              联系电话：              填报日期：",
               kSign);
  t.apply(2);
  s.print_setup(header_row, header_row, title + "（" + std::to_string(p.year) + "年度）　项目名称：" + p.name);
}

void write_department_goals_table(xlsx::Workbook& wb, const Department& d) {
  const std::string title = "部门整体支出绩效目标申报表";
  xlsx::Sheet& s = wb.add_sheet(d.name.empty() ? title : d.name);
  for (int c = 0; c < kCols; ++c) s.column_width(c, kWidths[static_cast<std::size_t>(c)]);
  Rows t(s);
  int r = 0;
  s.merge_text(r, kA, r, kG, title, kTitle);
  s.row_height(r, 32);
  ++r;
  s.merge_text(r, kA, r, kG, "（" + std::to_string(d.year) + "年度）", kSub);
  s.row_height(r, 20);
  ++r;
  t.put(r, kA, kB, "部门（单位）名称", kHead);
  t.put(r, kC, kG, d.name, kLeft);
  ++r;

  // 年度主要任务: one row per task and the 金额合计 row.
  const int tasks_top = r;
  const int rows = static_cast<int>(d.tasks.size()) + 2;  // heads, tasks, 合计
  s.merge_text(r, kA, r + rows - 1, kA, "年度\n主要任务\n（万元）", kHead);
  t.put(r, kB, kB, "任务名称", kHead);
  t.put(r, kC, kD, "主要内容", kHead);
  t.put(r, kE, kE, "预算申请总额", kHead);
  t.put(r, kF, kF, "其中：财政拨款", kHead);
  t.put(r, kG, kG, "其他资金", kHead);
  ++r;
  Decimal sum_total, sum_appropriation, sum_other;
  for (const DepartmentTask& task : d.tasks) {
    t.put(r, kB, kB, task.name, kText);
    t.put(r, kC, kD, task.content, kLeft);
    s.number(r, kF, task.funds.appropriation.to_double(), kMoney);
    s.number(r, kG, task.funds.other.to_double(), kMoney);
    // Appended, not "=" + …: GCC 12 -O3 gives a false -Wrestrict on operator+(const char*, string&&).
    std::string sum = "=";
    sum += cell(r, kF);
    sum += "+";
    sum += cell(r, kG);
    s.formula(r, kE, sum, task.funds.shown_total().to_double(), kMoney);
    sum_total += task.funds.shown_total();
    sum_appropriation += task.funds.appropriation;
    sum_other += task.funds.other;
    ++r;
  }
  t.put(r, kB, kD, "金额合计", kHead);
  const bool any = !d.tasks.empty();
  auto sum = [&](int col, Decimal cached) {
    s.formula(r, col, any ? "=SUM(" + cell(tasks_top + 1, col) + ":" + cell(r - 1, col) + ")" : "=0", cached.to_double(),
              kMoney);
  };
  sum(kE, sum_total);
  sum(kF, sum_appropriation);
  sum(kG, sum_other);
  ++r;

  t.put(r, kA, kA, "年度\n总体目标", kHead);
  t.put(r, kB, kG, d.goal_expected, kLeft);
  ++r;

  const int header_row = r;
  t.put(r, kA, kA, "年度\n绩效指标", kHead);
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "指标值", "取值依据"};
  t.put(r, kB, kB, heads[0], kHead);
  t.put(r, kC, kC, heads[1], kHead);
  t.put(r, kD, kD, heads[2], kHead);
  t.put(r, kE, kF, heads[3], kHead);
  t.put(r, kG, kG, heads[4], kHead);
  ++r;
  r = write_indicator_block(s, t, header_row, r, d.indicators, true);
  ++r;
  s.merge_text(r, kA, r, kG, "填报单位（盖章）：                    填报人：              联系电话：              填报日期：",
               kSign);
  t.apply(2);
  s.print_setup(header_row, header_row, title + "（" + std::to_string(d.year) + "年度）　部门（单位）名称：" + d.name);
}

std::string goals_json(const std::vector<GoalsFile>& files) {
  std::string out = "[";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const GoalsFile& f = files[i];
    if (f.department != nullptr) {
      out += (i ? ",\n " : "") + department_json(f);
      continue;
    }
    const Project* p = f.project;
    JsonLine o;
    o.text("file", f.file).raw("kind", p ? json_string(p->kind) : "null");
    o.raw("name", p ? null_or(p->name) : "null").raw("year", p && p->year ? std::to_string(p->year) : "null");
    o.raw("department", p ? null_or(p->department) : "null").raw("unit", p ? null_or(p->unit) : "null");
    o.raw("attribute", p ? null_or(p->goals.attribute) : "null").raw("period", p ? null_or(p->goals.period) : "null");
    o.raw("goals", p ? JsonLine().raw("mid_term", null_or(p->goals.mid_term)).raw("annual", null_or(p->goal_expected)).done()
                     : "null");
    o.raw("request", p ? JsonLine()
                             .raw("mid_term", request_json(p->goals.request_mid))
                             .raw("annual", request_json(p->goals.request_annual))
                             .done()
                       : "null");
    o.raw("indicators", p != nullptr ? leaves_json(p->indicators) : "[]");
    o.raw("valid", f.diagnostics.has_errors() || p == nullptr ? "false" : "true");
    o.raw("errors", diagnostics_json(f.file, f.diagnostics, Severity::Error));
    o.raw("warnings", diagnostics_json(f.file, f.diagnostics, Severity::Warning));
    out += (i ? ",\n " : "") + o.done();
  }
  return out + "]\n";
}

}  // namespace jx::reports
