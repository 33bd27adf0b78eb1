#include "engine/findings.h"

#include <algorithm>

#include "engine/review.h"
#include "engine/text.h"
#include "engine/value.h"

namespace jx {

const std::vector<FindingKind> kFindingKinds = {
    {"declared-total-differs", "自报总分与计算不符"},
    {"declared-row-differs", "自报行得分与计算不符"},
    {"all-full-marks", "全部指标满分"},
    {"actual-copied", "实际完成值照抄目标值"},
    {"target-too-low", "目标值偏低"},
    {"missing-deviation-reason", "未达标未说明偏差原因"},
    {"low-execution", "预算执行率偏低"},
    {"first-level-weight", "一级指标权重偏离规则"},
    {"items-sum", "支出明细合计不符"},
    {"unit-slip", "疑似单位错误"},
    {"target-without-unit", "指标值缺少单位"},
    {"template-text", "模板文字未替换"},
    {"percent-fact-as-ratio", "百分数按比率计算"},
    {"rate-implausible", "比率超出合理范围"},
    {"same-figure-differs", "同一数字两处不一致"},
    {"same-figure-unit", "同一数字单位不可比"},
    // The goal checks (engine/goal_checks.h), for files with a goal section.
    {"goal-missing-target", "目标：未填指标值"},
    {"goal-funds-sum", "目标：申报资金不符"},
    {"goal-annual-over-mid", "目标：年度超中期资金"},
    {"goal-no-annual-goal", "目标：未填年度目标"},
    {"goal-no-cost", "目标：无成本指标"},
    {"goal-not-quantified", "目标：定量指标不完整"},
    {"goal-placeholder", "目标：模板占位符"},
    {"goal-vague", "目标：用语含糊"},
    {"goal-no-basis", "目标：无取值依据"},
    {"goal-below-last-year", "目标：低于上年实际"},
    // The monitoring checks across the year (engine/monitor_checks.h), for
    // files with monitor: snapshots.
    {"monitor-red-unexplained", "监控：红灯后评优未说明"},
    {"monitor-forecast-off", "监控：预计与实际偏差大"},
    {"monitor-forecast-below-executed", "监控：预计低于已执行"},
    {"monitor-note-missing", "监控：偏差未写说明"},
    {"monitor-reason-missing", "监控：未选偏差原因"},
    {"monitor-incomplete", "监控：月份数据不全"},
};

const std::vector<FindingKind> kInvalidCauses = {
    {"gbk-mojibake", "文字乱码（编码错误）"},
    {"ambiguous-fraction", "完成值含义不明"},
    {"bad-year", "年度不合理"},
    {"unreadable", "无法读取"},
    {"internal", "处理时出错"},
};

std::string_view invalid_cause_label(std::string_view code) {
  for (const auto& k : kInvalidCauses) {
    if (k.code == code) return k.label;
  }
  return {};
}

std::string_view finding_kind_label(std::string_view code) {
  for (const auto& k : kFindingKinds) {
    if (k.code == code) return k.label;
  }
  // A workbook submission's declared-vs-computed differences carry the review classes.
  const auto& review = finding_labels();
  if (auto it = review.find(std::string(code)); it != review.end()) return it->second;
  return {};
}

namespace {

std::size_t kind_order(std::string_view code) {
  for (std::size_t i = 0; i < kFindingKinds.size(); ++i) {
    if (kFindingKinds[i].code == code) return i;
  }
  return kFindingKinds.size();
}

void sort_findings(std::vector<SubmissionFinding>& out) {
  std::stable_sort(out.begin(), out.end(), [](const SubmissionFinding& a, const SubmissionFinding& b) {
    if (a.line != b.line) return a.line < b.line;
    const auto ka = kind_order(a.code), kb = kind_order(b.code);
    if (ka != kb) return ka < kb;
    return a.message < b.message;
  });
}

std::string path_of(const LeafScore& leaf) {
  std::string s;
  for (const auto& p : leaf.path) s += (s.empty() ? "" : "/") + p;
  return s;
}

/// The leaf a row-level diagnostic belongs to: the last leaf starting at or
/// before the diagnostic's line.
const LeafScore* leaf_at(const ProjectScore& score, int line) {
  const LeafScore* best = nullptr;
  for (const auto& leaf : score.leaves) {
    if (leaf.loc.line > 0 && leaf.loc.line <= line && (best == nullptr || leaf.loc.line >= best->loc.line)) {
      best = &leaf;
    }
  }
  return best;
}

/// An actual that repeats its target word for word is a copy when the text
/// states a requirement rather than a measurement: a comparator, a range, a
/// deadline or a qualitative phrase. "100%" against "100%" is a plausible
/// result and is not flagged.
bool copied(const LeafScore& leaf) {
  const std::string t = trim(leaf.target);
  if (t.empty() || t != trim(leaf.actual)) return false;
  const Value v = parse_value(t);
  return v.kind != Value::Kind::Number || v.op != Op::None;
}

}  // namespace

std::vector<SubmissionFinding> find_findings(const ProjectScore& score, const RuleSet& rules) {
  std::vector<SubmissionFinding> out;
  for (const Diagnostic& d : score.diagnostics.items()) {
    if (d.severity != Severity::Warning || kind_order(d.code) == kFindingKinds.size()) continue;
    SubmissionFinding f{d.code, d.loc.line, "", d.message};
    if (d.code == "target-too-low" || d.code == "missing-deviation-reason" || d.code == "declared-row-differs" ||
        d.code == "unit-slip" || d.code == "target-without-unit") {
      if (const LeafScore* leaf = leaf_at(score, d.loc.line)) f.indicator = path_of(*leaf);
    }
    out.push_back(std::move(f));
  }

  int scored = 0;
  int full = 0;
  for (const LeafScore& leaf : score.leaves) {
    if (leaf.applicable) {
      ++scored;
      if (leaf.score == leaf.weight) ++full;
    }
    if (copied(leaf)) {
      out.push_back({"actual-copied", leaf.loc.line, path_of(leaf),
                     "指标“" + leaf.path.back() + "”的实际完成值“" + trim(leaf.actual) + "”与年度指标值逐字相同"});
    }
  }
  if (scored > 1 && full == scored) {
    out.push_back(
        {"all-full-marks", 0, "", "全部 " + std::to_string(scored) + " 项指标均为满分，请核实实际完成值是否如实填写"});
  }
  const BudgetScore& b = score.budget;
  if (b.budget > Decimal(0) && b.rate < rules.low_execution) {
    const int line = b.lines.empty() ? 0 : b.lines.front().row.loc.line;
    out.push_back(
        {"low-execution", line, "",
         "预算执行率 " + percent_text(b.rate) + "，低于 " + percent_of(rules.low_execution).to_plain() + "%"});
  }
  sort_findings(out);
  return out;
}

std::vector<SubmissionFinding> goal_findings(const Project& project, const RuleSet& rules,
                                             const std::vector<PriorActual>& last_year) {
  std::vector<SubmissionFinding> out;
  if (!project.goals.given()) return out;
  const Diagnostics found = check_goals(project, rules, last_year);
  for (const Diagnostic& d : found.items()) {
    out.push_back({d.code, d.loc.line, "", d.message});
  }
  sort_findings(out);
  return out;
}

}  // namespace jx
