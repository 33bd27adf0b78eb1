// Checks across the year (score --approved): every annual target of the
// self-evaluation against the target approved in spring (the 绩效目标申报表),
// through the approved changes recorded in `adjustments:`. Pure.
//
// For each indicator the approved target is followed through its
// adjustments in file order: each adjustment's `from` must be the target in
// force at that point (else adjustment-from-mismatch), and its `to` becomes
// the target in force. The self-evaluation's target must then be the one in
// force:
//   target-changed            warning  differs from the approved target, no adjustment recorded
//   adjustment-to-mismatch    warning  differs from the last adjustment's `to`
//   adjustment-from-mismatch  warning  an adjustment's `from` is not the target in force
//   indicator-added           warning  not in the approved form, no adjustment (without `from`)
//   indicator-removed         warning  approved, missing now, no adjustment (without `to`)
//   adjustment-unknown        warning  an adjustment names an indicator found in neither
// Targets are the same when their texts agree after folding full-width forms
// and spaces, or when both read as the same quantity (≥5个 = 不少于5个).
// Indicators match by path (一级/二级/三级), else by a 三级 name unique in
// both; an adjustment names the 三级 name or the path joined with "/".
#pragma once

#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/model.h"

namespace jx {

/// One approved indicator: its path and annual target (指标值) as written.
struct ApprovedTarget {
  std::vector<std::string> path;
  std::string target;
};

/// The approved targets of a project's leaves, in tree order.
std::vector<ApprovedTarget> approved_targets(const Project& approved);

/// Compares `current` (with its adjustments) with `approved`; every finding is a warning.
Diagnostics check_against_approved(const Project& current, const std::vector<ApprovedTarget>& approved);

/// Whether two targets say the same (see above).
bool same_target(std::string_view a, std::string_view b);

}  // namespace jx
