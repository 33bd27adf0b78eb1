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
// - Dates: in isolation a text is a date only when it is unmistakably one
//   ("2022年12月31日", "12月底", "2022-12-31", "2022/12/31", "2022.12.31");
//   "1225.7" and "2022.5" are numbers. An actual is read with its target in
//   hand (parse_actual): against a deadline "2022.12" is a date and the rule
//   set's completion words (已完成, 达成预期指标 …) mean on time; against a
//   quantity a bare number takes the target's unit *and written scale*
//   ("426.4" against "≥592万元" is 426.4 万元).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  Decimal amount;                 ///< in the base unit
  Decimal high;                   ///< Range only
  std::string unit;               ///< base unit after folding ("人次", "元", "%", "" = none)
  DateSpec date;                  ///< Deadline / Date
  bool approximate = false;       ///< "约400人次", "6500余人"
  Decimal scale{1};               ///< the written multiplier: 10^4 for "万元", 10^8 for "亿元", else 1
  bool unit_from_target = false;  ///< a bare actual that took its target's unit (parse_actual)
};

/// The words a deadline's actual may be instead of a date (rule-set data,
/// see RuleSet::on_time_words). "未" + an on-time word is late too.
struct TimeWords {
  std::vector<std::string> on_time;  ///< 已完成, 按期完成, 达成预期指标, 是 …
  std::vector<std::string> late;     ///< 未按时完成, 逾期, 否 …
};

/// Parses one cell of text. Never fails: unknown text is Qualitative.
/// Numbers above Decimal::kMaxMagnitude or with more than 6 decimals are
/// Qualitative too, and the caller reports them (see is_malformed_number).
Value parse_value(std::string_view text);

/// Whether a target is a 时效 target (a deadline, a date or "按时完成").
bool is_timed(const Value& target);

/// Parses an actual (实际完成值) against its parsed target:
/// - timed target: `words` first (on time / late), then dates, where a
///   year-dot-month "2022.12" is a date too;
/// - number or range target: a bare number (no unit, no 万/亿) takes the
///   target's unit and scale and is marked unit_from_target; dates only when
///   unmistakable (as parse_value);
/// - otherwise as parse_value.
Value parse_actual(std::string_view text, const Value& target, const TimeWords& words);

/// The unit as written for a base unit and a scale: ("元", 10^4) → "万元".
std::string written_unit(std::string_view base, Decimal scale);

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
