// The Sichuan 部门预算项目支出绩效自评表（510000_0013zp） as a worksheet,
// laid out from the rule set's `form:` data (engine/form_layout.h):
// title with the year; 项目名称 (编码-名称); 主管部门 / 实施单位（盖章）;
// 项目基本情况 (年度目标 / 完成情况, 实施内容及过程概述); 预算执行情况（10分）
// (年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 / 原因, one
// row per form fund row, "/" where the form prints no figure); 绩效指标（90分）
// (一级 / 二级 / 三级 / 指标性质 / 指标值 / 度量单位 / 完成值 / 权重 / 得分 /
// 未完成原因分析, 一级 and 二级 merged); 合计; 评价结论 / 存在问题 / 改进措施;
// 项目负责人 / 财务负责人.
//
// 预算执行率, the budget score and 合计 are live formulas whose cached values
// are the engine's, so a spreadsheet that recalculates shows the same numbers.
// Printed on A4, one page wide, the indicator header repeated and the title
// with the project name in the page header of every page; the writer places
// the page breaks (xlsx::Pager) so that no block is cut from its header, and
// a label merged down the rows of a group split across pages (项目基本情况,
// 绩效指标, 一级, 二级) is merged again, with its text, on each page.
#pragma once

#include "engine/form_layout.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Adds one sheet (named after the project) holding the form.
void write_sichuan_table(xlsx::Workbook& wb, const Project& project, const ProjectScore& score, const RuleSet& rules,
                         const FormLayout& form);

}  // namespace jx::reports
