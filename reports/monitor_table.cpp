#include "reports/monitor_table.h"

#include <algorithm>
#include <array>
#include <set>

#include "engine/text.h"
#include "reports/form_styles.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;
using namespace form_style;  // kHead, kText, kLeft, kMoney, kRate

// Columns A..O: 一级 | 二级 | 三级 | 年度指标值 | 执行情况 | 全年预计 | five
// reasons | 可能性 | v | 预警 | 备注.
enum Col { kA = 0, kB, kC, kD, kE, kF, kG, kH, kI, kJ, kK, kL, kM, kN, kO, kCols };
constexpr std::array<double, kCols> kWidths = {9, 10, 16, 12, 12, 12, 7, 7, 7, 7, 7, 9, 8, 7, 20};

const Style kTitle{.bold = true, .size = 18, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSub{.size = 11, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kSmallHead{.bold = true, .size = 9, .num_format = ""};
const Style kV{.num_format = "0.00"};
const Style kNote{.size = 9, .align = Align::Left, .wrap = true, .border = false, .num_format = ""};
const Style kCellNote{.size = 9, .align = Align::Left, .wrap = true, .num_format = ""};

Style light_style(Light l) {
  Style s{.bold = true, .num_format = ""};
  s.fill = light_fill(l);
  return s;
}

using xlsx::cell;  // A1 references (reports/workbook.h)

double span(int c1, int c2) {
  double w = 0;
  for (int c = c1; c <= c2; ++c) w += kWidths[static_cast<std::size_t>(c)];
  return w;
}

// Row heights from the text each row holds.
class Heights {
 public:
  void fit(int row, int c1, int c2, std::string_view text, double size = 11) {
    if (static_cast<int>(pts_.size()) <= row) pts_.resize(static_cast<std::size_t>(row) + 1, xlsx::row_points(1));
    pts_[static_cast<std::size_t>(row)] = std::max(pts_[static_cast<std::size_t>(row)],
                                                   xlsx::row_points(xlsx::text_lines(text, span(c1, c2)), size));
  }
  void apply(xlsx::Sheet& s, int from) const {
    for (int r = from; r < static_cast<int>(pts_.size()); ++r) s.row_height(r, pts_[static_cast<std::size_t>(r)]);
  }
  [[nodiscard]] double at(int row) const {
    return row < static_cast<int>(pts_.size()) ? pts_[static_cast<std::size_t>(row)] : xlsx::row_points(1);
  }

 private:
  std::vector<double> pts_;
};

std::string bands_text(const MonitorRules& r, const std::vector<LightBand>& bands) {
  std::string s;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const LightBand& b = bands[i];
    std::string part;
    if (i + 1 == bands.size()) {
      part = "v < " + bands[i - 1].min.to_plain();
    } else if (i == 0) {
      part = "v ≥ " + b.min.to_plain();
    } else {
      part = b.min.to_plain() + " ≤ v < " + bands[i - 1].min.to_plain();
    }
    s += (s.empty() ? "" : "，") + part + " " + light_label(r, b.light);
  }
  return s;
}

// 达成 绿灯、部分达成 黄灯 …: the first word of each of the rule set's lists.
std::string qualitative_text(const MonitorRules& r) {
  std::string s;
  for (const LightWords& w : r.qualitative) {
    if (!w.words.empty()) s += (s.empty() ? "" : "、") + w.words.front() + " " + light_label(r, w.light);
  }
  return s;
}

struct Group {
  std::string first, second;
  int top = 0, bottom = 0;
};

// A narrow column's head broken every four characters (硬件条件保障 →
// 硬件条件 / 保障), never inside a character.
std::string narrow_head(const std::string& word) {
  const std::u32string cps = utf8_decode(word);
  std::u32string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += U'\n';
    out += cps[i];
  }
  return utf8_encode(out);
}

// Merges column `col` over rows [top, bottom] with `label`, one merge per
// printed page, so that a group split by a page break shows its label on
// every page it spans.
void merge_by_page(xlsx::Sheet& s, const std::set<int>& breaks, int top, int bottom, int col, const std::string& label,
                   const Style& st) {
  int a = top;
  for (auto it = breaks.upper_bound(top); it != breaks.end() && *it <= bottom; ++it) {
    s.merge_text(a, col, *it - 1, col, label, st);
    a = *it;
  }
  s.merge_text(a, col, bottom, col, label, st);
}

}  // namespace

std::uint32_t light_fill(Light light) {
  switch (light) {
    case Light::Green: return 0xC6EFCE;
    case Light::Yellow: return 0xFFEB9C;
    case Light::Red: return 0xFFC7CE;
    case Light::Blue: return 0xBDD7EE;
  }
  return 0;
}

void write_monitor_table(xlsx::Workbook& wb, const Project& p, const MonitorOutcome& o, const RuleSet& rules) {
  const MonitorRules& mr = rules.monitor;
  const std::string m = std::to_string(o.month);
  const std::string period = "1-" + m + "月";
  xlsx::Sheet& s = wb.add_sheet(p.name.empty() ? "执行监控表" : p.name);
  for (int c = 0; c < kCols; ++c) s.column_width(c, kWidths[static_cast<std::size_t>(c)]);
  Heights h;
  const auto put = [&](int row, int c1, int c2, std::string_view text, const Style& st) {
    s.merge_text(row, c1, row, c2, text, st);
    h.fit(row, c1, c2, text, st.size);
  };
  const std::string round_fn = mr.v_rounding == Rounding::Truncate ? "ROUNDDOWN" : "ROUND";
  const std::string digits = std::to_string(mr.v_digits);

  int r = 0;
  s.merge_text(r, kA, r, kO, "项目支出绩效目标执行监控表", kTitle);
  s.row_height(r, 32);
  ++r;
  s.merge_text(r, kA, r, kO, "（" + std::to_string(p.year) + "年度，" + period + "）", kSub);
  s.row_height(r, 20);
  ++r;
  put(r, kA, kB, "项目名称", kHead);
  put(r, kC, kO, p.name, kLeft);
  ++r;
  put(r, kA, kB, "主管部门", kHead);
  put(r, kC, kF, p.department, kLeft);
  put(r, kG, kK, "实施单位", kHead);
  put(r, kL, kO, p.unit, kLeft);
  ++r;

  // 项目资金（万元）: the total row carries the execution and its light.
  struct Source {
    const char* label;
    const FundRow* row;
  };
  std::vector<Source> sources;
  for (const Source& x : {Source{"其中：当年财政拨款", &p.funds.appropriation}, Source{"上年结转资金", &p.funds.carryover},
                          Source{"其他资金", &p.funds.other}, Source{"财政专户管理资金", &p.funds.special},
                          Source{"单位资金", &p.funds.unit_funds}}) {
    if (x.row->present) sources.push_back(x);
  }
  s.merge_text(r, kA, r + 1 + static_cast<int>(sources.size()), kA, "项目资金\n（万元）", kHead);
  put(r, kB, kC, "", kHead);
  put(r, kD, kD, "年初预算数", kHead);
  put(r, kE, kE, "全年预算数", kHead);
  put(r, kF, kF, period + "执行数", kHead);
  put(r, kG, kH, period + "执行率", kSmallHead);
  put(r, kI, kK, "全年预计执行数", kSmallHead);
  put(r, kL, kL, "序时进度", kHead);
  put(r, kM, kM, "执行进度", kHead);
  put(r, kN, kN, "预警", kHead);
  put(r, kO, kO, "说明", kHead);
  ++r;
  put(r, kB, kC, "年度资金总额", kHead);
  s.number(r, kD, o.initial.to_double(), kMoney);
  s.number(r, kE, o.budget.to_double(), kMoney);
  s.number(r, kF, o.executed.to_double(), kMoney);
  if (o.budget.is_zero()) {
    s.merge_number(r, kG, r, kH, 0, kRate);
  } else {
    s.merge_formula(r, kG, r, kH, "=" + cell(r, kF) + "/" + cell(r, kE), o.executed.to_double() / o.budget.to_double(),
                    kRate);
  }
  if (o.funds != nullptr && o.funds->forecast) {
    s.merge_number(r, kI, r, kK, o.funds->forecast->to_double(), kMoney);
  } else {
    put(r, kI, kK, "—", kText);
  }
  s.formula(r, kL, "=" + m + "/12", static_cast<double>(o.month) / 12.0, kRate);
  if (o.budget_v) {
    if (o.budget.is_zero()) {
      s.number(r, kM, o.budget_v->to_double(), kV);
    } else {
      s.formula(r, kM,
                "=" + round_fn + "(" + cell(r, kF) + "*1200/(" + cell(r, kE) + "*" + m + ")," + digits + ")",
                o.budget_v->to_double(), kV);
    }
  }
  if (o.budget_light) put(r, kN, kN, light_label(mr, *o.budget_light), light_style(*o.budget_light));
  put(r, kO, kO, o.budget_basis.empty() ? "" : "执行进度 = 执行率 ÷ 序时进度 × 100", kCellNote);
  ++r;
  for (const Source& x : sources) {
    put(r, kB, kC, x.label, kLeft);
    s.number(r, kD, x.row->initial.to_double(), kMoney);
    s.number(r, kE, x.row->budget.to_double(), kMoney);
    put(r, kF, kF, "—", kText);
    put(r, kG, kH, "—", kText);
    put(r, kI, kK, "—", kText);
    put(r, kL, kL, "—", kText);
    put(r, kM, kM, "—", kText);
    put(r, kN, kN, "—", kText);
    put(r, kO, kO, "", kText);
    ++r;
  }

  // 年度总体目标.
  s.merge_text(r, kA, r + 1, kA, "年度总体\n目标", kHead);
  put(r, kB, kH, "全年目标", kHead);
  put(r, kI, kO, period + "执行情况", kHead);
  ++r;
  put(r, kB, kH, p.goal_expected, kLeft);
  put(r, kI, kO, "", kLeft);
  ++r;

  // The indicator grid: two header rows, repeated on every printed page.
  const int head1 = r;
  s.merge_text(r, kA, r + 1, kA, "一级指标", kHead);
  s.merge_text(r, kB, r + 1, kB, "二级指标", kHead);
  s.merge_text(r, kC, r + 1, kC, "三级指标", kHead);
  s.merge_text(r, kD, r + 1, kD, "年度\n指标值", kHead);
  s.merge_text(r, kE, r + 1, kE, period + "\n执行情况", kHead);
  s.merge_text(r, kF, r + 1, kF, "全年预计\n完成情况", kHead);
  put(r, kG, kK, "偏差原因分析", kHead);
  s.merge_text(r, kL, r + 1, kL, "完成目标\n可能性", kHead);
  s.merge_text(r, kM, r + 1, kM, "执行\n进度", kHead);
  s.merge_text(r, kN, r + 1, kN, "预警", kHead);
  s.merge_text(r, kO, r + 1, kO, "备注", kHead);
  ++r;
  // The rule set's five reasons (its loader requires five: the form's columns).
  for (std::size_t i = 0; i < 5; ++i) {
    put(r, kG + static_cast<int>(i), kG + static_cast<int>(i), i < mr.reasons.size() ? narrow_head(mr.reasons[i]) : "",
        kSmallHead);
  }
  h.fit(head1, kD, kD, "年度\n指标值");
  ++r;
  std::vector<Group> groups;
  for (const LeafLight& l : o.leaves) {
    // path = 一级/二级/三级 (deeper trees keep their middle levels in 二级).
    const std::string& full = l.path;
    const std::size_t a = full.find('/');
    const std::size_t b = full.rfind('/');
    const std::string first = a == std::string::npos ? "" : full.substr(0, a);
    const std::string second = (a == std::string::npos || a == b) ? "" : full.substr(a + 1, b - a - 1);
    if (groups.empty() || groups.back().first != first || groups.back().second != second) {
      groups.push_back({first, second, r, r});
    }
    groups.back().bottom = r;
    const IndicatorSnapshot* snap = l.snapshot;
    put(r, kC, kC, l.leaf->name, kLeft);
    put(r, kD, kD, l.leaf->target.value_or(""), kText);
    put(r, kE, kE, snap && snap->value ? *snap->value : "", kText);
    put(r, kF, kF, snap && snap->forecast ? *snap->forecast : "", kText);
    for (std::size_t i = 0; i < 5; ++i) {
      const bool ticked = snap && i < mr.reasons.size() &&
                          std::find(snap->reasons.begin(), snap->reasons.end(), mr.reasons[i]) != snap->reasons.end();
      put(r, kG + static_cast<int>(i), kG + static_cast<int>(i), ticked ? "√" : "", kText);
    }
    put(r, kL, kL, snap && snap->possibility ? *snap->possibility : "", kText);
    if (l.v) {
      s.number(r, kM, l.v->to_double(), kV);
    } else {
      put(r, kM, kM, "—", kText);
    }
    if (l.light) {
      put(r, kN, kN, light_label(mr, *l.light), light_style(*l.light));
    } else {
      put(r, kN, kN, "", kText);
    }
    put(r, kO, kO, snap ? snap->note : "", kLeft);
    ++r;
  }
  const int grid_end = r;  // one past the last leaf row
  // The project's light.
  put(r, kA, kC, "项目预警（取最差的灯" + std::string(mr.project_includes_budget ? "，含预算执行" : "") + "）", kHead);
  if (o.light) {
    put(r, kD, kF, light_label(mr, *o.light), light_style(*o.light));
  } else {
    put(r, kD, kF, "", kText);
  }
  put(r, kG, kO, "", kLeft);
  const int light_row = r;
  ++r;

  // Page breaks from the measured rows: a row that does not fit starts the
  // next page (under the repeated heads); the project's light never stands
  // alone on a page. 一级 / 二级 labels are merged once per page.
  std::set<int> breaks;
  double above = 52;  // title and year rows
  for (int row = 2; row < head1; ++row) above += h.at(row);
  double width = 0;
  for (const double w : kWidths) width += w;
  xlsx::Pager pager(xlsx::landscape_body_points(width), above);
  pager.set_repeated(h.at(head1) + h.at(head1 + 1));
  if (!pager.fits(h.at(head1) + h.at(head1 + 1) + (grid_end > head1 + 2 ? h.at(head1 + 2) : 0))) {
    breaks.insert(head1);
    pager.new_page();
    pager.add(0);
  } else {
    pager.add(h.at(head1) + h.at(head1 + 1));
  }
  for (int row = head1 + 2; row <= light_row; ++row) {
    if (!pager.fits(h.at(row))) {
      const int at = row == light_row && row - 1 >= head1 + 2 && !breaks.count(row - 1) ? row - 1 : row;
      breaks.insert(at);
      pager.new_page();
      for (int k = at; k < row; ++k) pager.add(h.at(k));
    }
    pager.add(h.at(row));
  }
  for (std::size_t i = 0; i < groups.size();) {
    std::size_t j = i;
    int bottom = groups[i].bottom;
    while (j + 1 < groups.size() && groups[j + 1].first == groups[i].first) bottom = groups[++j].bottom;
    merge_by_page(s, breaks, groups[i].top, bottom, kA, groups[i].first, kText);
    for (std::size_t k = i; k <= j; ++k) {
      merge_by_page(s, breaks, groups[k].top, groups[k].bottom, kB, groups[k].second, kText);
    }
    i = j + 1;
  }
  for (const int b : breaks) s.page_break_before(b);
  h.apply(s, 2);

  // 说明, below the frame after a blank row.
  ++r;
  const std::string note =
      "说明：序时进度 = " + m + "/12。预算执行进度 v = 执行率 ÷ 序时进度 × 100：" + bands_text(mr, mr.budget_bands) +
      "。正向指标 v = " + period + "完成值 ÷（年度指标值 × " + m + "/12）× 100" +
      (mr.rates_whole_year ? "（百分比指标与全年指标值比较）" : "") + "：" + bands_text(mr, mr.positive_bands) +
      "。反向（上限）指标不超过上限为" + light_label(mr, mr.ceiling_within) + "，否则为" +
      light_label(mr, mr.ceiling_over) + "；时效指标按期为" + light_label(mr, mr.deadline_on_time) + "，逾期为" +
      light_label(mr, mr.deadline_late) + "；定性指标" + qualitative_text(mr) + "。v 保留 " + digits +
      " 位小数后与界限比较（界限含本身）。规则集：" + rules.name + "。";
  s.merge_text(r, kA, r, kO, note, kNote);
  s.row_height(r, xlsx::row_points(xlsx::text_lines(note, span(kA, kO) * 11 / 9), 9));
  s.print_setup(head1, head1 + 1,
                "项目支出绩效目标执行监控表（" + std::to_string(p.year) + "年度，" + period + "）　项目名称：" + p.name);
}

}  // namespace jx::reports
