// Fuzz target: the value parser (targets and actuals as officers type them),
// exact decimals, and the text helpers they rely on. Checks the parser's
// invariants: amounts stay within Decimal's range and ranges are ordered.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
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

  // Exact decimals: whatever parses prints back to the same value.
  if (auto d = jx::Decimal::parse(text)) {
    require(in_range(*d));
    require(jx::Decimal::parse(d->to_plain()) == d);
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
