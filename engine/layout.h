// The labels by which `import` and `review` recognise a filled-in 自评表:
// plain data read from indicators/layouts/*.yaml (engine/load/layout_loader),
// one file per form (mof2020, sichuan …), merged into one Layout so that a
// table in any known form is recognised. A new province's column names are
// a data edit: a new file (or a new label in a list), not a code change.
//
// How a label list is matched (text is compared with full-width forms folded
// and every space removed; see engine/table_import.cpp):
// - "label"    the cell is the label, or the label followed by "(" or ":"
//              ("年度指标值(A)", "实施单位（盖章）");
// - "prefix"   the cell starts with the label ("偏差原因分析及改进措施");
// - "contains" the cell contains the label ("其中：当年财政拨款");
// - "exact"    the cell is exactly the text (blank marks, placeholders).
// Each member below names its mode.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jx {

using Labels = std::vector<std::string>;

struct Layout {
  Labels ids;  ///< the layouts merged here ("mof2020", "sichuan"), in load order

  // The table as a whole.
  Labels title;         ///< the form's title; names the form for readers (recognition is by the headers below)
  Labels indicator_l3;  ///< label: the 三级指标 header that marks a 自评表
  Labels not_project;   ///< contains, above the indicator header: another table (部门整体)

  // Header fields: the text right of the label.
  Labels project;        ///< label: 项目名称
  Labels department;     ///< label: 主管部门
  Labels unit;           ///< label: 实施单位
  Labels goal_expected;  ///< label: 年度目标 (the cell below, else to the right)
  Labels goal_achieved;  ///< label: 实际完成情况
  Labels content;        ///< label: 项目实施内容及过程概述 (read, kept as text)

  // The funds block, found by its budget column header.
  Labels funds_budget;         ///< label: 全年预算数 / 调整后预算数
  Labels funds_initial;        ///< label: 年初预算数
  Labels funds_executed;       ///< label: 全年执行数 / 预算执行数
  Labels funds_weight;         ///< label: 分值 / 权重
  Labels funds_score;          ///< label: 得分
  Labels funds_reason;         ///< label: 原因
  Labels funds_yuan;           ///< contains, near the header: amounts are in 元
  Labels funds_wan;            ///< contains, near the header: amounts are in 万元 (wins over 元)
  Labels funds_total;          ///< contains: 年度资金总额 / 总额
  Labels funds_appropriation;  ///< contains: 当年财政拨款 / 财政资金
  Labels funds_carryover;      ///< contains: 上年结转资金
  Labels funds_special;        ///< contains: 财政专户管理资金 (funds.special)
  Labels funds_unit;           ///< contains: 单位资金 (funds.unit_funds)
  Labels funds_other;          ///< contains: 其他资金, 自筹, 地方资金 (added up)
  Labels funds_end;            ///< contains: a label that ends the funds block

  // The indicator block: header columns.
  Labels col_l1;      ///< label: 一级指标
  Labels col_l2;      ///< label: 二级指标
  Labels col_op;      ///< label: 指标性质 (a comparator column)
  Labels col_target;  ///< label: 年度指标值 / 指标值
  Labels col_unit;    ///< label: 度量单位
  Labels col_actual;  ///< label: 实际完成值 / 完成值
  Labels col_weight;  ///< label: 分值 / 权重
  Labels col_score;   ///< label: 得分
  Labels col_note;    ///< prefix: 偏差原因… / 未完成原因分析

  // The indicator block: cell values and rows.
  Labels op_not_comparator;  ///< exact: 指标性质 values that are no comparator (定性, 正向, 反向)
  Labels unit_percent;       ///< exact: 度量单位 values meaning % (百分比)
  Labels row_total;          ///< prefix: the 总分 / 合计 row
  Labels row_subtotal;       ///< prefix: a 小计 row
  Labels row_part;           ///< prefix: a 其中… sub-row (no weight: not an indicator)
  Labels grade_label;        ///< contains: the cell that prints the grade (自评等级)
  Labels not_applicable;     ///< exact: a 得分 or 分值 that marks the row not applicable (不适用)
  Labels grade_negation;     ///< contains: beside a grade word in an actual ("未能达成"), the grade is unknown

  // Text fields after the total (Sichuan): read and kept as text.
  Labels conclusion;      ///< label: 评价结论
  Labels problems;        ///< label: 存在问题
  Labels measures;        ///< label: 改进措施
  Labels leader;          ///< label: 项目负责人
  Labels finance_leader;  ///< label: 财务负责人

  // Cell values.
  Labels blank;        ///< exact: a cell that says "nothing here" (/, —)
  Labels placeholder;  ///< exact: a name or value left from a template (……)
};

/// Every label list of a Layout with its key in a layout file, in the order above.
const std::vector<std::pair<std::string_view, Labels Layout::*>>& layout_lists();

}  // namespace jx
