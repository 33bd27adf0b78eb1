// The department workbook: the 部门整体支出绩效自评表 (same conventions as the
// project table: funds by source and by 基本 / 项目 spending, 年度总体目标, the
// indicator block, 总分, grade; the declared total below the frame), a 勾稽检查
// sheet (every cross-check with both figures and the difference as formulas),
// a 决算数据 sheet (every fact with its source), and a 决算图表 sheet of native
// charts fed from cells. Every sheet prints with a running head (title and
// name), repeated column heads and rows as tall as their wrapped text.
#pragma once

#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/rules.h"
#include "reports/workbook.h"

namespace jx::reports {

void write_department_table(xlsx::Workbook& wb, const Department& d, const DepartmentScore& score,
                            const RuleSet& rules);
/// The 勾稽检查 sheet and, when the department has facts, the 决算数据 sheet.
void write_department_checks(xlsx::Workbook& wb, const Department& d, const DepartmentScore& score);
void write_department_charts(xlsx::Workbook& wb, const Department& d, const DepartmentScore& score);

}  // namespace jx::reports
