// Scoring a department as a whole (部门整体支出绩效自评): the budget row and
// the indicator tree as for a project (score_evaluation), with leaves that
// may be computed from the facts by a formula and a scorer, or aggregate the
// attached projects' self-scores; the declared cross-checks (勾稽关系); the
// chart data. Pure: the attached projects arrive already scored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/department.h"
#include "engine/rules.h"
#include "engine/score.h"
#include "engine/scorer.h"

namespace jx {

/// An attached project's result, as the department needs it.
struct ProjectSummary {
  std::string file;
  std::string name;
  Decimal total;
  Decimal budget;  ///< 全年预算数 (weights the budget-weighted mean)
  std::string grade;
};

struct CheckResult {
  std::string name;
  std::string left;
  std::string right;
  Decimal left_value;
  Decimal right_value;
  bool evaluated = false;  ///< false when a side could not be computed (an error was reported)
  bool ok = false;
  Loc loc;
};

struct FactValue {
  std::string name;
  std::optional<Decimal> value;
  std::optional<Decimal> prior;
  std::string unit;
  std::string formula;  ///< empty for a plain figure
  std::string source;
};

struct ChartData {
  std::string title;
  ChartSpec::Type type = ChartSpec::Type::Column;
  bool prior = false;
  std::vector<std::string> labels;
  std::vector<Decimal> values;
  std::vector<Decimal> prior_values;
};

struct DepartmentScore {
  ProjectScore core;  ///< budget, tree, leaves, total, grade, diagnostics
  ProjectsAggregate projects;
  std::vector<ProjectSummary> project_list;
  std::vector<CheckResult> checks;
  std::vector<FactValue> facts;
  std::vector<ChartData> charts;
};

DepartmentScore score_department(const Department& d, const RuleSet& rules,
                                 const std::vector<ProjectSummary>& projects);

}  // namespace jx
