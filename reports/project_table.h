// The 项目支出绩效自评表 of 财预〔2020〕10号 附件1 as a worksheet:
// title and year; 项目名称; 主管部门 / 实施单位; the 项目资金（万元） block
// (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, four rows);
// 年度总体目标 预期 / 实际; the 绩效指标 block (一级 / 二级 / 三级 / 年度指标值
// / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施) with merged 一级 and
// 二级 cells and a 小计 row per 一级; 总分 with the grade. Below the frame,
// after a blank row and without borders (附件1 does not have them): the
// declared total with its difference, and a 说明 of how it was computed.
//
// Printing: A4 landscape one page wide; the title and the project's name in
// the running head of every page; the column heads of the indicator block
// repeated; row heights from the measured text (xlsx::text_lines); page
// breaks placed by 一级 group, and a group split across pages repeats its
// 一级 / 二级 labels on each page.
//
// Values come from the engine; 执行率, the budget score, 小计 and 总分 are
// live formulas whose cached results are the engine's values, so a
// spreadsheet that recalculates shows the same numbers.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Adds one sheet (named after the project) holding the table.
void write_project_table(xlsx::Workbook& wb, const Project& project, const ProjectScore& score, const RuleSet& rules);

/// What differs between the project table and the department table above the funds block.
struct TableHeader {
  std::string sheet;  ///< wanted sheet name (made safe)
  std::string title;  ///< 项目支出绩效自评表 / 部门整体支出绩效自评表
  std::string name_line;  ///< printed in the running head of every page: 项目名称：… / 部门（单位）名称：…
  int year = 0;
  /// Header rows: one (label, value) pair spans the width, two share it.
  std::vector<std::vector<std::pair<std::string, std::string>>> rows;
  std::string funds_label;  ///< 项目资金（万元） / 部门资金（万元）
  std::string goal_expected;
  std::string goal_achieved;
  std::optional<Decimal> declared;  ///< shown beside the computed total
};

/// The shared writer behind both tables.
void write_self_evaluation(xlsx::Workbook& wb, const TableHeader& header, const ProjectScore& score,
                           const RuleSet& rules);

}  // namespace jx::reports
