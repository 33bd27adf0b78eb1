// The 项目支出绩效目标执行监控表 (绩效运行监控, lifecycle.md §2.2) of one
// snapshot as a worksheet:
// title and year; 项目名称; 主管部门 / 实施单位; 项目资金（万元）: 年初预算数 /
// 全年预算数 / 1-M月执行数 / 1-M月执行率 / 全年预计执行数 / 序时进度 / 执行进度
// (v) / 预警, rows 年度资金总额 and the sources (execution is monitored on
// the total only); 年度总体目标 (全年目标; 1-M月执行情况 is left for the
// officer to write: the file has no key for it); the indicator grid 一级 /
// 二级 / 三级 / 年度指标值 / 1-M月执行情况 / 全年预计完成情况 / 偏差原因分析
// (经费保障 | 制度保障 | 人员保障 | 硬件条件保障 | 其他, ticked √) / 完成目标可能性
// / 进度 v / 预警 / 备注; the project's light; a 说明 of the bands (from the
// rule set) below the frame.
//
// Lights are coloured cells holding their word (绿灯 …), so the form reads
// the same printed in black and white. 执行率, 序时进度 and the budget's v are
// live formulas whose cached results are the engine's values (v rounded as
// the rule set says); an indicator's v is the engine's number (its value is
// text such as “3个”).
//
// Printing: A4 landscape one page wide, the title and project in the running
// head, the two indicator header rows repeated on every page; row heights
// from the measured text.
#pragma once

#include "engine/lights.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Adds one sheet (named after the project) holding the form for `outcome.month`.
/// REQUIRES: the outcome has no errors.
void write_monitor_table(xlsx::Workbook& wb, const Project& project, const MonitorOutcome& outcome,
                         const RuleSet& rules);

/// The fill colour (0xRRGGBB, light tints so the word stays legible) of a light.
std::uint32_t light_fill(Light light);

}  // namespace jx::reports
