// The spring stage of a project's year (绩效目标申报): what the officer
// declares with the budget request, kept in the same file as the year-end
// self-evaluation. All optional: a file without these keys is a plain
// self-evaluation. Money in 万元; texts as written (trimmed).
//
// Also the rule-set data of the goal checks (GoalRules): which 二级 / 一级
// names count as 成本指标, the vague words, the placeholders. They are
// uncertain practice (../shared/docs/lifecycle.md §1.5, §3.1), so they are
// data in indicators/rules/*.yaml, not code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"

namespace jx {

/// One line of 项目资金（申报）: 资金总额 = 财政拨款 + 其他资金.
struct RequestedFunds {
  bool present = false;
  bool invalid = false;  ///< a figure is not a number (already reported)
  Loc loc;
  std::optional<Decimal> total;  ///< as written; absent → the sum of the parts
  Loc total_loc;
  Decimal appropriation;  ///< 财政拨款
  Decimal other;          ///< 其他资金

  /// The 资金总额 the form prints: the written total, else the sum.
  [[nodiscard]] Decimal shown_total() const { return total.value_or(appropriation + other); }
};

/// An approved change of an indicator's target during the year (绩效目标调整).
/// `from` absent: the indicator was added; `to` absent: it was removed.
struct Adjustment {
  std::string indicator;  ///< the 三级 name, or "一级/二级/三级" to be exact
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string date;    ///< when it was approved, as written (2022-06-30)
  std::string reason;  ///< why
  Loc loc;
  Loc from_loc;
};

/// The project-level goal keys.
struct ProjectGoals {
  std::string attribute;  ///< 项目属性: 新增 | 延续 ("" = not given)
  Loc attribute_loc;
  std::string period;  ///< 项目期, as written: "2022年—2024年"
  Loc period_loc;
  std::string mid_term;  ///< 中期目标 (goals.mid_term)
  Loc mid_term_loc;
  RequestedFunds request_mid;     ///< request.mid_term: 中期资金
  RequestedFunds request_annual;  ///< request.annual: 年度资金
  Loc request_loc;
  std::vector<Adjustment> adjustments;
  Loc adjustments_loc;

  /// Whether the file has any goal-form key (then the goal checks apply in batch).
  [[nodiscard]] bool given() const {
    return !attribute.empty() || !period.empty() || !mid_term.empty() || request_mid.present ||
           request_annual.present || !adjustments.empty();
  }
};

/// The goal-form keys of one indicator (a leaf).
struct IndicatorGoal {
  std::optional<std::string> unit;        ///< 计量单位, when the target text does not show it
  std::optional<std::string> op;          ///< 计算符号: ≥ > = < ≤ 定性 (canonical)
  std::optional<std::string> basis;       ///< 取值依据: 计划标准 | 行业标准 | 历史标准 | 其他
  std::optional<std::string> mid_target;  ///< 中期指标值
  Loc unit_loc;
  Loc op_loc;
  Loc basis_loc;
  Loc mid_target_loc;

  [[nodiscard]] bool given() const { return unit || op || basis || mid_target; }
};

/// One row of the 部门整体支出绩效目标申报表's 年度主要任务: 任务名称, 主要内容
/// and its 预算申请 (总额 = 财政拨款 + 其他资金).
struct DepartmentTask {
  std::string name;
  std::string content;
  RequestedFunds funds;
  Loc loc;
};

/// Rule-set data of the goal checks (`goal_checks:` in a rule set).
struct GoalRules {
  bool require_cost = false;             ///< a missing 成本指标 is a finding
  std::vector<std::string> cost_names;   ///< 一级 / 二级 names that are cost indicators
  bool require_basis = false;            ///< a leaf without 取值依据 is a finding
  std::vector<std::string> vague_words;  ///< 有所提升, 进一步 … in a target
  std::vector<std::string> placeholders; ///< **, XX, — … a target made of or containing one
};

}  // namespace jx
