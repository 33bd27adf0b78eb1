// Exact decimals: what officers write is what the engine computes with.
#include "engine/decimal.h"

#include <catch2/catch.hpp>

using jx::Decimal;
using jx::Rounding;

static Decimal D(const char* s) {
  return *Decimal::parse(s);
}

TEST_CASE("小数按十进制精确表示，不出现二进制浮点误差") {
  CHECK(D("89.66").to_string(2) == "89.66");
  CHECK((D("32.77") + D("40.16") + D("1.1") + D("5.06") + D("3.00") + D("7.48")).to_string(2) == "89.57");
  CHECK((D("500.53") + D("80.33")).to_plain() == "580.86");
  CHECK(D("0.1").to_plain() == "0.1");
  CHECK(D("-3.5").to_string(2) == "-3.50");
}

TEST_CASE("四舍五入到两位小数按精确值进行") {
  CHECK(D("9.685").rounded(2).to_string(2) == "9.69");
  CHECK(D("9.685").rounded(2, Rounding::Truncate).to_string(2) == "9.68");
  CHECK(D("2.675").rounded(2).to_string(2) == "2.68");
  CHECK(D("-2.675").rounded(2).to_string(2) == "-2.68");
  CHECK(D("0.004999").rounded(2).to_string(2) == "0.00");
}

TEST_CASE("mul_div 一次性从精确有理数舍入") {
  // 96.85 % of 10 points: 9.685 exactly → 9.69 half-up, 9.68 truncated.
  CHECK(jx::mul_div(D("96.85"), D("10"), D("100"), 2).to_string(2) == "9.69");
  CHECK(jx::mul_div(D("96.85"), D("10"), D("100"), 2, Rounding::Truncate).to_string(2) == "9.68");
  // 135 as denominator would give 6.64; the engine never does that, but the arithmetic must.
  CHECK(jx::mul_div(D("89.66"), D("10"), D("135"), 2).to_string(2) == "6.64");
  // 1/3 of 5 points.
  CHECK(jx::mul_div(D("1"), D("5"), D("3"), 2).to_string(2) == "1.67");
  CHECK(jx::div(D("2"), D("3")).to_plain() == "0.666667");
}

TEST_CASE("解析拒绝无法精确表示的数") {
  CHECK_FALSE(Decimal::parse(""));
  CHECK_FALSE(Decimal::parse("."));
  CHECK_FALSE(Decimal::parse("1e308"));
  CHECK_FALSE(Decimal::parse("NaN"));
  CHECK_FALSE(Decimal::parse("1.0000001"));
  CHECK_FALSE(Decimal::parse("10000000000001"));
  CHECK(Decimal::parse("1.5000000"));
  CHECK(Decimal::parse("1000000000000"));
}
