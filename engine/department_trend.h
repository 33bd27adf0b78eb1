// A department's score over the years, as `jixiao history`, its JSON
// (`--json --aggregates`) and the 历年 page show it: for each department and
// year, the budget-weighted mean of its projects' totals (MeanAccumulator::
// weighted: Σ total × budget / Σ budget, 2 dp half-up; the plain mean when
// every budget is 0). Department-wide evaluations (部门整体支出) are not
// projects and are left out. Pure: records in, aggregates out.
//
// Order: departments in the order their first record was added (the
// callers add History::trend's records, ordered by department), years
// ascending within a department.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/summary.h"

namespace jx {

struct DepartmentYear {
  std::string department;
  int year = 0;
  Decimal weighted_mean;          ///< score points, 2 dp
  int projects = 0;               ///< projects averaged that year
  std::optional<Decimal> change;  ///< against the department's mean of year − 1, when there is one
};

class DepartmentTrend {
 public:
  /// One stored record: a project's total and its 全年预算数 (万元).
  /// Department-wide records are ignored.
  void add(const std::string& department, int year, Decimal total, Decimal budget, bool department_wide);
  [[nodiscard]] std::vector<DepartmentYear> years() const;

 private:
  std::vector<std::string> order_;  ///< departments by first record
  std::map<std::string, std::map<int, MeanAccumulator>> means_;
};

}  // namespace jx
