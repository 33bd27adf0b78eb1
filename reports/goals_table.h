// The 项目支出绩效目标申报表 (财预〔2015〕88号 lineage; layout as recorded in
// ../shared/docs/lifecycle.md §1.1) as a worksheet, and its content as JSON.
//
// Sheet: title and year; 项目名称; 主管部门 / 实施单位; 项目属性 / 项目期;
// 项目资金（万元） with rows 中期资金 / 年度资金 and columns 资金总额 /
// 财政拨款 / 其他资金 (资金总额 a live formula, =财政拨款+其他资金, cached
// with the engine's exact sum); 总体目标 中期 / 年度; 绩效指标: 一级 / 二级 /
// 三级 / 中期指标值 / 年度指标值 / 取值依据, 一级 and 二级 merged. The 指标值
// shows the 计算符号 and 计量单位 given as keys when the text lacks them
// (shown_goal_target). Below the frame, without borders: the signature
// line. Printing as the 自评表: A4 landscape, one page wide, the column
// heads repeated, the title and project in the running head, row heights
// from the measured text.
//
// REQUIRES (both writers): the goal checks found no errors (the request
// adds up, every leaf has a target).
#pragma once

#include <string>
#include <vector>

#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Adds one sheet (named after the project) holding the 申报表.
void write_goals_table(xlsx::Workbook& wb, const Project& project);

/// Adds one sheet (named after the department) holding the
/// 部门整体支出绩效目标申报表: title and year, 部门（单位）名称; 年度主要任务
/// (任务名称 / 主要内容 / 预算申请（万元） 总额, 财政拨款, 其他资金, each 总额 a
/// live formula, and a 金额合计 row of SUM formulas); 年度总体目标; 年度绩效指标
/// (一级 / 二级 / 三级 / 指标值 / 取值依据; a computed leaf shows 按公式计算).
/// Printed as the project form.
void write_department_goals_table(xlsx::Workbook& wb, const Department& department);

/// The 指标值 as the form prints it: the target, with the `operator:` key put
/// in front when the text has no comparator, and the `unit:` key after a
/// bare number.
std::string shown_goal_target(const Indicator& leaf);

/// `goals --json`: one object per file, {file, kind, name, year, department,
/// unit, attribute, period, goals {mid_term, annual}, request {mid_term,
/// annual: {total, appropriation, other} or null}, indicators [{path,
/// mid_target, target, shown, operator, unit, basis}], valid, errors,
/// warnings [{file, line, col, code, message, hint}]}. `project` null: a
/// file that could not be read (identity null, no indicators).
struct GoalsFile {
  std::string file;
  const Project* project = nullptr;
  Diagnostics diagnostics;
  /// A department's goal form instead of a project's: kind "department",
  /// name, year, tasks [{name, content, total, appropriation, other}],
  /// goals {annual}, indicators and the diagnostics as above.
  const Department* department = nullptr;
};
std::string goals_json(const std::vector<GoalsFile>& files);

}  // namespace jx::reports
