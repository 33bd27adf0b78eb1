// The department-wide self-evaluation (部门整体支出绩效自评) as written:
// header, funds, a block of named facts from the 决算 (万元 unless a unit is
// given, with the prior year's figure where the report compares years), the
// project files it attaches, an indicator tree whose leaves may be computed
// from the facts, declared cross-checks and charts. Plain data with source
// positions; built by engine/load/department_loader.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/model.h"

namespace jx {

struct Fact {
  std::string name;
  Loc loc;
  std::optional<Decimal> value;
  std::optional<Decimal> prior;        ///< the prior year's figure
  std::optional<std::string> formula;  ///< a computed fact
  Loc formula_loc;
  std::string unit = "万元";
  std::string source;  ///< where in the report the figure stands
};

/// 勾稽关系: left and right must agree within the tolerance (万元).
struct CrossCheck {
  std::string name;
  Loc loc;
  std::string left;
  Loc left_loc;
  std::string right;
  Loc right_loc;
  Decimal tolerance{Decimal::from_raw(10'000)};  ///< 0.01
};

/// A figure written twice: a fact and a cell of `funds` that must agree
/// (within 0.01 万元). Which facts match which cells is data in the file
/// (`same_figures`, shipped in the templates).
struct SameFigure {
  std::string fact;   ///< a fact name, e.g. 年初预算数
  std::string funds;  ///< row.column, e.g. total.initial
  Loc loc;
};

struct ChartSpec {
  enum class Type { Pie, Column, Bar };
  std::string title;
  Type type = Type::Column;
  std::vector<std::string> facts;
  Loc facts_loc;
  bool prior = false;  ///< this year vs the prior year
  Loc loc;
};

struct ProjectRef {
  std::string path;  ///< relative to the department file
  Loc loc;
};

struct Department {
  int year = 0;
  std::string rules;
  Loc rules_loc;
  std::string name;  ///< 部门（单位）名称
  Loc name_loc;
  std::optional<Decimal> declared_score;
  Loc declared_loc;
  Funds funds;
  std::string goal_expected;
  std::string goal_achieved;
  Loc goal_expected_loc;
  Loc goal_achieved_loc;
  std::vector<Fact> facts;
  std::vector<ProjectRef> projects;
  std::vector<Indicator> indicators;
  Loc indicators_loc;
  bool indicators_given = false;
  std::vector<CrossCheck> checks;
  std::vector<ChartSpec> charts;
  std::vector<SameFigure> same_figures;
  // The goal form (部门整体支出绩效目标申报表, engine/goals.h): 年度主要任务.
  std::vector<DepartmentTask> tasks;
  Loc tasks_loc;
};

}  // namespace jx
