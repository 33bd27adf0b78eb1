// Fuzz target: the formula language (parse + evaluate) over a fixed table of
// facts that includes zero, tiny, huge and negative values and a missing
// prior-year figure. Checks that a result stays within Decimal's range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "engine/decimal.h"
#include "engine/formula.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::map<std::string, jx::Decimal> facts{
      {"a", jx::Decimal(1)},
      {"b", jx::Decimal::from_raw(1)},                                  // 0.000001
      {"c", jx::Decimal(jx::Decimal::kMaxMagnitude)},                   // 10^12
      {"d", jx::Decimal(0) - jx::Decimal(jx::Decimal::kMaxMagnitude)},  // -10^12
      {"零", jx::Decimal(0)},
      {"收入合计", *jx::Decimal::parse("676.52")},
      {"社会保障和就业（类）支出", *jx::Decimal::parse("137.58")},
  };
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jx::FormulaError err;
  auto f = jx::Formula::parse(text, err);
  if (!f) {
    if (err.offset < 0) std::abort();
    return 0;
  }
  for (const auto& r : f->refs()) {
    if (r.offset < 0) std::abort();
  }
  auto v = f->eval(
      [](const std::string& name, bool prior) -> std::optional<jx::Decimal> {
        auto it = facts.find(name);
        if (it == facts.end() || (prior && name == "a")) return std::nullopt;
        return prior ? it->second + jx::Decimal(1) : it->second;
      },
      err);
  if (v) {
    const jx::Decimal limit(jx::Decimal::kMaxMagnitude);
    if (*v > limit || *v < jx::Decimal(0) - limit) std::abort();
    (void)v->to_string(2);
  }
  return 0;
}
