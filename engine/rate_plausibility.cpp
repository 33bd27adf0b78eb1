#include "engine/rate_plausibility.h"

#include <algorithm>
#include <cctype>

#include "engine/formula.h"
#include "engine/text.h"

namespace jx {
namespace {

constexpr std::int64_t kMaxRate = 10;  // ±1000 %: beyond any rate

std::vector<Fact> as_fractions(const std::vector<Fact>& facts) {
  std::vector<Fact> out = facts;
  for (Fact& f : out) {
    if (!is_percent_unit(f.unit)) continue;
    if (f.value) f.value = mul_div(*f.value, Decimal(1), Decimal(100));
    if (f.prior) f.prior = mul_div(*f.prior, Decimal(1), Decimal(100));
  }
  return out;
}

Decimal magnitude(Decimal v) {
  return v.is_negative() ? Decimal(0) - v : v;
}

// A percentage for the message; values too large to multiply by 100 are
// shown as they are.
std::string as_percent(Decimal v) {
  return magnitude(v) <= Decimal(1'000'000'000) ? percent_text(v) : v.to_plain() + " × 100%";
}

// The formula converts percentages itself: divides by 100 or multiplies by 0.01.
bool converts_itself(const std::string& formula) {
  std::string s;
  for (char c : formula) {
    if (c != ' ') s += c;
  }
  for (const char* op : {"/100", "÷100", "*0.01", "×0.01"}) {
    for (auto pos = s.find(op); pos != std::string::npos; pos = s.find(op, pos + 1)) {
      const std::size_t end = pos + std::string_view(op).size();
      const bool more_digits = end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == '.');
      if (!more_digits) return true;
    }
  }
  return false;
}

// a and b agree within a thousandth of b (both within ±10^12: no overflow).
bool close(Decimal a, Decimal b) {
  return magnitude(a - b) <= mul_div(magnitude(b), Decimal(1), Decimal(1000));
}

bool value_scorer(const Scorer& s) {
  return s.kind == Scorer::Kind::Linear || s.kind == Scorer::Kind::Reverse || s.kind == Scorer::Kind::Steps ||
         s.kind == Scorer::Kind::DeductPerPP;
}

}  // namespace

bool is_percent_unit(const std::string& unit) {
  const std::string u = trim(unit);
  return u == "%" || u == "％" || u == "百分比";
}

RatePlausibility::RatePlausibility(const std::vector<Fact>& facts)
    : facts_(facts), fractional_(as_fractions(facts)), fractional_table_(fractional_, scratch_) {}

void RatePlausibility::collect(const std::string& formula, std::vector<std::string>& out,
                               std::vector<std::string>& seen) const {
  FormulaError err;
  const auto f = Formula::parse(formula, err);
  if (!f) return;
  for (const auto& r : f->refs()) {
    if (std::find(seen.begin(), seen.end(), r.name) != seen.end()) continue;
    seen.push_back(r.name);
    const auto it = std::find_if(facts_.begin(), facts_.end(), [&](const Fact& x) { return x.name == r.name; });
    if (it == facts_.end()) continue;
    if (is_percent_unit(it->unit)) out.push_back(it->name);
    // Through computed facts too, as deep as FactTable allows.
    if (it->formula && seen.size() <= FactTable::kMaxChain * 4) collect(*it->formula, out, seen);
  }
}

std::vector<std::string> RatePlausibility::percent_facts(const std::string& formula) const {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  collect(formula, out, seen);
  return out;
}

void RatePlausibility::check(const Indicator& leaf, Decimal value, Diagnostics& diags) {
  if (!leaf.percent || !leaf.scorer || !leaf.formula || !value_scorer(*leaf.scorer)) return;
  if (magnitude(value) <= Decimal(1)) return;
  const std::vector<std::string> pct = percent_facts(*leaf.formula);
  if (!pct.empty() && !converts_itself(*leaf.formula)) {
    const auto fractions = fractional_table_.eval(*leaf.formula, leaf.formula_loc);
    // Reading the facts as fractions rounds at the 6th decimal: a difference
    // within a thousandth of the value is rounding (the % cancel), not a slip.
    if (fractions && !close(*fractions, value)) {
      // The sensible reading: the value with the facts read as fractions when
      // the formula scales with them (value = that × 100 or × 10000); when
      // it mixes them with constants in the same unit (甲率 - 90), value / 100.
      Decimal sensible = mul_div(value, Decimal(1), Decimal(100));
      for (const std::int64_t scale : {100, 10000}) {
        const auto scaled = checked_mul(*fractions, Decimal(scale));
        if (scaled && close(*scaled, value)) sensible = *fractions;
      }
      std::string names;
      for (const auto& n : pct) names += (names.empty() ? "“" : "、“") + n + "”";
      diags.warning(leaf.formula_loc, "percent-fact-as-ratio",
                    "指标“" + leaf.name + "”的公式用到以 % 填写的事实" + names + "，按比率计算得 " + as_percent(value) +
                        "；把这些数读作百分数时为 " + as_percent(sensible),
                    "公式里的比率是小数（0.936 即 93.6%）：把以 % 填写的事实除以 100，如 " + pct.front() +
                        " / 100；或在 facts 中写小数并去掉 unit: \"%\"");
      return;
    }
  }
  if (magnitude(value) > Decimal(kMaxRate)) {
    diags.warning(leaf.formula_loc, "rate-implausible",
                  "指标“" + leaf.name + "”的计算值 " + as_percent(value) + " 超出比率的合理范围（±1000%）",
                  "检查公式的单位：若多乘了 100 或把百分数当作比率，应为 " +
                      as_percent(mul_div(value, Decimal(1), Decimal(100))) + "；若元与万元混用，应为 " +
                      as_percent(mul_div(value, Decimal(1), Decimal(10000))));
  }
}

}  // namespace jx
