// The department's plausibility warnings over generated spaces, with the
// expected outcome computed from the rule text (README, engine/
// rate_plausibility.h, engine/same_figures.h) on integers, independently of
// the engine: a fact in % used as a ratio, a rate beyond ±1000 %, a figure
// given twice in facts and funds. Plus the absence of false positives on the
// seed and the templates. Seed: JIXIAO_TEST_SEED (printed on failure).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "engine/dept_score.h"
#include "engine/load/department_loader.h"
#include "tests/support.h"

namespace {

std::uint64_t test_seed() {
  const char* s = std::getenv("JIXIAO_TEST_SEED");
  return s != nullptr ? std::strtoull(s, nullptr, 10) : 20221231u;
}

// Hundredths as a decimal text: 9360 → "93.6", -5 → "-0.05".
std::string hundredths(long long v) {
  const bool neg = v < 0;
  const long long a = neg ? -v : v;
  std::string s = std::to_string(a / 100) + "." + (a % 100 < 10 ? "0" : "") + std::to_string(a % 100);
  return (neg ? "-" : "") + s;
}

std::vector<std::string> codes(const jx::Diagnostics& d, const std::vector<std::string>& wanted) {
  std::vector<std::string> out;
  for (const auto& x : d.sorted()) {
    for (const auto& w : wanted) {
      if (x.code == w) out.push_back(x.code);
    }
  }
  return out;
}

jx::Diagnostics score(const std::string& yaml) {
  jx::Diagnostics d;
  auto dept = jx::load::load_department(yaml, d);
  REQUIRE(dept);
  const jx::RuleSet rules = jxtest::rules("mof2020");
  const auto s = jx::score_department(*dept, rules, {});
  d.append(s.core.diagnostics);
  return d;
}

std::string department(const std::string& funds, const std::string& facts, const std::string& leaf,
                       const std::string& extra = "") {
  return "kind: department\nyear: 2022\nrules: mof2020\ndepartment: 测试部门\nfunds:\n" + funds + "facts:\n" + facts +
         "indicators:\n  - name: 过程\n    children:\n      - name: 预算执行\n        children:\n" + leaf +
         "          - {name: 其余, weight: 80, target: 完成, actual: 完成, grade: 达成}\n" + extra;
}

const std::vector<std::string> kRateCodes{"percent-fact-as-ratio", "rate-implausible"};

}  // namespace

TEST_CASE("比率的合理性：以 % 填写的事实当作比率、超出 ±1000% 的比率（生成的空间）") {
  const std::uint64_t seed = test_seed();
  std::mt19937_64 rng(seed);
  auto pick = [&](long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi)(rng); };
  // Each form: the formula, the power of % its value carries (0: the units
  // cancel or there are none), and whether it converts by itself (/ 100).
  struct Form {
    const char* formula;
    int percent_power;
    bool converts;
  };
  const std::vector<Form> forms{{"甲率", 1, false},
                                {"甲率 / 100", 1, true},
                                {"甲率 / 乙率", 0, false},
                                {"金额一 / 金额二", 0, false},
                                {"甲率 * 金额一 / 金额二", 1, false},
                                {"甲率 - 上年(甲率)", 1, false},
                                {"甲率 / 乙率 * 甲率", 1, false},
                                {"计算率", 1, false},
                                {"金额一 / 金额二 * 100", 0, false},
                                {"甲率 - 90", 1, false}};
  int cases = 0;
  int warned = 0;
  for (int i = 0; i < 3000; ++i) {
    const Form& f = forms[static_cast<std::size_t>(pick(0, static_cast<long long>(forms.size()) - 1))];
    // Values in hundredths: a rate 0–500 %, a second 1–200 %, money 0.01–10000 万元.
    const long long p = pick(0, 50000);
    const long long prior = pick(0, 50000);
    const long long q = pick(100, 20000);
    const long long m1 = pick(1, 1000000);
    const long long m2 = pick(1, 1000000);
    const bool number = pick(0, 4) == 0;
    const bool reverse = pick(0, 1) == 1;
    // The literal value, as the formula computes it with the figures as written.
    long double lit = 0;
    const std::string form = f.formula;
    const long double P = p / 100.0L, PR = prior / 100.0L, Q = q / 100.0L, M1 = m1 / 100.0L, M2 = m2 / 100.0L;
    if (form == "甲率" || form == "计算率") lit = P;
    if (form == "甲率 / 100") lit = P / 100;
    if (form == "甲率 / 乙率") lit = P / Q;
    if (form == "金额一 / 金额二") lit = M1 / M2;
    if (form == "甲率 * 金额一 / 金额二") lit = P * M1 / M2;
    if (form == "甲率 - 上年(甲率)") lit = P - PR;
    if (form == "甲率 / 乙率 * 甲率") lit = P / Q * P;
    if (form == "金额一 / 金额二 * 100") lit = M1 / M2 * 100;
    if (form == "甲率 - 90") lit = P - 90;
    const long double mag = lit < 0 ? -lit : lit;
    // Values within rounding of a bound (6 decimals) are not generated cases.
    if ((mag > 0.999L && mag < 1.001L) || (mag > 9.99L && mag < 10.01L)) continue;
    std::string expected;
    if (!number && mag > 1) {
      // The two readings differ (for 甲率 - 90: P - 90 against P / 100 - 90,
      // the same only when P is 0).
      const bool differ = form == "甲率 - 90" ? P * 0.99L * 1000 > mag : true;
      if (f.percent_power != 0 && !f.converts && differ) {
        expected = "percent-fact-as-ratio";
      } else if (mag > 10) {
        expected = "rate-implausible";
      }
    }
    const std::string facts = "  甲率: {value: " + hundredths(p) + ", prior: " + hundredths(prior) +
                              ", unit: \"%\"}\n  乙率: {value: " + hundredths(q) +
                              ", unit: \"%\"}\n  金额一: " + hundredths(m1) + "\n  金额二: " + hundredths(m2) +
                              "\n  计算率: {formula: 甲率 * 1, unit: \"%\"}\n";
    const std::string leaf = std::string("          - name: 被测指标\n            weight: 10\n            formula: ") +
                             f.formula + "\n            scorer: {kind: " + (reverse ? "reverse" : "linear") +
                             ", target: 100%}\n" + (number ? "            display: number\n" : "");
    const std::string yaml = department("  total: {initial: 100, budget: 100, executed: 100}\n", facts, leaf);
    const jx::Diagnostics d = score(yaml);
    INFO("seed " << seed << " case " << i << "\n" << yaml << "\n" << jxtest::messages(d));
    const auto got = codes(d, kRateCodes);
    CHECK_FALSE(d.has_errors());
    CHECK(got == (expected.empty() ? std::vector<std::string>{} : std::vector<std::string>{expected}));
    ++cases;
    warned += expected.empty() ? 0 : 1;
  }
  // The space covers both outcomes in quantity.
  CHECK(cases > 2500);
  CHECK(warned > 500);
  CHECK(cases - warned > 500);
}

TEST_CASE("比率的合理性：警告写明两种读法") {
  const std::string leaf =
      "          - name: 支付进度\n            weight: 10\n            formula: 支付率\n"
      "            scorer: {kind: linear, target: 100%}\n";
  const auto d = score(department("  total: {initial: 100, budget: 100, executed: 100}\n",
                                  "  支付率: {value: 93.6, unit: \"%\"}\n", leaf));
  CHECK(jxtest::messages(d) ==
        "t.yaml:16:22: 警告: 指标“支付进度”的公式用到以 % 填写的事实“支付率”，按比率计算得 9360.00%；"
        "把这些数读作百分数时为 93.60%\n"
        "  提示: 公式里的比率是小数（0.936 即 93.6%）：把以 % 填写的事实除以 100，如 支付率 / 100；"
        "或在 facts 中写小数并去掉 unit: \"%\"\n");
  // A % fact mixed with a constant in %: the reading is the value / 100.
  const std::string gap =
      "          - name: 支付进度\n            weight: 10\n            formula: 支付率 - 90\n"
      "            scorer: {kind: linear, target: 100%}\n";
  CHECK(jxtest::messages(score(department("  total: {initial: 100, budget: 100, executed: 100}\n",
                                          "  支付率: {value: 93.6, unit: \"%\"}\n", gap)))
            .find("按比率计算得 360.00%；把这些数读作百分数时为 3.60%") != std::string::npos);
  // Fractions written as fractions, and % facts that cancel, are fine.
  for (const char* facts : {"  支付率: 0.936\n", "  支付率: {value: 0.936}\n"}) {
    CHECK(codes(score(department("  total: {initial: 100, budget: 100, executed: 100}\n", facts, leaf)), kRateCodes)
              .empty());
  }
}

TEST_CASE("同一个数写两处：facts 与 funds 逐对核对（生成的空间）") {
  const std::uint64_t seed = test_seed();
  std::mt19937_64 rng(seed + 1);
  auto pick = [&](long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi)(rng); };
  const std::vector<std::string> rows{"total", "appropriation", "carryover", "other", "basic", "project"};
  const std::vector<std::string> columns{"initial", "budget", "executed"};
  int cases = 0;
  int warned = 0;
  for (int i = 0; i < 2000; ++i) {
    // funds[row][column] in hundredths of 万元.
    std::vector<std::vector<long long>> v(rows.size(), std::vector<long long>(3));
    for (auto& r : v) {
      for (auto& c : r) c = pick(0, 2000000);  // up to 20000 万元: in 元 still within the 10^9 limit
    }
    const bool total_given = pick(0, 3) != 0;
    const std::size_t row = static_cast<std::size_t>(pick(0, 5));
    const std::size_t col = static_cast<std::size_t>(pick(0, 2));
    // The cell as the file gives it (no total row: the sum of the three sources).
    const long long cell = row == 0 && !total_given ? v[1][col] + v[2][col] + v[3][col] : v[row][col];
    const bool in_yuan = pick(0, 3) == 0;
    // The fact: the same figure, or off by a little or a lot (in its own unit's hundredths).
    const std::vector<long long> deltas{0, 0, 1, -1, 2, -2, pick(-1000000, 1000000)};
    const long long delta = deltas[static_cast<std::size_t>(pick(0, static_cast<long long>(deltas.size()) - 1))];
    long long fact = 0;
    std::string fact_text;
    bool expect = false;
    if (in_yuan) {
      // 元 in hundredths of 元: 1 万元 = 10000 元; the tolerance 0.01 万元 is 100 元.
      fact = cell * 10000 + delta * 100;  // delta in whole 元
      fact_text = "{value: " + hundredths(fact) + ", unit: 元}";
      const long long diff_yuan = delta;  // in 元
      expect = diff_yuan > 100 || diff_yuan < -100;
    } else {
      fact = cell + delta;
      fact_text = hundredths(fact);
      expect = delta > 1 || delta < -1;
    }
    std::string funds;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == 0 && !total_given) continue;
      funds += "  " + rows[r] + ": {initial: " + hundredths(v[r][0]) + ", budget: " + hundredths(v[r][1]) +
               ", executed: " + hundredths(v[r][2]) + "}\n";
    }
    const std::string leaf = "          - {name: 被测指标, weight: 10, target: 完成, actual: 完成, grade: 达成}\n";
    const std::string yaml =
        department(funds, "  某数: " + fact_text + "\n", leaf,
                   "same_figures:\n  某数: " + rows[row] + "." + columns[col] + "\n  未写的数: total.budget\n");
    const jx::Diagnostics d = score(yaml);
    INFO("seed " << seed << " case " << i << "\n" << yaml << "\n" << jxtest::messages(d));
    CHECK_FALSE(d.has_errors());
    const auto got = codes(d, {"same-figure-differs"});
    CHECK(got.size() == (expect ? 1u : 0u));
    if (expect && got.size() == 1) {
      // Both places are named.
      const std::string text = jxtest::messages(d);
      CHECK(text.find("facts 的“某数”（第 ") != std::string::npos);
      CHECK(text.find("funds 的 " + rows[row] + "." + columns[col]) != std::string::npos);
    }
    ++cases;
    warned += expect ? 1 : 0;
  }
  CHECK(warned > 300);
  CHECK(cases - warned > 300);
}

TEST_CASE("同一个数写两处：例子与错误") {
  const std::string leaf = "          - {name: 被测指标, weight: 10, target: 完成, actual: 完成, grade: 达成}\n";
  const auto d = score(department("  total: {initial: 1150, budget: 1150, executed: 1150}\n",
                                  "  年初预算数: 1140\n  支出合计: 1150.01\n", leaf,
                                  "same_figures:\n  年初预算数: total.initial\n  支出合计: total.executed\n"));
  CHECK(jxtest::messages(d) ==
        "t.yaml:8:3: 警告: 同一个数写了两处而不一致：facts 的“年初预算数”（第 8 行）为 1140.00 万元，funds 的 "
        "total.initial（年度资金总额 年初预算数，第 6 行）为 1150.00 万元，相差 -10.00 万元\n"
        "  提示: 核对决算报表，改正其中一处（对应关系见文件中的 same_figures）\n");
  jx::Diagnostics bad;
  jx::load::load_department(department("  total: {initial: 1, budget: 1, executed: 1}\n", "  甲: 1\n", leaf,
                                       "same_figures: {甲: total.spent}\n"),
                            bad);
  INFO(jxtest::messages(bad));
  CHECK(jxtest::messages(bad).find(": 错误: “total.spent”不是 funds 的栏目") != std::string::npos);
}

TEST_CASE("示例与模板：比率与同一数字的核对不产生新警告") {
  for (const char* file : {"indicators/examples/kexie-2022-department.yaml", "indicators/templates/dept-common.yaml",
                           "indicators/templates/dept-hunan.yaml"}) {
    INFO(file);
    jx::Diagnostics d;
    auto dept = jx::load::load_department(jxtest::read_source(file), d);
    REQUIRE(dept);
    CHECK(dept->same_figures.size() == 5);
    const jx::RuleSet rules = jxtest::rules("mof2020");
    const auto s = jx::score_department(*dept, rules, {});
    CHECK(codes(s.core.diagnostics,
                {"percent-fact-as-ratio", "rate-implausible", "same-figure-differs", "same-figure-unit"})
              .empty());
  }
}

TEST_CASE("部门：GBK 乱码只给一条错误，指明编码混用") {
  const std::string clean = department("  total: {initial: 100, budget: 100, executed: 100}\n", "  收入合计: 100\n",
                                       "          - {name: 被测指标, weight: 10, target: 完成, actual: 完成, grade: 达成}\n");
  // 某市科协 in GBK, read as Latin-1: "Ä³ÊÐ¿ÆÐ­".
  std::string bad = clean;
  bad.replace(bad.find("测试部门"), std::string("测试部门").size(), "Ä³ÊÐ¿ÆÐ­");
  jx::Diagnostics d;
  CHECK_FALSE(jx::load::load_department(bad, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "gbk-mojibake");
  CHECK(d.items()[0].loc.line == 4);
  CHECK(d.items()[0].message.find("GBK") != std::string::npos);
  // No false positive: the clean file, and a lone "·" or "°" in a name.
  jx::Diagnostics ok;
  std::string dotted = clean;
  dotted.replace(dotted.find("测试部门"), std::string("测试部门").size(), "测试·部门 25°");
  CHECK(jx::load::load_department(clean, ok));
  CHECK(jx::load::load_department(dotted, ok));
  CHECK(codes(ok, {"gbk-mojibake"}).empty());
}

TEST_CASE("部门：年度总体目标中的模板文字是警告") {
  const std::string leaf = "          - {name: 被测指标, weight: 10, target: 完成, actual: 完成, grade: 达成}\n";
  const std::string funds = "  total: {initial: 100, budget: 100, executed: 100}\n";
  const jx::Diagnostics d = score(department(funds, "  收入合计: 100\n", leaf,
                                             "goals:\n  expected: 示例：请替换为本部门年度目标\n  achieved: 已完成\n"));
  REQUIRE(codes(d, {"template-text"}).size() == 1);
  bool at_line = false;
  for (const auto& x : d.items()) at_line |= x.code == "template-text" && x.loc.line > 0;
  CHECK(at_line);
  CHECK(codes(score(department(funds, "  收入合计: 100\n", leaf, "goals:\n  expected: 完成全年工作\n  achieved: 已完成\n")),
              {"template-text"})
            .empty());
}
