// Exact decimal numbers for money (万元), quantities and scores.
//
// Contract:
// - A Decimal is an integer count of millionths (scale 10^-6) held in int64.
//   Every value an officer can write with at most 6 decimals is represented
//   exactly; 89.66 is 89.66, never 89.659999….
// - Magnitude is limited to |x| <= kMaxMagnitude (10^12) so that products of
//   two values fit the 128-bit intermediate. Parsing rejects larger numbers.
// - Arithmetic that can lose digits (multiplication, division) rounds half
//   away from zero ("四舍五入") at the 6th decimal; scores use mul_div(), which
//   rounds the exact rational a*b/c once, directly to the requested digits.
// - Pure value type: no allocation except to_string(), no global state.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jx {

/// How a rule set rounds a score or a rate to its printed digits.
enum class Rounding {
  HalfUp,    ///< 四舍五入: 9.685 → 9.69 (the default of every rule set)
  Truncate,  ///< 截尾: 9.685 → 9.68 (seen in some published tables)
};

class Decimal {
 public:
  static constexpr int kScaleDigits = 6;
  static constexpr std::int64_t kScale = 1'000'000;
  static constexpr std::int64_t kMaxMagnitude = 1'000'000'000'000;  // 10^12

  constexpr Decimal() = default;
  /// An integer value, e.g. Decimal(10) for a weight of 10.
  constexpr explicit Decimal(std::int64_t whole) : raw_(whole * kScale) {}

  /// Builds from a raw count of millionths.
  static constexpr Decimal from_raw(std::int64_t raw) {
    Decimal d;
    d.raw_ = raw;
    return d;
  }

  /// Parses plain ASCII decimal text: optional sign, digits, optional '.' and
  /// at most 6 fraction digits, optional exponent is NOT accepted. Returns
  /// nullopt for anything else (empty, too many decimals, too large).
  static std::optional<Decimal> parse(std::string_view text);

  [[nodiscard]] constexpr std::int64_t raw() const { return raw_; }
  [[nodiscard]] constexpr bool is_zero() const { return raw_ == 0; }
  [[nodiscard]] constexpr bool is_negative() const { return raw_ < 0; }

  /// Rounds to `digits` decimals (0..6) with the given mode.
  [[nodiscard]] Decimal rounded(int digits, Rounding mode = Rounding::HalfUp) const;

  /// Text with exactly `digits` decimals ("89.66", "100.00"); the value is
  /// rounded half-up first when it has more digits.
  [[nodiscard]] std::string to_string(int digits) const;
  /// Shortest exact text without trailing zeros ("89.66", "5", "0.5").
  [[nodiscard]] std::string to_plain() const;

  /// Nearest double, for charts and cached cell values only; never for
  /// arithmetic.
  [[nodiscard]] double to_double() const { return static_cast<double>(raw_) / kScale; }

  friend constexpr Decimal operator+(Decimal a, Decimal b) { return from_raw(a.raw_ + b.raw_); }
  friend constexpr Decimal operator-(Decimal a, Decimal b) { return from_raw(a.raw_ - b.raw_); }
  constexpr Decimal& operator+=(Decimal b) {
    raw_ += b.raw_;
    return *this;
  }
  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;
  friend constexpr bool operator==(Decimal a, Decimal b) = default;

  /// a * b, rounded half-up at 6 decimals.
  friend Decimal operator*(Decimal a, Decimal b);

 private:
  std::int64_t raw_ = 0;
};

/// a * b / c computed exactly on 128-bit integers and rounded once to
/// `digits` decimals (0..6) with `mode`. REQUIRES: c != 0.
Decimal mul_div(Decimal a, Decimal b, Decimal c, int digits = Decimal::kScaleDigits, Rounding mode = Rounding::HalfUp);

/// A fraction as a percentage rounded to 2 decimals (0.98765 → 98.77).
Decimal percent_of(Decimal fraction);
/// "98.77%" for 0.98765.
std::string percent_text(Decimal fraction);

/// a / b rounded to `digits` decimals. REQUIRES: b != 0.
Decimal div(Decimal a, Decimal b, int digits = Decimal::kScaleDigits, Rounding mode = Rounding::HalfUp);

/// a / b at 6 decimals, or nullopt when b is 0 or |a / b| > kMaxMagnitude.
std::optional<Decimal> checked_div(Decimal a, Decimal b);

/// a * b at 6 decimals, or nullopt when |a * b| > kMaxMagnitude (the product
/// of two in-range values always fits the 128-bit intermediate).
std::optional<Decimal> checked_mul(Decimal a, Decimal b);

Decimal min(Decimal a, Decimal b);
Decimal max(Decimal a, Decimal b);

}  // namespace jx
