#include "engine/unit_slip.h"

#include <array>

#include "engine/value.h"

namespace jx {
namespace {

const Decimal kLow = Decimal::from_raw(10'000);       // 1 %
const Decimal kHigh = Decimal(10);                    // 1 000 %
const Decimal kNearLow = Decimal::from_raw(500'000);  // a reading is sensible within [50 %, 200 %]
const Decimal kNearHigh = Decimal(2);

// |log(r)| ordering without logs: the distance of r from 1 as max(r, 1/r).
Decimal spread(Decimal r) {
  if (r >= Decimal(1)) return r;
  return div(Decimal(1), r);
}

std::string slip_words(std::string_view unit, std::int64_t factor) {
  const bool money = unit.substr(0, 3) == "元";
  if (unit == "%" && factor == 100) return "比例与百分数混用（如 0.95 与 95%）";
  if (money && factor == 10'000) return "元与万元混用";
  if (money && factor == 100'000'000) return "元与亿元混用";
  if (money && factor == 100) return "金额数量级相差 100 倍（如小数点错位）";
  if (factor == 10'000) return "“万”的单位混用（如 1.2 与 1.2万）";
  if (factor == 100'000'000) return "“亿”的单位混用";
  return "数量级相差 100 倍（如百分数与比例、小数点错位）";
}

}  // namespace

std::optional<UnitSlip> detect_unit_slip(Decimal actual, Decimal target, std::string_view unit, Decimal target_scale) {
  if (actual <= Decimal(0) || target <= Decimal(0)) return std::nullopt;
  // Ratios beyond Decimal's range are implausible by any measure.
  const Decimal limit(Decimal::kMaxMagnitude / 1'000'000);
  std::optional<Decimal> ratio = checked_div(actual, target);
  if (!ratio || *ratio > limit) ratio = limit;
  UnitSlip s;
  s.ratio = *ratio;
  const bool implausible = s.ratio < kLow || s.ratio > kHigh;

  // Candidate readings: the actual × or ÷ each factor.
  Decimal best_spread;
  // A factor of 100 is a slip of per cent (0.95 vs 95 %) or of money (a
  // misplaced point in 万元); for counts ("150个" against "≥1个") it is no
  // reading anyone meant.
  const bool money = unit.substr(0, 3) == "元";
  for (std::int64_t f : std::array<std::int64_t, 3>{100, 10'000, 100'000'000}) {
    if (f == 100 && unit != "%" && !money) continue;
    for (bool divide : {true, false}) {
      std::optional<Decimal> reading = divide ? checked_div(actual, Decimal(f)) : checked_mul(actual, Decimal(f));
      if (!reading || reading->is_zero()) continue;
      const std::optional<Decimal> r = checked_div(*reading, target);
      if (!r || *r < kNearLow || *r > kNearHigh) continue;
      const Decimal sp = spread(*r);
      if (s.has_reading && sp >= best_spread) continue;
      s.has_reading = true;
      best_spread = sp;
      s.divide = divide;
      s.factor = f;
      s.reading = *reading;
      s.reading_ratio = *r;
    }
  }
  if (!implausible && !s.has_reading) return std::nullopt;
  if (s.has_reading) {
    s.what = slip_words(unit, s.factor);
    const Decimal shown = mul_div(s.reading, Decimal(1), target_scale);
    s.reading_text = shown.to_plain() + written_unit(unit, target_scale);
  } else {
    s.what = "完成率超出常理（低于 1% 或高于 1000%）";
  }
  return s;
}

}  // namespace jx
