// The layout of a provincial self-evaluation form, as data: the Sichuan
// 部门预算项目支出绩效自评表（510000_0013zp） is described by the `form:`
// section of indicators/rules/sichuan2023.yaml (labels, fund rows and the
// sources each one adds up, column widths). A rule set without `form:`
// writes the 财预〔2020〕10号 附件1 table.
//
// Contract: plain data checked by the loader (engine/load/form_loader.h):
// every label present, 7 budget columns, 10 indicator columns, 11 widths,
// the first fund row is `total` (the scored row) and every source is one of
// kFundSources.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"

namespace jx {

/// The `funds` keys a form's fund row may add up.
inline constexpr std::array<std::string_view, 6> kFundSources{"total",   "appropriation", "carryover",
                                                              "special", "unit_funds",    "other"};

struct FormLayout {
  std::string id;              ///< 510000_0013zp
  std::string title;           ///< 部门预算项目支出绩效自评表（{year}年度）: {year} is replaced
  std::vector<double> widths;  ///< 11 column widths (characters)

  struct Labels {
    std::string project;         ///< 项目名称
    std::string department;      ///< 主管部门
    std::string unit;            ///< 实施单位（盖章）
    std::string basics;          ///< 项目基本情况
    std::string goals;           ///< 1.项目年度目标完成情况
    std::string goal_expected;   ///< 项目年度目标
    std::string goal_achieved;   ///< 年度目标完成情况
    std::string content;         ///< 2.项目实施内容及过程概述
    std::string budget;          ///< 预算执行情况（10分）
    std::string budget_rows;     ///< 年度预算数（万元）: heads the fund row labels
    std::string indicators;      ///< 绩效指标（90分）
    std::string total;           ///< 合计
    std::string grade;           ///< 自评等级
    std::string declared;        ///< 单位自报总分
    std::string conclusion;      ///< 评价结论
    std::string problems;        ///< 存在问题
    std::string improvements;    ///< 改进措施
    std::string project_lead;    ///< 项目负责人
    std::string finance_lead;    ///< 财务负责人
    std::string qualitative;     ///< 定性 (指标性质 of a qualitative target)
    std::string not_shown;       ///< "/" where the form prints no figure
    std::string not_applicable;  ///< 不适用
  } labels;

  /// 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因
  std::vector<std::string> budget_columns;
  /// 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析
  std::vector<std::string> indicator_columns;

  struct FundRowSpec {
    std::string label;                 ///< 总额, 其中：财政资金 …
    std::vector<std::string> sources;  ///< `funds` keys added up (kFundSources)
  };
  std::vector<FundRowSpec> fund_rows;  ///< the first is `total`, the scored row
};

/// The sum of a fund row's sources. `total` is the project's 年度资金总额 as
/// scored (given, or the sum of its parts), passed in because the file may
/// leave it out. Absent sources count 0.
FundRow form_fund_row(const FormLayout::FundRowSpec& spec, const Funds& funds, const FundRow& total);

}  // namespace jx
