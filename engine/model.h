// The project self-evaluation as the officer wrote it (项目支出绩效自评表
// input). Plain data with source positions for diagnostics; built by the
// YAML loader (engine/load) or by tests directly. Money is in 万元.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/goals.h"
#include "engine/monitor.h"

namespace jx {

/// One row of the 项目资金 block: 年初预算数 / 全年预算数 / 全年执行数.
struct FundRow {
  bool present = false;
  bool invalid = false;  ///< a figure is missing or not a number (already reported)
  Loc loc;
  Decimal initial;
  Decimal budget;  ///< 全年预算数: the adjusted budget, the denominator of 执行率
  Decimal executed;
};

/// An itemised spending line (资金使用明细) from the report.
struct SpendingItem {
  std::string name;
  Decimal amount;
  Loc loc;
};

struct Funds {
  bool given = false;  ///< the file has a `funds` key (its absence is reported by the loader)
  Loc loc;
  FundRow total;          ///< 年度资金总额; when absent it is the sum of the parts
  FundRow appropriation;  ///< 其中：当年财政拨款
  FundRow carryover;      ///< 上年结转资金
  FundRow other;          ///< 其他资金
  // Sources of the Sichuan form (510000_0013zp). Its 财政资金 row is
  // appropriation + carryover; the MOF form shows special + unit_funds inside
  // its 其他资金 row, so both forms agree on the total.
  FundRow special;     ///< 财政专户管理资金
  FundRow unit_funds;  ///< 单位资金
  FundRow basic;       ///< department: 按支出性质 基本支出 (shown, not scored)
  FundRow project;     ///< department: 按支出性质 项目支出 (shown, not scored)
  std::string reason;  ///< why the budget changed or execution is low
  std::vector<SpendingItem> items;
  Loc items_loc;
  std::optional<Decimal> declared_score;  ///< the budget-execution score the unit reported
  Loc declared_loc;
  FundsMonitor monitor;  ///< 运行监控 snapshots by month (engine/monitor.h)
};

/// How a computed department indicator turns its value into points.
/// Values of rates are fractions (0.95 = 95 %).
struct Scorer {
  enum class Kind {
    Linear,           ///< weight × min(value / target, 1)
    Reverse,          ///< full when value ≤ target, else target / value × weight
    Steps,            ///< first matching threshold gives its points
    DeductPerPP,      ///< weight − deduct per `per` percentage points beyond reference, ≥ 0
    Checklist,        ///< Σ points of the criteria met
    PerViolation,     ///< weight − deduct × count, ≥ 0
    ProjectsMean,     ///< mean of the attached projects' totals / 100 × weight
    ProjectsWeighted  ///< budget-weighted mean of the projects' totals / 100 × weight
  };
  struct Step {
    bool has_min = false;  ///< {min: x}: value ≥ x
    bool has_max = false;  ///< {max: x}: value ≤ x
    Decimal bound;
    Decimal points;
    Loc loc;
  };
  struct Item {
    std::string name;
    Decimal points;
    bool met = false;
    Loc loc;
  };
  Kind kind = Kind::Linear;
  Loc loc;
  Decimal target{1};     ///< Linear / Reverse
  Decimal reference{1};  ///< DeductPerPP
  bool above = true;     ///< DeductPerPP: deduct when the value is above the reference
  Decimal deduct;        ///< DeductPerPP / PerViolation
  Decimal per{1};        ///< DeductPerPP: percentage points per deduction
  bool partial = false;  ///< DeductPerPP: count fractions of `per` too
  Decimal count;         ///< PerViolation
  std::vector<Step> steps;
  std::vector<Item> items;
};

struct Indicator {
  std::string name;
  Loc loc;  ///< of the `name` value
  std::optional<Decimal> weight;
  Loc weight_loc;
  bool weight_invalid = false;  ///< written but not a usable number (already reported)
  std::optional<std::string> target;
  Loc target_loc;
  std::optional<std::string> actual;
  Loc actual_loc;
  std::string note;  ///< 偏差原因分析及改进措施
  std::optional<std::string> grade;
  Loc grade_loc;
  std::optional<Decimal> score;  ///< the officer's judged score (qualitative)
  Loc score_loc;
  bool applicable = true;
  std::optional<Decimal> declared_score;  ///< what the unit reported for this row
  Loc declared_loc;
  std::optional<std::string> direction;  ///< "positive" | "reverse": overrides the comparator
  Loc direction_loc;
  std::optional<std::string> formula;  ///< department: computed actual over facts
  Loc formula_loc;
  std::optional<Scorer> scorer;
  bool percent = true;  ///< department: show a computed value as a percentage
  IndicatorMonitor monitor;  ///< 运行监控 snapshots by month (engine/monitor.h)
  std::vector<Indicator> children;
  bool has_children_key = false;
  IndicatorGoal goal;  ///< goal-form keys (engine/goals.h)

  [[nodiscard]] bool is_leaf() const { return children.empty() && !has_children_key; }
};

struct Project {
  std::string kind = "project";
  int year = 0;
  Loc year_loc;
  std::string rules;
  Loc rules_loc;
  std::string name;  ///< 项目名称
  Loc name_loc;
  std::string department;  ///< 主管部门
  std::string unit;        ///< 实施单位
  std::optional<Decimal> declared_score;
  Loc declared_loc;
  Funds funds;
  std::string goal_expected;  ///< 年度总体目标: 预期目标
  std::string goal_achieved;  ///< 实际完成情况
  Loc goal_expected_loc;
  Loc goal_achieved_loc;
  // Optional fields of the Sichuan form (510000_0013zp); other forms ignore them.
  std::string code;          ///< 项目编码 (printed as 编码-名称)
  std::string content;       ///< 项目实施内容及过程概述
  std::string conclusion;    ///< 评价结论
  std::string problems;      ///< 存在问题
  std::string improvements;  ///< 改进措施
  std::string project_lead;  ///< 项目负责人
  std::string finance_lead;  ///< 财务负责人
  Loc content_loc;
  Loc conclusion_loc;
  Loc problems_loc;
  Loc improvements_loc;
  std::vector<Indicator> indicators;
  Loc indicators_loc;
  bool indicators_given = false;  ///< the file has an `indicators` key
  ProjectGoals goals;             ///< goal-form keys (engine/goals.h)
};

}  // namespace jx
