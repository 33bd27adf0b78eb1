// Reviewer findings for one scored submission (复核要点): what a finance
// bureau looks at to find wrong or inflated self-evaluations. Pure: derived
// from the model, its score and the rule set.
//
// Every finding has a stable code (for filtering in the 问题清单 sheet and in
// JSON); the list of codes is kFindingKinds, in the order they are reported.
// Findings of one submission are ordered by line, then by that order of
// kinds, then by message (deterministic).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/goal_checks.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx {

struct SubmissionFinding {
  std::string code;       ///< one of kFindingKinds
  int line = 0;           ///< 1-based line in the input file; 0 = the whole file
  std::string indicator;  ///< "一级/二级/三级" for a row finding, else ""
  std::string message;    ///< Chinese, one sentence
};

struct FindingKind {
  std::string_view code;
  std::string_view label;  ///< Chinese name of the kind, for the workbook
};

/// Every finding code with its label, in report order:
///  declared-total-differs  自报总分与计算不符
///  declared-row-differs    自报行得分与计算不符
///  all-full-marks          全部指标满分
///  actual-copied           实际完成值照抄目标值
///  target-too-low          目标值偏低（实际 ≥ 1.2 × 目标）
///  missing-deviation-reason 未达标未说明偏差原因
///  low-execution           预算执行率低于规则下限（90%）
///  first-level-weight      一级指标权重偏离规则
///  items-sum               支出明细合计与执行数不符
///  unit-slip               疑似单位错误（元/万元、比例/百分数）
///  target-without-unit     指标值既无比较符也无单位
///  template-text           模板文字（示例、请替换 …）未替换
///  percent-fact-as-ratio   部门公式把以 % 填写的事实当作比率
///  rate-implausible        部门公式的比率超出 ±1000%
///  same-figure-differs     同一数字在 facts 与 funds 中不一致
///  same-figure-unit        同一数字单位不是金额，无法核对
///  goal-…                  the goal checks (engine/goal_checks.h), one kind each
extern const std::vector<FindingKind> kFindingKinds;

/// Error codes that make a file invalid (退回重报) with a label of their
/// own: the cause of an InvalidFile is its first error's code. Other codes
/// are shown as "其他（code）" by the summary.
extern const std::vector<FindingKind> kInvalidCauses;

/// The label of an invalid-file cause ("" when not in kInvalidCauses).
std::string_view invalid_cause_label(std::string_view code);

/// The label of a code, a review class (engine/review.h finding_labels) included ("" when unknown).
std::string_view finding_kind_label(std::string_view code);

/// Findings of a scored project or department evaluation: the score's
/// warnings with the codes above, plus the checks made here (all full
/// marks, copied actuals, execution below rules.low_execution). REQUIRES: the score has no errors.
std::vector<SubmissionFinding> find_findings(const ProjectScore& score, const RuleSet& rules);

/// The goal checks' findings (errors and warnings alike) of a project file
/// that has a goal section (ProjectGoals::given()); none otherwise. Ordered
/// as find_findings orders its own; `last_year` as for check_goals.
std::vector<SubmissionFinding> goal_findings(const Project& project, const RuleSet& rules,
                                             const std::vector<PriorActual>& last_year = {});

}  // namespace jx
