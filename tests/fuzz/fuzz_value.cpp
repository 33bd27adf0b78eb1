// Fuzz target: the value parser (targets and actuals as officers type them),
// exact decimals, and the text helpers they rely on. Checks the parser's
// properties, not only the absence of crashes:
// - amounts stay within Decimal's range and ranges are ordered;
// - a formatted number reads back as itself (bare, and with a unit, 万 and %);
// - nothing that is not a date pattern reads as a date: a Date or Deadline
//   has 年 or 月 in it, or is YYYY-M(-D), YYYY/M(/D), YYYY.M.D — and
//   YYYY.M only before 前 or against a deadline target;
// - against a quantity target a bare number is never a date and takes the
//   target's unit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>

#include "engine/decimal.h"
#include "engine/load/yaml_reader.h"
#include "engine/text.h"
#include "engine/value.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

bool in_range(jx::Decimal d) {
  const jx::Decimal limit(jx::Decimal::kMaxMagnitude);
  return d <= limit && d >= jx::Decimal(0) - limit;
}

// The folded text as the parser sees it: full-width forms folded, spaces gone.
std::string folded(std::string_view text) {
  std::u32string out;
  for (char32_t c : jx::fold_width(jx::utf8_decode(text))) {
    if (c != U' ' && c != U'\t' && c != U'\r' && c != U'\n') out.push_back(c);
  }
  return jx::utf8_encode(out);
}

// An independent statement of the date grammar (value.h): `loose` allows YYYY.M.
bool date_pattern(const std::string& s, bool loose) {
  if (s.find("年") != std::string::npos || s.find("月") != std::string::npos) return true;
  static const std::regex strict(
      R"(^[0-9]{4}([-/][0-9]{1,2}([-/][0-9]{1,2})?|\.[0-9]{1,2}\.[0-9]{1,2})(前|之前|以前)?$)");
  static const std::regex dot_before(R"(^[0-9]{4}\.[0-9]{1,2}(前|之前|以前)$)");
  static const std::regex dot(R"(^[0-9]{4}\.[0-9]{1,2}$)");
  return std::regex_match(s, strict) || std::regex_match(s, dot_before) || (loose && std::regex_match(s, dot));
}

bool is_date(const jx::Value& v) {
  return v.kind == jx::Value::Kind::Date || v.kind == jx::Value::Kind::Deadline;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The engine only ever sees valid UTF-8 (parse_yaml rejects the rest), but
  // the value parser must not misbehave on anything.
  const jx::Value v = jx::parse_value(text);
  require(in_range(v.amount) && in_range(v.high));
  if (v.kind == jx::Value::Kind::Range) require(v.amount <= v.high);
  (void)jx::is_malformed_number(text);
  (void)jx::op_symbol(v.op);
  (void)jx::unit_label(v.unit);
  (void)jx::units_compatible(v.unit, "%");
  if (v.kind == jx::Value::Kind::Deadline || v.kind == jx::Value::Kind::Date) {
    (void)jx::compare_dates(v.date, jx::DateSpec{2022, 12, 31}, 2022);
  }
  const bool utf8 = jx::first_invalid_utf8(text) == std::string_view::npos;
  if (utf8 && size < 256) {
    const std::string f = folded(text);
    if (is_date(v)) require(date_pattern(f, false));
    // Against a quantity target: never a loose date; a bare number takes 万元.
    static const jx::Value quantity = jx::parse_value("≥592万元");
    static const jx::TimeWords words{{"已完成", "达成"}, {"逾期"}};
    const jx::Value a = jx::parse_actual(text, quantity, words);
    require(in_range(a.amount));
    if (is_date(a)) require(date_pattern(f, false));
    if (a.kind == jx::Value::Kind::Number && v.kind == jx::Value::Kind::Number && v.unit.empty() &&
        v.scale == jx::Decimal(1)) {
      require(a.unit == "元" && a.unit_from_target && a.scale == jx::Decimal(10'000));
    }
    // Against a deadline: dates may be loose, never anything else.
    static const jx::Value deadline = jx::parse_value("2022年12月31日前");
    const jx::Value d = jx::parse_actual(text, deadline, words);
    if (is_date(d)) require(date_pattern(f, true));
  }

  // Exact decimals: whatever parses prints back to the same value.
  if (auto d = jx::Decimal::parse(text)) {
    require(in_range(*d));
    require(jx::Decimal::parse(d->to_plain()) == d);
    // A formatted number reads back as itself, bare and with units.
    const jx::Value bare = jx::parse_value(d->to_plain());
    require(bare.kind == jx::Value::Kind::Number && bare.amount == *d && bare.unit.empty());
    const jx::Value pct = jx::parse_value("≥" + d->to_plain() + "%");
    require(pct.kind == jx::Value::Kind::Number && pct.amount == *d && pct.unit == "%" && pct.op == jx::Op::Ge);
    if (const auto scaled = jx::checked_mul(*d, jx::Decimal(10'000))) {
      const jx::Value wan = jx::parse_value(d->to_plain() + "万元");
      require(wan.kind == jx::Value::Kind::Number && wan.amount == *scaled && wan.unit == "元");
    }
    (void)d->to_string(2);
    (void)d->rounded(2, jx::Rounding::Truncate);
    (void)jx::percent_text(*d);
  }
  if (auto d = jx::load::parse_number_text(text)) require(in_range(*d));

  // Text helpers on the same bytes (bounded: edit_distance is quadratic).
  (void)jx::trim(text);
  (void)jx::display_width(text);
  (void)jx::fold_width(jx::utf8_decode(text));
  if (jx::first_invalid_utf8(text) == std::string_view::npos) {
    require(jx::utf8_encode(jx::utf8_decode(text)) == text);
  }
  const std::string_view half = text.substr(0, std::min<std::size_t>(size / 2, 512));
  (void)jx::edit_distance(half, text.substr(half.size(), 512));
  return 0;
}
