// Checks on the goals themselves (绩效目标审核), before the year starts:
// what a finance bureau sends back from a 绩效目标申报表. Pure: the model,
// the rule set's GoalRules (which names are cost indicators, the vague words,
// the placeholders: uncertain practice, so data) and, when known, last year's
// actuals of the same project.
//
// Every problem is a Diagnostic with its position and a stable code:
//   goal-missing-target   error    a 三级指标 without 指标值
//   goal-funds-sum        error    申报资金 总额 ≠ 财政拨款 + 其他资金 (中期, 年度)
//   goal-annual-over-mid  warning  年度资金 above 中期资金
//   goal-no-annual-goal   warning  no 年度目标 text
//   goal-no-cost          warning  no 成本指标 (rules.goal_checks.require_cost)
//   goal-not-quantified   warning  a number without 计算符号 or 计量单位, or a
//                                  comparator without a number
//   goal-placeholder      warning  template residue: **人, XX, a bare —
//   goal-vague            warning  a qualitative target without a number, in vague words (有所提升 …)
//   goal-no-basis         warning  no 取值依据 (rules.goal_checks.require_basis)
//   goal-below-last-year  warning  a positive target below last year's actual
// Money compares exactly (engine/decimal.h); targets through the value parser
// (engine/value.h), so ≥98% is quantitative with a unit, 2022年12月底前 a
// deadline, and a 定性 indicator needs no unit.
#pragma once

#include <string>
#include <vector>

#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

/// Last year's row of the same indicator: its target and actual as written.
struct PriorActual {
  std::vector<std::string> path;  ///< 一级 … 三级 names
  std::string target;
  std::string actual;
};

/// Runs every goal check. `last_year` (may be empty) is last year's leaves of
/// the same project; a leaf is matched by its path, else by its unique 三级 name.
Diagnostics check_goals(const Project& project, const RuleSet& rules, const std::vector<PriorActual>& last_year = {});

/// The same for a department's goal form (部门整体支出绩效目标申报表): each
/// 年度主要任务's funds (goal-funds-sum), the 年度总体目标, and the leaf checks on
/// every leaf that states a target (computed leaves are left out). No
/// goal-no-cost: the department trees (投入 / 过程 / 产出 / 效果) have no
/// 成本指标 of their own.
Diagnostics check_department_goals(const Department& department, const RuleSet& rules);

/// The leaves of a project with their paths (一级 … 三级), in tree order.
struct LeafRef {
  std::vector<std::string> path;
  const Indicator* leaf = nullptr;
};
std::vector<LeafRef> leaves_of(const std::vector<Indicator>& tree);

}  // namespace jx
