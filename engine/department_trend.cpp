#include "engine/department_trend.h"

namespace jx {

void DepartmentTrend::add(const std::string& department, int year, Decimal total, Decimal budget, bool department_wide) {
  if (department_wide) return;
  auto [it, inserted] = means_.try_emplace(department);
  if (inserted) order_.push_back(department);
  it->second[year].add(total, budget);
}

std::vector<DepartmentYear> DepartmentTrend::years() const {
  std::vector<DepartmentYear> out;
  for (const std::string& d : order_) {
    bool first = true;
    for (const auto& [year, m] : means_.at(d)) {
      DepartmentYear y{d, year, m.weighted(), m.count(), std::nullopt};
      // Only a stored year − 1 is "the year before": a gap has no change.
      if (!first && out.back().year == year - 1) y.change = y.weighted_mean - out.back().weighted_mean;
      out.push_back(std::move(y));
      first = false;
    }
  }
  return out;
}

}  // namespace jx
