// The target and actual strings officers really write (issue #2's list).
#include "engine/value.h"

#include <catch2/catch.hpp>

using jx::Decimal;
using jx::Op;
using jx::Value;
using K = jx::Value::Kind;

static Decimal D(const char* s) {
  return *Decimal::parse(s);
}

struct Expect {
  const char* text;
  K kind;
  Op op;
  const char* amount;
  const char* unit;
};

TEST_CASE("目标值与实际值：比较符、数值和单位") {
  const Expect cases[] = {
      {"≥5个", K::Number, Op::Ge, "5", "个"},
      {"≧735人次", K::Number, Op::Ge, "735", "人次"},
      {">=21933人", K::Number, Op::Ge, "21933", "人"},
      {"≥ 98 %", K::Number, Op::Ge, "98", "%"},
      {"大于等于10157.6平方米", K::Number, Op::Ge, "10157.6", "平方米"},
      {"不少于12 种", K::Number, Op::Ge, "12", "种"},
      {"≤202.6万元", K::Number, Op::Le, "2026000", "元"},
      {"<=5300元/户", K::Number, Op::Le, "5300", "元/户"},
      {"=42个", K::Number, Op::Eq, "42", "个"},
      {"﹦100%", K::Number, Op::Eq, "100", "%"},
      {"100%", K::Number, Op::None, "100", "%"},
      {"98.70%", K::Number, Op::None, "98.7", "%"},
      {"=100百分比", K::Number, Op::Eq, "100", "%"},
      {"1.33万人次", K::Number, Op::None, "13300", "人次"},
      {"6.47亿元", K::Number, Op::None, "647000000", "元"},
      {"≥266米", K::Number, Op::Ge, "266", "米"},
      {"50", K::Number, Op::None, "50", ""},
      {"＞１２０人", K::Number, Op::Gt, "120", "人"},
      {"≥４０人", K::Number, Op::Ge, "40", "人"},
      {"５个以上", K::Number, Op::Ge, "5", "个"},
      {"1,000元", K::Number, Op::None, "1000", "元"},
      {"约400人次", K::Number, Op::None, "400", "人次"},
      {"6500余人", K::Number, Op::None, "6500", "人"},
      {"≦30万元", K::Number, Op::Le, "300000", "元"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Value v = jx::parse_value(c.text);
    CHECK(v.kind == c.kind);
    CHECK(v.op == c.op);
    CHECK(v.amount == D(c.amount));
    CHECK(v.unit == c.unit);
  }
}

TEST_CASE("区间目标") {
  Value v = jx::parse_value("90%-100%");
  CHECK(v.kind == K::Range);
  CHECK(v.amount == D("90"));
  CHECK(v.high == D("100"));
  CHECK(v.unit == "%");
  v = jx::parse_value("3～5场");
  CHECK(v.kind == K::Range);
  CHECK(v.amount == D("3"));
  CHECK(v.high == D("5"));
  CHECK(v.unit == "场");
  v = jx::parse_value("3至5场");
  CHECK(v.kind == K::Range);
  CHECK(jx::parse_value("5-3场").kind == K::Qualitative);  // reversed bounds are not a range
}

TEST_CASE("时效：期限与完成日期") {
  Value v = jx::parse_value("2022年12月31日前");
  REQUIRE(v.kind == K::Deadline);
  CHECK(v.date.year == 2022);
  CHECK(v.date.month == 12);
  CHECK(v.date.day == 31);
  v = jx::parse_value("12月底前");
  REQUIRE(v.kind == K::Deadline);
  CHECK(v.date.year == 0);
  CHECK(v.date.month == 12);
  CHECK(v.date.day == 0);
  v = jx::parse_value("2022年底之前");
  REQUIRE(v.kind == K::Deadline);
  CHECK(v.date.year == 2022);
  CHECK(v.date.month == 0);
  CHECK(jx::parse_value("按时完成").kind == K::OnTime);
  CHECK(jx::parse_value("提前完成").kind == K::OnTime);
  CHECK(jx::parse_value("未按时完成").kind == K::Late);
  v = jx::parse_value("2022年11月30日");
  REQUIRE(v.kind == K::Date);
  CHECK(jx::compare_dates(v.date, jx::parse_value("12月底前").date, 2022) < 0);
  CHECK(jx::compare_dates(jx::parse_value("2023年1月5日").date, jx::parse_value("2022年底前").date, 2022) > 0);
  CHECK(jx::compare_dates(jx::parse_value("2022-12-31").date, jx::parse_value("2022年12月31日前").date, 2022) == 0);
}

TEST_CASE("全角数字与符号先折算为半角") {
  const Value v = jx::parse_value("≥９８．５％");
  CHECK(v.kind == K::Number);
  CHECK(v.op == Op::Ge);
  CHECK(v.amount == D("98.5"));
  CHECK(v.unit == "%");
}

TEST_CASE("非数值为定性值，畸形数值可被识别") {
  CHECK(jx::parse_value("有效提升").kind == K::Qualitative);
  CHECK(jx::parse_value("效果明显").kind == K::Qualitative);
  CHECK(jx::parse_value("").kind == K::Empty);
  CHECK(jx::parse_value("≥**人").kind == K::Qualitative);
  CHECK(jx::is_malformed_number("≥**人"));
  CHECK(jx::is_malformed_number("1e308"));
  CHECK(jx::is_malformed_number("99999999999999个"));
  CHECK_FALSE(jx::is_malformed_number("效果明显"));
}

TEST_CASE("单位是否可比") {
  CHECK(jx::units_compatible("人", ""));
  CHECK(jx::units_compatible("元", "元"));
  CHECK_FALSE(jx::units_compatible("个", "场"));
  // 万元 and 亿元 reduce to 元.
  CHECK(jx::parse_value("6.47亿元").unit == jx::parse_value("≥5000万元").unit);
}

TEST_CASE("日期只在确定无疑或目标为期限时成立（issue 10）") {
  const jx::TimeWords words{{"已完成"}, {"逾期"}};
  const Value quantity = jx::parse_value(">=1419篇");
  const Value deadline = jx::parse_value("2022年12月31日前");
  for (const char* n : {"1225.7", "2022.5", "1672.07", "2022.12"}) {
    INFO(n);
    CHECK(jx::parse_value(n).kind == K::Number);
    CHECK(jx::parse_actual(n, quantity, words).kind == K::Number);
  }
  CHECK(jx::parse_actual("2022.12", deadline, words).kind == K::Date);
  for (const char* d : {"2022年12月31日", "2022-12-31", "2022/12/31", "2022.12.31", "2022-12"}) {
    INFO(d);
    CHECK(jx::parse_value(d).kind == K::Date);
    CHECK(jx::parse_actual(d, quantity, words).kind == K::Date);
  }
  // Found by the fuzz target: a year needs four digits, a month and a day at most two.
  CHECK(jx::parse_actual("1010.00000010", deadline, words).kind != K::Date);
  CHECK(jx::parse_value("01999-12").kind != K::Date);
  CHECK(jx::parse_actual("已完成", deadline, words).kind == K::OnTime);
  CHECK(jx::parse_actual("未已完成", deadline, words).kind == K::Late);
  CHECK(jx::parse_actual("已完成", quantity, words).kind == K::Qualitative);
  // A bare number takes the target's unit and scale.
  const Value a = jx::parse_actual("426.4", jx::parse_value("≥592万元"), words);
  CHECK(a.amount == D("4264000"));
  CHECK(a.unit == "元");
  CHECK(a.unit_from_target);
  CHECK(jx::written_unit(a.unit, a.scale) == "万元");
}
