// A figure given twice: a department fact (年初预算数, 支出合计 …) and the
// same figure in `funds`. Which fact matches which funds cell is data
// (the department file's `same_figures`, as the templates ship it):
//   same_figures: {年初预算数: total.initial, 支出合计: total.executed}
// Rows: total (when absent, the sum of appropriation, carryover and other),
// appropriation, carryover, other, basic, project; columns: initial,
// budget, executed. A difference beyond 0.01 万元 is a warning naming both
// places (the fact's line and the funds row's line). A fact in 元 is
// converted; a fact that is not in `facts`, or a funds row the file does not
// give, has nothing to compare and is skipped. Pure.
#pragma once

#include <optional>
#include <string>

#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/facts.h"

namespace jx {

/// The funds cell a `row.column` path names (nullopt when the path is not
/// one); `loc` receives the row's position.
std::optional<Decimal> funds_cell(const Funds& funds, const std::string& path, Loc* loc = nullptr);

/// Whether `path` is a valid `row.column` of funds.
bool is_funds_path(const std::string& path);

void check_same_figures(const Department& d, FactTable& table, Diagnostics& diags);

}  // namespace jx
