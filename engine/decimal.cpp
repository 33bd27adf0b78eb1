#include "engine/decimal.h"

#include <cstdlib>

namespace jx {
namespace {

using i128 = __int128;

constexpr std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// num / den rounded to an integer with `mode`; den > 0.
i128 divide_round(i128 num, i128 den, Rounding mode) {
  const bool neg = num < 0;
  const i128 n = neg ? -num : num;
  i128 q = n / den;
  const i128 r = n % den;
  if (mode == Rounding::HalfUp && r * 2 >= den) ++q;
  return neg ? -q : q;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    ++i;
  }
  i128 whole = 0;
  int int_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxMagnitude) return std::nullopt;
    ++i;
    ++int_digits;
  }
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_digits == kScaleDigits) {
        // Extra digits are allowed only when they are zeros ("1.5000000").
        if (text[i] != '0') return std::nullopt;
      } else {
        frac = frac * 10 + (text[i] - '0');
        ++frac_digits;
      }
      ++i;
    }
  }
  if (i != text.size() || (int_digits == 0 && frac_digits == 0)) return std::nullopt;
  i128 raw = whole * kScale + frac * pow10(kScaleDigits - frac_digits);
  if (raw > static_cast<i128>(kMaxMagnitude) * kScale) return std::nullopt;
  return from_raw(static_cast<std::int64_t>(neg ? -raw : raw));
}

Decimal Decimal::rounded(int digits, Rounding mode) const {
  const std::int64_t unit = pow10(kScaleDigits - digits);
  return from_raw(static_cast<std::int64_t>(divide_round(raw_, unit, mode) * unit));
}

std::string Decimal::to_string(int digits) const {
  const std::int64_t r = rounded(digits).raw();
  const std::int64_t a = r < 0 ? -r : r;
  std::string out = r < 0 ? "-" : "";
  out += std::to_string(a / kScale);
  if (digits > 0) {
    std::string frac = std::to_string(a % kScale);
    frac.insert(0, kScaleDigits - frac.size(), '0');
    out += '.';
    out += frac.substr(0, digits);
  }
  return out;
}

std::string Decimal::to_plain() const {
  std::string s = to_string(kScaleDigits);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

Decimal operator*(Decimal a, Decimal b) {
  return Decimal::from_raw(
      static_cast<std::int64_t>(divide_round(static_cast<i128>(a.raw()) * b.raw(), Decimal::kScale, Rounding::HalfUp)));
}

Decimal mul_div(Decimal a, Decimal b, Decimal c, int digits, Rounding mode) {
  // a*b/c in millionths = a.raw*b.raw / c.raw; to `digits` decimals we divide
  // by 10^(6-digits) before rounding, and scale back up afterwards.
  const std::int64_t unit = pow10(Decimal::kScaleDigits - digits);
  i128 num = static_cast<i128>(a.raw()) * b.raw();
  i128 den = static_cast<i128>(c.raw()) * unit;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  return Decimal::from_raw(static_cast<std::int64_t>(divide_round(num, den, mode) * unit));
}

Decimal div(Decimal a, Decimal b, int digits, Rounding mode) {
  return mul_div(a, Decimal(1), b, digits, mode);
}

std::optional<Decimal> checked_div(Decimal a, Decimal b) {
  if (b.is_zero()) return std::nullopt;
  const i128 abs_a = a.raw() < 0 ? -static_cast<i128>(a.raw()) : a.raw();
  const i128 abs_b = b.raw() < 0 ? -static_cast<i128>(b.raw()) : b.raw();
  if (abs_a * Decimal::kScale > static_cast<i128>(Decimal::kMaxMagnitude) * Decimal::kScale * abs_b)
    return std::nullopt;
  return div(a, b);
}

std::optional<Decimal> checked_mul(Decimal a, Decimal b) {
  const i128 raw = divide_round(static_cast<i128>(a.raw()) * b.raw(), Decimal::kScale, Rounding::HalfUp);
  const i128 limit = static_cast<i128>(Decimal::kMaxMagnitude) * Decimal::kScale;
  if (raw > limit || raw < -limit) return std::nullopt;
  return Decimal::from_raw(static_cast<std::int64_t>(raw));
}

Decimal percent_of(Decimal fraction) {
  return mul_div(fraction, Decimal(100), Decimal(1), 2);
}

std::string percent_text(Decimal fraction) {
  return percent_of(fraction).to_string(2) + "%";
}

Decimal min(Decimal a, Decimal b) {
  return a < b ? a : b;
}
Decimal max(Decimal a, Decimal b) {
  return a < b ? b : a;
}

}  // namespace jx
