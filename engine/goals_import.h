// Reading back a 项目支出绩效目标申报表 written by `jixiao goals`
// (reports/goals_table.h) from its cell grid, for `score --approved
// 申报表.xlsx`: the approved annual target of every 三级指标. Pure.
//
// The table is found by its column heads (一级指标, 二级指标, 三级指标,
// 年度指标值 on one row); rows below it are read until the first row where
// all four columns are empty. Merged 一级 / 二级 cells give their value to
// every row they cover. Rows without a 三级 name (an empty 二级 kept in the
// form) are skipped.
#pragma once

#include <optional>
#include <vector>

#include "engine/approved_check.h"
#include "engine/grid.h"

namespace jx {

/// The approved targets of the first goal table in `grid`; nullopt when the
/// sheet has none.
std::optional<std::vector<ApprovedTarget>> approved_from_grid(const Grid& grid);

}  // namespace jx
