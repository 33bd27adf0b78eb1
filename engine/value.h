// Parsing the target (年度指标值) and actual (实际完成值) strings that
// officers write, e.g. "≥5个", "大于等于10157.6平方米", "90%-100%",
// "6.47亿元", "2022年12月31日前", "按时完成".
//
// Contract:
// - Pure: text in, value out. Full-width digits and signs are folded first.
// - Quantities are held in their *base unit*: a leading 万 or 亿 is a
//   multiplier (1.33万人次 = 13300 人次, 89.66万元 = 896600 元), "百分比" and
//   "％" are "%". Two values are comparable when their base units are equal
//   or one of them has no unit (a bare "50" against "≥40人").
// - Anything that is neither a number, a range nor a deadline is
//   Qualitative; it needs a grade before it can be scored.
// - A comparator before an actual ("≥266米") means "at least that much was
//   achieved": the value is 266 and `op` records the comparator.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/decimal.h"

namespace jx {

/// Comparator of a target. None is a bare number ("100%").
enum class Op { None, Ge, Gt, Le, Lt, Eq };

/// A calendar point used by 时效 indicators. month/day 0 = unknown;
/// day 0 with a month means "the end of that month"; month 0 and day 0
/// with a year means "the end of that year".
struct DateSpec {
  int year = 0;  ///< 0 = not written; the file's `year` applies
  int month = 0;
  int day = 0;
};

struct Value {
  enum class Kind {
    Empty,        ///< nothing written
    Number,       ///< op + amount (+ unit)
    Range,        ///< amount .. high (+ unit), e.g. 90%-100%, 3～5场
    Deadline,     ///< a target "…前": `date` is the latest allowed day
    Date,         ///< an actual date "2022年11月30日"
    OnTime,       ///< an actual "按时完成", "提前完成", "已完成"…
    Late,         ///< an actual "未按时完成", "逾期", "延期"…
    Qualitative,  ///< free text, needs a grade
  };
  Kind kind = Kind::Empty;
  Op op = Op::None;
  Decimal amount;            ///< in the base unit
  Decimal high;              ///< Range only
  std::string unit;          ///< base unit after folding ("人次", "元", "%", "" = none)
  DateSpec date;             ///< Deadline / Date
  bool approximate = false;  ///< "约400人次", "6500余人"
};

/// Parses one cell of text. Never fails: unknown text is Qualitative.
/// Numbers above Decimal::kMaxMagnitude or with more than 6 decimals are
/// Qualitative too, and the caller reports them (see is_malformed_number).
Value parse_value(std::string_view text);

/// True when the text looks like a number the parser refused (too large, too
/// many decimals, "≥**人"): the caller reports an error instead of asking
/// for a grade.
bool is_malformed_number(std::string_view text);

/// The canonical text of a comparator: "≥", "＞"… ("" for None).
std::string_view op_symbol(Op op);

/// A short Chinese description of a base unit for messages: "" → "（无单位）".
std::string unit_label(std::string_view unit);

/// Whether two base units can be compared (equal, or one is empty).
bool units_compatible(std::string_view a, std::string_view b);

/// Compares two DateSpecs, filling a missing year with `default_year` and a
/// missing day/month with the end of the month/year. <0, 0, >0.
int compare_dates(const DateSpec& a, const DateSpec& b, int default_year);

}  // namespace jx
