// Recognising a filled-in 项目支出绩效自评表 (财预〔2020〕10号 附件1, and the
// Sichuan 510000_0013zp layout) in a worksheet grid, by its labels rather
// than by fixed cell addresses. Pure: grid and labels in, Project and
// diagnostics out. Every label (the synonyms below included) comes from the
// Layout (indicators/layouts/*.yaml, engine/layout.h); the names here are
// examples.
//
// What it reads:
// - 项目名称 / 主管部门 / 实施单位 (the first text to the right of the label),
//   the year ("2022年度" anywhere above the funds block);
// - the funds block, found by its 全年预算数 (调整后预算数) and 全年执行数
//   (预算执行数) headers: rows 年度资金总额 (总额), 当年财政拨款 (财政资金),
//   上年结转资金, 其他资金 (财政专户管理资金 and 单位资金 are added to 其他);
//   amounts in 万元, or in 元 when the block says so (converted to 万元); the
//   分值 and 得分 of the total row are the declared budget weight and score;
// - 年度总体目标: 预期目标 / 实际完成情况 (the cell below, else to the right);
// - the indicator block, found by its 三级指标 header: columns 一级 / 二级 /
//   三级 / 年度指标值 (or 指标性质 | 指标值 | 度量单位, split targets are joined
//   into one "≥735人次") / 实际完成值 / 分值 (权重) / 得分 / 偏差原因, in any
//   order; a merged 一级 or 二级 cell applies to every row it spans and a
//   blank unmerged one inherits from the row above; "产出指标(50分)" loses
//   its "(50分)"; numbers stored as text and weights written as "10%" are
//   points; "不适用" as a score marks the row not applicable; 小计 rows,
//   blank rows, "……" placeholders and 其中… rows without a weight are
//   skipped; a 二级 with no 三级 below is kept as an empty 二级;
// - 小计 rows: each declared 小计 with the rows it covers (those since the
//   previous 小计);
// - 总分 (合计): the declared total and grade, as the unit saved the cell;
//   nothing below it is read as a score (the engine's own 单位自报总分 row
//   included);
// - the Sichuan text fields (项目实施内容及过程概述, 评价结论, 存在问题,
//   改进措施, 项目负责人, 财务负责人) into the Project's code, content, conclusion, problems, improvements and leads.
//
// Qualitative rows (a target that is not a number, range or deadline, or a
// comparator followed by words: "=较上年提高"): the grade is the one the
// actual shows (a grade word, or text containing one without a negation:
// "基本达成预期指标"); otherwise the band that contains the declared score
// (or the top band when there is none), and the row is recorded in
// `unverified`. A declared score above the weight gets the top band. A
// declared score inside the grade's band becomes the row's `score`.
//
// Positions: every Loc of the result is a cell, line = row + 1 and col =
// column + 1 (format them with format_table_diagnostic).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/grid.h"
#include "engine/layout.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

/// A 小计 row as declared, and the indicator rows it covers.
struct Subtotal {
  std::string first_level;          ///< the 一级 above it
  std::optional<Decimal> declared;  ///< its 得分
  Loc loc;                          ///< its 得分 cell
  int first_line = 0;               ///< covers the indicator rows with first_line ≤ line ≤ last_line
  int last_line = 0;
};

/// One recognised table: the project as the unit filled it in.
struct ImportedTable {
  std::string sheet;
  int first_row = 0;  ///< 0-based row where the table's region of the sheet begins (table_regions)
  Project project;  ///< declared scores in Indicator::declared_score, Funds::declared_score, Project::declared_score
  std::optional<Decimal> declared_budget_weight;  ///< 分值 of the 年度资金总额 row
  std::optional<Decimal> declared_total_weight;   ///< 分值 of the 总分 row
  std::optional<std::string> declared_grade;      ///< 优 / 良 / 中 / 差 printed beside the total
  Loc total_loc;                                  ///< the 总分 label
  std::vector<Subtotal> subtotals;                ///< declared 小计 rows, in table order
  std::map<int, std::string> unverified;     ///< line → why: qualitative rows whose grade the table does not show
  Diagnostics diagnostics;                   ///< positions are cells of `sheet`
};

/// The sheet cut into one region per table when it holds several tables one
/// below the other (several 项目名称 rows): each region but the first begins
/// at its title (a `title` label within three rows above its 项目名称), else
/// at its 项目名称 row, and ends where the next begins; the first begins at
/// row 0. Cells keep their sheet positions; Grid::first_row is the region's
/// first row. A sheet with at most one 项目名称 is returned whole.
std::vector<Grid> table_regions(const Grid& grid, const Layout& layout);

/// The labels a 自评表 needs that `grid` lacks, each by its first synonym
/// (项目名称, 三级指标, 年度指标值, 实际完成值, 分值, 得分): why a sheet was not
/// recognised. Empty when all are there.
std::vector<std::string> missing_labels(const Grid& grid, const Layout& layout);

/// Every table (table_regions of every sheet) that is a 项目支出绩效自评表, in tab order. `rules` supplies
/// the grade bands and is written as the project's `rules`; `layout` the
/// labels (every layout file merged). A workbook with no recognisable table
/// gets one error in `diags` (no position).
std::vector<ImportedTable> import_tables(const std::vector<Grid>& grids, const RuleSet& rules, const Layout& layout,
                                         Diagnostics& diags);

/// The rule-set id the engine's own table names in its note ("按规则集“…”（mof2020）计算"),
/// or "" when the sheet has none.
std::string rules_hint(const Grid& grid);

/// "FILE:SHEET!C7: 错误: message" (+ "\n  提示: hint"); "FILE:SHEET: …" when
/// the diagnostic has no cell, "FILE: …" when `sheet` is empty too.
std::string format_table_diagnostic(const std::string& file, const std::string& sheet, const Diagnostic& d);

}  // namespace jx
