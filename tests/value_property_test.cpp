// Property test of the value grammar: a generator over every spelling README
// lists (comparators and their words, full-width digits and signs, 万 / 亿,
// thousands separators, ranges, percentages, 1–9 digit integers, 0–4
// decimals, spaces, 约 / 余) formats a known value, parses it and checks the
// kind, comparator, amount, unit and scale. The expectation is built from the
// generator's own integers, never from the parser.
//
// Seeded: JIXIAO_SEED=N reproduces a run; the seed is printed on failure.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/value.h"

namespace {

using jx::Decimal;
using jx::Op;
using jx::Value;
using K = jx::Value::Kind;

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

struct Rng {
  std::mt19937_64 g;
  int below(int n) { return static_cast<int>(g() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }
};

struct OpSpelling {
  std::string text;
  Op op;
  bool suffix;
};

// README "Target and actual values": every comparator and its words.
const std::vector<OpSpelling> kOps{
    {"", Op::None, false},         {"≥", Op::Ge, false},      {"≧", Op::Ge, false},
    {">=", Op::Ge, false},         {"＞＝", Op::Ge, false},   {"大于等于", Op::Ge, false},
    {"大于或等于", Op::Ge, false}, {"不少于", Op::Ge, false}, {"不低于", Op::Ge, false},
    {"至少", Op::Ge, false},       {">", Op::Gt, false},      {"＞", Op::Gt, false},
    {"大于", Op::Gt, false},       {"超过", Op::Gt, false},   {"≤", Op::Le, false},
    {"≦", Op::Le, false},          {"<=", Op::Le, false},     {"小于等于", Op::Le, false},
    {"不超过", Op::Le, false},     {"不高于", Op::Le, false}, {"<", Op::Lt, false},
    {"＜", Op::Lt, false},         {"小于", Op::Lt, false},   {"低于", Op::Lt, false},
    {"=", Op::Eq, false},          {"＝", Op::Eq, false},     {"﹦", Op::Eq, false},
    {"═", Op::Eq, false},          {"等于", Op::Eq, false},   {"以上", Op::Ge, true},
    {"及以上", Op::Ge, true},      {"以下", Op::Le, true},    {"及以下", Op::Le, true},
    {"以内", Op::Le, true},        {"不小于", Op::Ge, false}, {"达到", Op::Ge, false},
    {"高于", Op::Gt, false},       {"不多于", Op::Le, false}, {"不大于", Op::Le, false},
    {"小于或等于", Op::Le, false}, {"=>", Op::Ge, false},     {"=<", Op::Le, false},
    {"≥", Op::Ge, false},          {"≤", Op::Le, false},
};

struct UnitSpelling {
  std::string text;  ///< as written after the optional 万/亿
  std::string base;  ///< expected base unit
  bool scalable;     ///< may take 万 / 亿
};

const std::vector<UnitSpelling> kUnits{
    {"", "", true},      {"人", "人", true},         {"人次", "人次", true},    {"个", "个", false},
    {"元", "元", true},  {"平方米", "平方米", true}, {"场", "场", false},       {"%", "%", false},
    {"％", "%", false},  {"百分比", "%", false},     {"元/户", "元/户", false}, {"篇", "篇", false},
    {"家", "家", false}, {"公里", "公里", false},
};

// Full-width forms of digits and of the ASCII signs the grammar reads.
std::string widen(const std::string& s, Rng& r) {
  std::string out;
  for (char c : s) {
    const bool widenable = (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == '%';
    if (widenable && r.chance(30)) {
      const char32_t cp = static_cast<char32_t>(0xFF01 + (c - 0x21));
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

struct Num {
  std::string text;      ///< ASCII digits, maybe with commas and a point
  std::int64_t raw = 0;  ///< the value in millionths
};

// An integer part of 1–9 digits and 0–4 decimals.
Num number(Rng& r) {
  const int int_digits = 1 + r.below(9);
  const int decimals = r.below(5);
  std::string ip;
  for (int i = 0; i < int_digits; ++i)
    ip += static_cast<char>('0' + (i == 0 && int_digits > 1 ? 1 + r.below(9) : r.below(10)));
  std::string fp;
  for (int i = 0; i < decimals; ++i) fp += static_cast<char>('0' + r.below(10));
  Num n;
  std::int64_t whole = std::stoll(ip);
  std::int64_t frac = 0;
  for (int i = 0; i < 6; ++i) frac = frac * 10 + (i < decimals ? fp[static_cast<std::size_t>(i)] - '0' : 0);
  n.raw = whole * 1'000'000 + frac;
  std::string grouped = ip;
  if (ip.size() > 3 && r.chance(30)) {
    grouped.clear();
    for (std::size_t i = 0; i < ip.size(); ++i) {
      if (i > 0 && (ip.size() - i) % 3 == 0) grouped += ',';
      grouped += ip[i];
    }
  }
  n.text = grouped + (decimals > 0 ? "." + fp : "");
  return n;
}

std::string spaces(Rng& r) {
  static const std::vector<std::string> kSpaces{"", "", "", " ", "  ", "\t", "\xE3\x80\x80"};
  return r.pick(kSpaces);
}

struct Case {
  std::string text;
  K kind = K::Number;
  Op op = Op::None;
  __int128 amount = 0;  ///< millionths in the base unit
  __int128 high = 0;
  std::string unit;
  std::int64_t scale = 1;
  bool approximate = false;
  bool representable = true;  ///< false: beyond 10^12, must not parse as a number
};

Case generate(Rng& r) {
  Case c;
  const UnitSpelling& u = r.pick(kUnits);
  std::int64_t scale = 1;
  std::string scale_text;
  if (u.scalable && r.chance(30)) {
    const bool yi = r.chance(30);
    scale = yi ? 100'000'000 : 10'000;
    scale_text = yi ? "亿" : "万";
  }
  c.unit = u.base;
  c.scale = scale;
  const __int128 limit = static_cast<__int128>(Decimal::kMaxMagnitude) * 1'000'000;
  if (r.chance(15)) {
    // A range: lo–hi, the unit after both or after the second only.
    Num lo = number(r);
    Num hi = number(r);
    if (hi.raw < lo.raw) std::swap(lo, hi);
    static const std::vector<std::string> kSeps{"-", "～", "~", "至", "到", "—", "－", "〜"};
    const std::string unit = scale_text + u.text;
    const bool both = r.chance(50) && !unit.empty();
    c.text = widen(lo.text, r) + (both ? unit : "") + r.pick(kSeps) + widen(hi.text, r) + unit;
    c.kind = K::Range;
    c.amount = static_cast<__int128>(lo.raw) * scale;
    c.high = static_cast<__int128>(hi.raw) * scale;
    c.representable = c.high <= limit;
    c.text = spaces(r) + c.text + spaces(r);
    return c;
  }
  const OpSpelling& op = r.pick(kOps);
  const Num n = number(r);
  c.op = op.op;
  c.amount = static_cast<__int128>(n.raw) * scale;
  c.representable = c.amount <= limit;
  std::string approx_prefix;
  std::string approx_suffix;
  if (r.chance(10)) {
    static const std::vector<std::string> kApprox{"约", "大约", "近"};
    approx_prefix = r.pick(kApprox);
    c.approximate = true;
  } else if (!op.suffix && r.chance(10)) {
    approx_suffix = r.chance(70) ? "余" : "多";
    c.approximate = true;
  }
  std::string body = approx_prefix + widen(n.text, r) + approx_suffix + scale_text + u.text;
  c.text = op.suffix ? body + op.text : op.text + spaces(r) + body;
  c.text = spaces(r) + c.text + spaces(r);
  return c;
}

std::string describe(const Value& v) {
  std::string k;
  switch (v.kind) {
    case K::Empty: k = "Empty"; break;
    case K::Number: k = "Number"; break;
    case K::Range: k = "Range"; break;
    case K::Deadline: k = "Deadline"; break;
    case K::Date: k = "Date"; break;
    case K::OnTime: k = "OnTime"; break;
    case K::Late: k = "Late"; break;
    case K::Qualitative: k = "Qualitative"; break;
  }
  return k + " op=" + std::string(jx::op_symbol(v.op)) + " amount=" + v.amount.to_plain() +
         " high=" + v.high.to_plain() + " unit=" + v.unit + " scale=" + v.scale.to_plain();
}

}  // namespace

TEST_CASE("值的语法：生成的各种写法都读回原值和单位（性质测试）") {
  const std::uint64_t seed = seed_from_env();
  Rng r{std::mt19937_64(seed)};
  constexpr int kCases = 120'000;
  int checked = 0;
  for (int i = 0; i < kCases; ++i) {
    const Case c = generate(r);
    const Value v = jx::parse_value(c.text);
    const bool ok = !c.representable
                        ? (v.kind != K::Number && v.kind != K::Range && v.kind != K::Date && v.kind != K::Deadline)
                        : v.kind == c.kind && v.op == c.op && static_cast<__int128>(v.amount.raw()) == c.amount &&
                              (c.kind != K::Range || static_cast<__int128>(v.high.raw()) == c.high) &&
                              v.unit == c.unit && v.scale == Decimal(c.scale) && v.approximate == c.approximate;
    if (!ok) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), case " << i << ": \"" << c.text << "\" read as "
                   << describe(v));
    }
    ++checked;
  }
  CHECK(checked == kCases);
}

TEST_CASE("值的语法：实际值按目标读取，四位整数的小数不是日期（性质测试）") {
  const std::uint64_t seed = seed_from_env();
  Rng r{std::mt19937_64(seed)};
  const jx::TimeWords none;
  constexpr int kCases = 20'000;
  for (int i = 0; i < kCases; ++i) {
    // A bare number (1225.7, 2022.5, 1672.07 …) against a quantity target in any unit and scale.
    const Case t = generate(r);
    if (!t.representable || t.kind != K::Number) continue;
    const Num n = number(r);
    const std::string text = spaces(r) + widen(n.text, r) + spaces(r);
    const Value target = jx::parse_value(t.text);
    const Value a = jx::parse_actual(text, target, none);
    const __int128 expected = static_cast<__int128>(n.raw) * t.scale;
    const __int128 limit = static_cast<__int128>(Decimal::kMaxMagnitude) * 1'000'000;
    bool ok = false;
    if (expected > limit) {
      ok = a.kind != K::Number && a.kind != K::Date;
    } else {
      const bool takes_unit = !t.unit.empty() || t.scale != 1;
      ok = a.kind == K::Number && static_cast<__int128>(a.amount.raw()) == expected && a.unit == t.unit &&
           a.scale == Decimal(t.scale) && a.unit_from_target == takes_unit;
    }
    if (!ok) {
      FAIL("seed " << seed << ", case " << i << ": actual \"" << text << "\" against \"" << t.text << "\" read as "
                   << describe(a));
    }
  }
}
