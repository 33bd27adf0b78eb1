// A target (年度指标值) split into the three cells of the Sichuan form:
// 指标性质 | 指标值 | 度量单位, e.g. "≥1.33万人次" → ≥ | 1.33 | 万人次.
//
// Contract (pure):
// - The split is read from the engine's value parser (parse_value), never by
//   re-parsing the text: the comparator, the amount and the unit are the
//   parser's; only the unit's scale (万 / 亿) is kept as the officer wrote it.
// - 指标性质 is ≥, ≤ or = (> is scored as ≥ and < as ≤, so they print as
//   those), the direction the file sets (`direction:`) wins, a bare number is
//   ≥ — or ≤ when `ceiling` (a 成本指标 row); a deadline is ≤ with the text
//   as written in 指标值; a qualitative target is `qualitative` (定性) with the
//   text in 指标值; a range prints `blank` ("/") with lo-hi.
// - Re-joined as 指标性质 + 指标值 + 度量单位 (what `import` does) the cells
//   parse to the same kind, amount, range and unit. When they would not, the
//   whole text goes into 指标值 with `blank` as 指标性质.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jx {

struct TargetCells {
  std::string op;     ///< 指标性质
  std::string value;  ///< 指标值
  std::string unit;   ///< 度量单位
};

TargetCells split_target(std::string_view target, const std::optional<std::string>& direction, bool ceiling,
                         std::string_view qualitative, std::string_view blank);

}  // namespace jx
