#include "engine/lights.h"

#include <algorithm>
#include <set>

#include "engine/text.h"
#include "engine/value.h"

namespace jx {
namespace {

// Above this many times the pro-rata target a v says nothing more, and the
// exact arithmetic below could leave Decimal's range.
constexpr std::int64_t kMaxV = 100'000'000;

void collect_months(const Indicator& ind, std::set<int>& out) {
  for (const auto& [m, s] : ind.monitor) out.insert(m);
  for (const auto& c : ind.children) collect_months(c, out);
}

std::string month_list(const std::vector<int>& months) {
  std::string s;
  for (const int m : months) s += (s.empty() ? "" : "、") + std::to_string(m);
  return s;
}

const LightWords* words_for(const MonitorRules& r, std::string_view word) {
  for (const auto& w : r.qualitative) {
    if (std::find(w.words.begin(), w.words.end(), word) != w.words.end()) return &w;
  }
  return nullptr;
}

std::string all_words(const MonitorRules& r) {
  std::string s;
  for (const auto& w : r.qualitative) {
    if (!w.words.empty()) s += (s.empty() ? "" : "、") + w.words.front();
  }
  return s;
}

// v = num × scale ÷ den, rounded as the rule set says; nullopt when it would
// be absurdly large (the caller reports it).
std::optional<Decimal> ratio_v(Decimal num, Decimal scale, Decimal den, const MonitorRules& r) {
  const auto q = checked_div(num, den);
  if (!q || *q > Decimal(kMaxV) || *q < Decimal(-kMaxV)) return std::nullopt;
  return mul_div(num, scale, den, r.v_digits, r.v_rounding);
}

struct Walker {
  const Project& project;
  const RuleSet& rules;
  int month;
  MonitorOutcome& out;

  void walk(const Indicator& ind, const std::string& parent_path, const std::string& parent_name) {
    const std::string path = parent_path.empty() ? ind.name : parent_path + "/" + ind.name;
    if (!ind.is_leaf()) {
      for (const auto& c : ind.children) walk(c, path, ind.name);
      return;
    }
    if (!ind.applicable) return;
    LeafLight leaf;
    leaf.path = path;
    leaf.leaf = &ind;
    const auto it = ind.monitor.find(month);
    if (it == ind.monitor.end()) {
      out.diagnostics.error(ind.loc, "monitor-missing",
                            "指标“" + ind.name + "”缺少 " + std::to_string(month) + " 月的监控数据",
                            "在该指标下填写 monitor: {" + std::to_string(month) +
                                ": {value: …, forecast: …}}；不适用的指标写 applicable: false");
      out.leaves.push_back(std::move(leaf));
      return;
    }
    leaf.snapshot = &it->second;
    judge(ind, parent_name, it->second, leaf);
    out.leaves.push_back(std::move(leaf));
  }

  void fail(const Loc& loc, const std::string& code, const std::string& message, const std::string& hint = {}) {
    out.diagnostics.error(loc, code, message, hint);
  }

  void judge(const Indicator& ind, const std::string& second_level, const IndicatorSnapshot& s, LeafLight& leaf) {
    const MonitorRules& r = rules.monitor;
    const std::string m = std::to_string(month);
    if (!s.value) return;  // the loader reported the missing key
    const std::string& text = *s.value;
    const Loc vloc = s.value_loc.line ? s.value_loc : s.loc;
    if (text.empty()) {
      fail(vloc, "monitor-empty-value", "指标“" + ind.name + "”" + m + " 月的 value（1-" + m + "月执行情况）是空的",
           "定量指标填截至该月的完成数，定性指标填 " + all_words(r));
      return;
    }
    if (!ind.target || trim(*ind.target).empty()) {
      fail(ind.loc, "monitor-no-target", "指标“" + ind.name + "”没有年度指标值，无法判断监控灯色",
           "填写 target（年度指标值）");
      return;
    }
    const Value target = parse_value(*ind.target);
    const LightWords* word = words_for(r, text);
    if (is_timed(target)) {
      leaf.kind = "deadline";
      if (word != nullptr) {
        leaf.light = word->light;
        leaf.basis = "时效指标：" + text;
        return;
      }
      if (std::find(r.deadline_pending_words.begin(), r.deadline_pending_words.end(), text) !=
          r.deadline_pending_words.end()) {
        // Not done yet: fine while the deadline is after the end of month M.
        const bool due = compare_dates(target.date, DateSpec{project.year, month, 0}, project.year) <= 0;
        leaf.light = due ? r.deadline_late : r.deadline_pending;
        leaf.basis = "时效指标：" + text + (due ? "，期限 " + *ind.target + " 已过" : "，期限 " + *ind.target + " 未到");
        return;
      }
      const Value a = parse_actual(text, target, rules.deadline_actuals);
      bool on_time = false;
      if (a.kind == Value::Kind::OnTime || a.kind == Value::Kind::Late) {
        on_time = a.kind == Value::Kind::OnTime;
      } else if (a.kind == Value::Kind::Date && target.kind == Value::Kind::Deadline) {
        on_time = compare_dates(a.date, target.date, project.year) <= 0;
      } else {
        fail(vloc, "monitor-bad-value", "时效指标“" + ind.name + "”" + m + " 月的执行情况“" + text + "”无法判断",
             "写完成日期（如 2022年9月30日）、按时完成 / 逾期、" +
                 (r.deadline_pending_words.empty() ? std::string() : r.deadline_pending_words.front() + "（未到期）、") +
                 "或 " + all_words(r));
        return;
      }
      leaf.light = on_time ? r.deadline_on_time : r.deadline_late;
      leaf.basis = std::string("时效指标：") + (on_time ? "按期" : "逾期") + "（期限 " + *ind.target + "）";
      return;
    }
    if (target.kind == Value::Kind::Qualitative) {
      leaf.kind = "qualitative";
      if (word == nullptr) {
        fail(vloc, "monitor-bad-word", "定性指标“" + ind.name + "”" + m + " 月的执行情况“" + text + "”不是规定的词",
             "定性指标填 " + all_words(r) + "（规则集 monitor.qualitative）");
        return;
      }
      leaf.light = word->light;
      leaf.basis = "定性指标：" + text;
      return;
    }
    if (target.kind != Value::Kind::Number && target.kind != Value::Kind::Range) {
      fail(ind.target_loc.line ? ind.target_loc : ind.loc, "monitor-no-target",
           "指标“" + ind.name + "”的年度指标值“" + *ind.target + "”无法用于监控", "写成 ≥5个、≤320万元 这样的形式");
      return;
    }
    const Value a = parse_actual(text, target, rules.deadline_actuals);
    if (a.kind != Value::Kind::Number) {
      fail(vloc, "monitor-bad-value",
           "定量指标“" + ind.name + "”" + m + " 月的执行情况“" + text + "”应为一个数" +
               (is_malformed_number(text) ? "（数值过大或小数位过多）" : ""),
           "填截至 " + m + " 月底的完成数，如 3个（单位与年度指标值 " + *ind.target + " 相同）");
      return;
    }
    if (!units_compatible(a.unit, target.unit)) {
      fail(vloc, "monitor-unit-mismatch",
           "指标“" + ind.name + "”" + m + " 月执行情况的单位" + unit_label(a.unit) + "与年度指标值的单位" +
               unit_label(target.unit) + "不一致",
           "按年度指标值 " + *ind.target + " 的单位填写");
      return;
    }
    bool ceiling = target.op == Op::Le || target.op == Op::Lt;
    if (ind.direction) {
      ceiling = *ind.direction == "reverse";
    } else if (target.op == Op::None && target.kind == Value::Kind::Number &&
               std::find(rules.reverse_second_level.begin(), rules.reverse_second_level.end(), second_level) !=
                   rules.reverse_second_level.end()) {
      ceiling = true;
    }
    if (ceiling) {
      leaf.kind = "ceiling";
      const Decimal cap = target.kind == Value::Kind::Range ? target.high : target.amount;
      const bool within = target.op == Op::Lt && !ind.direction ? a.amount < cap : a.amount <= cap;
      leaf.light = within ? r.ceiling_within : r.ceiling_over;
      leaf.basis = std::string(within ? "未超过" : "超过") + "上限 " + *ind.target;
      return;
    }
    if (target.op == Op::Eq && target.amount.is_zero()) {
      leaf.kind = "equal_zero";
      const bool met = a.amount.is_zero();
      leaf.light = met ? r.equal_met : r.equal_missed;
      leaf.basis = met ? "等于目标值 0" : "不等于目标值 0";
      return;
    }
    leaf.kind = "positive";
    const Decimal goal = target.amount;  // a range's low end
    if (goal <= Decimal(0)) {
      leaf.light = Light::Green;
      leaf.basis = "年度指标值不大于 0，视为已达到";
      return;
    }
    std::optional<Decimal> v;
    if (target.unit == "%" && r.rates_whole_year) {
      v = ratio_v(a.amount, Decimal(100), goal, r);
      leaf.basis = "比率与全年指标值比较：" + text + " ÷ " + *ind.target;
    } else {
      const auto den = checked_mul(goal, Decimal(month));
      if (den) v = ratio_v(a.amount, Decimal(1200), *den, r);
      leaf.basis = "序时进度 " + m + "/12：" + text + " ÷（" + *ind.target + " × " + m + "/12）";
    }
    if (!v) {
      fail(vloc, "monitor-out-of-range", "指标“" + ind.name + "”" + m + " 月的执行情况“" + text + "”与年度指标值相差过大",
           "检查单位和数量级");
      leaf.basis.clear();
      return;
    }
    leaf.v = v;
    leaf.light = band_light(r.positive_bands, *v);
    leaf.basis += " × 100 = " + v->to_string(r.v_digits);
  }
};

Decimal budget_of(const FundRow& total, const Funds& f) {
  if (total.present) return total.budget;
  Decimal sum;
  for (const FundRow* row : {&f.appropriation, &f.carryover, &f.other, &f.special, &f.unit_funds}) {
    if (row->present) sum += row->budget;
  }
  return sum;
}

Decimal initial_of(const Funds& f) {
  if (f.total.present) return f.total.initial;
  Decimal sum;
  for (const FundRow* row : {&f.appropriation, &f.carryover, &f.other, &f.special, &f.unit_funds}) {
    if (row->present) sum += row->initial;
  }
  return sum;
}

}  // namespace

std::vector<int> snapshot_months(const Project& project) {
  std::set<int> months;
  for (const auto& [m, s] : project.funds.monitor) months.insert(m);
  for (const auto& ind : project.indicators) collect_months(ind, months);
  return {months.begin(), months.end()};
}

std::optional<Light> latest_light(const Project& project, const RuleSet& rules, int* month) {
  const std::vector<int> months = snapshot_months(project);
  if (months.empty() || !rules.monitor.given) return std::nullopt;
  if (month != nullptr) *month = months.back();
  return compute_lights(project, rules, months.back()).light;
}

Light band_light(const std::vector<LightBand>& bands, Decimal v) {
  for (const LightBand& b : bands) {
    if (v >= b.min) return b.light;
  }
  return bands.empty() ? Light::Red : bands.back().light;
}

MonitorOutcome compute_lights(const Project& project, const RuleSet& rules, int month) {
  MonitorOutcome out;
  out.month = month;
  const MonitorRules& r = rules.monitor;
  const std::string m = std::to_string(month);
  const std::vector<int> months = snapshot_months(project);
  if (std::find(months.begin(), months.end(), month) == months.end()) {
    out.diagnostics.error(project.funds.loc, "monitor-no-month", "文件中没有 " + m + " 月的监控数据",
                          months.empty() ? "在 funds 和各指标下填写 monitor: {" + m + ": {…}}（" + m + " 表示 1-" + m +
                                               "月）"
                                         : "文件中有 " + month_list(months) + " 月的数据；用 --month 选择其中之一");
    return out;
  }
  // The budget light.
  const auto fit = project.funds.monitor.find(month);
  if (fit == project.funds.monitor.end()) {
    out.diagnostics.error(project.funds.loc, "monitor-missing", "项目资金缺少 " + m + " 月的执行数",
                          "在 funds 下填写 monitor: {" + m + ": {executed: …, forecast: …}}（万元）");
  } else {
    out.funds = &fit->second;
    out.budget = budget_of(project.funds.total, project.funds);
    out.initial = initial_of(project.funds);
    if (fit->second.executed) {
      out.executed = *fit->second.executed;
      // The vendor's rule: a zero budget gives 执行率 0.
      if (out.budget.is_zero()) {
        out.rate = Decimal();
        out.budget_v = Decimal();
      } else {
        out.rate = div(out.executed, out.budget);
        const auto den = checked_mul(out.budget, Decimal(month));
        if (den) out.budget_v = ratio_v(out.executed, Decimal(1200), *den, r);
      }
      if (out.budget_v) {
        out.budget_light = band_light(r.budget_bands, *out.budget_v);
        out.budget_basis = "执行率 " + percent_text(out.rate) + " ÷ 序时进度 " + m + "/12 × 100 = " +
                           out.budget_v->to_string(r.v_digits);
      } else {
        out.diagnostics.error(fit->second.executed_loc, "monitor-out-of-range",
                              m + " 月执行数 " + out.executed.to_plain() + " 万元与全年预算数相差过大",
                              "检查单位（万元）");
      }
    }
  }
  Walker w{project, rules, month, out};
  for (const auto& ind : project.indicators) w.walk(ind, "", "");
  if (out.diagnostics.has_errors()) return out;
  std::optional<Light> worst;
  const auto fold = [&](Light l) { worst = worst ? worse(r, *worst, l) : l; };
  if (out.budget_light && r.project_includes_budget) fold(*out.budget_light);
  for (const LeafLight& l : out.leaves) {
    if (l.light) fold(*l.light);
  }
  out.light = worst;
  return out;
}

}  // namespace jx
