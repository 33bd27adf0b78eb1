// The traffic lights of a monitoring snapshot (engine/lights.h) against the
// rule text of indicators/rules/mof2020.yaml `monitor:`: every band edge as
// an exact decimal, each indicator kind, the project's worst light, missing
// data, and generated snapshots whose lights the test computes itself with
// integer arithmetic (seeded: JIXIAO_SEED=N repeats a run; the seed is
// printed on failure).
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/lights.h"
#include "tests/support.h"

namespace {

using jx::Light;

struct Leaf {
  std::string name = "被测指标";
  std::string second = "数量指标";
  std::string target;
  std::string monitor;  ///< the snapshot map's YAML, e.g. "{7: {value: \"3个\"}}"; "" = none
  std::string extra;    ///< more indented lines (direction, actual, note …)
  int weight = 0;       ///< 0: shared equally
};

// A project: budget, funds snapshot map, leaves under 产出指标 (weights add to 90).
std::string project(const std::vector<Leaf>& leaves, const std::string& budget = "100",
                    const std::string& funds_monitor = "{7: {executed: 58.33}}",
                    const std::string& total = "") {
  std::string s = "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n";
  s += "funds:\n  total: {initial: " + budget + ", budget: " + budget + ", executed: " +
       (total.empty() ? budget : total) + "}\n";
  if (!funds_monitor.empty()) s += "  monitor: " + funds_monitor + "\n";
  s += "indicators:\n  - name: 产出指标\n    children:\n";
  std::string second;
  int left = 90;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    const Leaf& l = leaves[i];
    if (l.second != second) {
      s += "      - name: " + l.second + "\n        children:\n";
      second = l.second;
    }
    const int w = i + 1 == leaves.size() ? left : (l.weight ? l.weight : 90 / static_cast<int>(leaves.size()));
    left -= w;
    s += "          - name: " + l.name + "\n            weight: " + std::to_string(w) + "\n";
    s += "            target: \"" + l.target + "\"\n";
    if (!l.monitor.empty()) s += "            monitor: " + l.monitor + "\n";
    s += l.extra;
  }
  return s;
}

Leaf make(const std::string& name, const std::string& target, const std::string& monitor,
          const std::string& extra = "") {
  Leaf l;
  l.name = name;
  l.target = target;
  l.monitor = monitor;
  l.extra = extra;
  return l;
}

struct Judged {
  jx::MonitorOutcome outcome;
  jx::Project project;
  std::string errors;
};

Judged judge(const std::string& yaml, int month, const jx::RuleSet& r) {
  Judged j;
  jx::Diagnostics d;
  auto p = jx::load::load_project(yaml, d);
  REQUIRE(p);
  INFO(jxtest::messages(d));
  REQUIRE_FALSE(d.has_errors());
  j.project = *p;
  j.outcome = jx::compute_lights(j.project, r, month);
  j.errors = jxtest::messages(j.outcome.diagnostics, true);
  return j;
}

const jx::RuleSet& mof() {
  static const jx::RuleSet r = jxtest::rules("mof2020");
  return r;
}

// The light of one leaf at month M ("ERROR …" when it has none).
std::string leaf_light(const std::string& target, const std::string& value, int month = 12,
                       const std::string& second = "数量指标", const std::string& extra = "",
                       const jx::RuleSet& r = mof()) {
  Leaf l;
  l.target = target;
  l.second = second;
  l.extra = extra;
  l.monitor = "{" + std::to_string(month) + ": {value: \"" + value + "\"}}";
  const Judged j = judge(project({l}, "100", "{" + std::to_string(month) + ": {executed: 100}}"), month, r);
  if (!j.errors.empty()) return "ERROR " + j.errors;
  REQUIRE(j.outcome.leaves.size() == 1);
  REQUIRE(j.outcome.leaves[0].light);
  return jx::light_id(*j.outcome.leaves[0].light);
}

std::string budget_light(const std::string& budget, const std::string& executed, int month,
                         const jx::RuleSet& r = mof()) {
  Leaf l;
  l.target = "≥1个";
  l.monitor = "{" + std::to_string(month) + ": {value: \"1个\"}}";
  const Judged j =
      judge(project({l}, budget, "{" + std::to_string(month) + ": {executed: " + executed + "}}"), month, r);
  if (!j.errors.empty()) return "ERROR " + j.errors;
  REQUIRE(j.outcome.budget_light);
  return jx::light_id(*j.outcome.budget_light);
}

}  // namespace

TEST_CASE("预算执行灯：每个界限值（v 先保留两位小数再比较，界限含本身）") {
  // M = 12, budget 100: v = executed exactly.
  CHECK(budget_light("100", "59.99", 12) == "red");
  CHECK(budget_light("100", "60", 12) == "yellow");
  CHECK(budget_light("100", "79.99", 12) == "yellow");
  CHECK(budget_light("100", "80", 12) == "green");
  CHECK(budget_light("100", "119.99", 12) == "green");  // the budget has no blue band
  CHECK(budget_light("100", "120", 12) == "green");
  CHECK(budget_light("100", "0", 12) == "red");
  // Rounded half-up to 2 decimals before comparing: 59.995 → 60.00.
  CHECK(budget_light("100", "59.995", 12) == "yellow");
  CHECK(budget_light("100", "59.994999", 12) == "red");
  CHECK(budget_light("100", "79.995", 12) == "green");
  // M = 6: v = executed × 1200 / (100 × 6) = 2 × executed.
  CHECK(budget_light("100", "30", 6) == "yellow");
  CHECK(budget_light("100", "29.9975", 6) == "yellow");  // 59.995 → 60.00
  CHECK(budget_light("100", "29.997", 6) == "red");      // 59.994 → 59.99
  CHECK(budget_light("100", "40", 6) == "green");
  // M = 7, budget 89.66: 52.3 → 52.3 × 1200 / 627.62 = 99.996… → 100.00.
  const Judged j = judge(project({make("被测指标", "≥1个", "{7: {value: \"1个\"}}")}, "89.66",
                                 "{7: {executed: 52.3, forecast: 89.66}}"),
                         7, mof());
  REQUIRE(j.outcome.budget_v);
  CHECK(j.outcome.budget_v->to_string(2) == "100.00");
  // A zero budget: 执行率 0 (the vendor's rule), red.
  CHECK(budget_light("0", "0", 7) == "red");
}

TEST_CASE("截尾的规则集在比较前截去第三位小数") {
  jx::RuleSet r = mof();
  r.monitor.v_rounding = jx::Rounding::Truncate;
  CHECK(budget_light("100", "59.995", 12, r) == "red");
  CHECK(budget_light("100", "60", 12, r) == "yellow");
  CHECK(leaf_light("≥100个", "119.999", 12, "数量指标", "", r) == "green");
  CHECK(leaf_light("≥100个", "119.999", 12) == "blue");
}

TEST_CASE("正向指标灯：每个界限值，含蓝灯") {
  CHECK(leaf_light("≥100个", "59.99个") == "red");
  CHECK(leaf_light("≥100个", "60个") == "yellow");
  CHECK(leaf_light("≥100个", "79.99个") == "yellow");
  CHECK(leaf_light("≥100个", "80个") == "green");
  CHECK(leaf_light("≥100个", "119.99个") == "green");
  CHECK(leaf_light("≥100个", "120个") == "blue");
  CHECK(leaf_light("≥100个", "0") == "red");
  // Pro rata at M = 7: v = value × 100 / 7 against 12: 4.2 → 60.00.
  CHECK(leaf_light("≥12场", "4.2场", 7) == "yellow");
  CHECK(leaf_light("≥12场", "4.199场", 7) == "red");  // 59.9857 → 59.99
  CHECK(leaf_light("≥12场", "8.4场", 7) == "blue");   // 120.00
  CHECK(leaf_light("≥12场", "8.399场", 7) == "green");
  // > and a bare number and "= x" are positive too; a bare value takes the target's unit.
  CHECK(leaf_light(">100个", "80") == "green");
  CHECK(leaf_light("100个", "59.99") == "red");
  CHECK(leaf_light("=100个", "120个") == "blue");
  // 万 scales: 0.6万人次 against ≥1万人次 at M = 7 → 102.86.
  CHECK(leaf_light("≥1万人次", "0.6万人次", 7) == "green");
  CHECK(leaf_light("≥1万人次", "6000人次", 7) == "green");
  // A range counts from its low end.
  CHECK(leaf_light("3～5场", "1.8场", 12) == "yellow");
  // A target ≤ 0 is met at once.
  CHECK(leaf_light("≥0个", "0个") == "green");
}

TEST_CASE("百分比指标与全年指标值比较（rates: whole_year），prorate 时按序时") {
  CHECK(leaf_light("≥90%", "92%", 7) == "green");   // 102.22, not 175 (blue)
  CHECK(leaf_light("≥90%", "53.99%", 7) == "red");  // 59.99
  CHECK(leaf_light("≥90%", "54%", 7) == "yellow");
  jx::RuleSet r = mof();
  r.monitor.rates_whole_year = false;
  CHECK(leaf_light("≥90%", "92%", 7, "数量指标", "", r) == "blue");
}

TEST_CASE("反向（上限）指标：不超过上限为绿灯，否则为红灯") {
  CHECK(leaf_light("≤320万元", "320万元") == "green");
  CHECK(leaf_light("≤320万元", "320.01万元") == "red");
  CHECK(leaf_light("≤320万元", "300") == "green");  // a bare value in the target's 万元
  CHECK(leaf_light("≤320万元", "3200001元") == "red");
  CHECK(leaf_light("<100元", "100元") == "red");
  CHECK(leaf_light("<100元", "99.99元") == "green");
  CHECK(leaf_light("不超过5%", "5%") == "green");
  // A bare number under 成本指标 is a ceiling (reverse_second_level).
  CHECK(leaf_light("50万元", "50万元", 7, "成本指标") == "green");
  CHECK(leaf_light("50万元", "50.01万元", 7, "成本指标") == "red");
  // The same bare number under 数量指标 is positive.
  CHECK(leaf_light("50万元", "50.01万元", 12, "数量指标") == "green");
  // direction: reverse makes any target a ceiling; positive makes ≤ positive.
  CHECK(leaf_light("≥50次", "51次", 12, "数量指标", "            direction: reverse\n") == "red");
  CHECK(leaf_light("≤50次", "20次", 12, "数量指标", "            direction: positive\n") == "red");
  // = 0: met or not.
  CHECK(leaf_light("=0起", "0起") == "green");
  CHECK(leaf_light("=0起", "1起") == "red");
}

TEST_CASE("时效指标：期限前按计划推进为绿灯，期限已过为红灯；日期与完成词") {
  CHECK(leaf_light("2022年9月底前", "按计划推进", 7) == "green");
  CHECK(leaf_light("2022年9月底前", "按计划推进", 8) == "green");
  CHECK(leaf_light("2022年9月底前", "按计划推进", 9) == "red");  // the 1-9月 report: the deadline has passed
  CHECK(leaf_light("2022年9月15日前", "进行中", 9) == "red");
  CHECK(leaf_light("9月底前", "进行中", 7) == "green");  // the file's year
  CHECK(leaf_light("2022年9月底前", "按时完成", 7) == "green");
  CHECK(leaf_light("2022年9月底前", "逾期", 7) == "red");
  CHECK(leaf_light("2022年9月底前", "2022年6月20日", 7) == "green");
  CHECK(leaf_light("2022年9月底前", "2022年9月30日", 10) == "green");
  CHECK(leaf_light("2022年9月底前", "2022年10月8日", 10) == "red");
  CHECK(leaf_light("2022年9月底前", "部分达成", 7) == "yellow");
  CHECK(leaf_light("2022年9月底前", "未达成", 7) == "red");
  CHECK(leaf_light("2022年9月底前", "还行", 7).rfind("ERROR", 0) == 0);
}

TEST_CASE("定性指标：达成 / 部分达成 / 未达成 的词来自规则集") {
  CHECK(leaf_light("有效提升", "达成") == "green");
  CHECK(leaf_light("有效提升", "达成预期指标") == "green");
  CHECK(leaf_light("有效提升", "部分达成") == "yellow");
  CHECK(leaf_light("有效提升", "未达成") == "red");
  const std::string e = leaf_light("有效提升", "效果明显");
  CHECK(e.find("monitor-bad-word") == std::string::npos);  // messages are formatted, codes are not printed
  CHECK(e.find("不是规定的词") != std::string::npos);
  // Data, not code: a rule set that adds a word.
  jx::RuleSet r = mof();
  r.monitor.qualitative[0].words.push_back("效果明显");
  CHECK(leaf_light("有效提升", "效果明显", 12, "数量指标", "", r) == "green");
  // A quantitative target wants a number.
  CHECK(leaf_light("≥5个", "达成").find("应为一个数") != std::string::npos);
  CHECK(leaf_light("≥5个", "3人").find("单位") != std::string::npos);
}

TEST_CASE("项目取最差的灯：红 > 黄 > 绿 > 蓝，预算执行灯按规则集计入") {
  const auto worst = [](const std::vector<std::string>& values, const std::string& executed,
                        const jx::RuleSet& r) -> std::string {
    std::vector<Leaf> leaves;
    for (std::size_t i = 0; i < values.size(); ++i) {
      leaves.push_back(
          make("指标" + std::to_string(i), "≥100个", "{12: {value: \"" + values[i] + "\"}}"));
    }
    const Judged j = judge(project(leaves, "100", "{12: {executed: " + executed + "}}"), 12, r);
    REQUIRE(j.errors.empty());
    REQUIRE(j.outcome.light);
    return jx::light_id(*j.outcome.light);
  };
  CHECK(worst({"130", "100"}, "100", mof()) == "green");
  CHECK(worst({"130", "130"}, "100", mof()) == "green");  // the budget's green beats two blues
  CHECK(worst({"130", "70"}, "100", mof()) == "yellow");
  CHECK(worst({"10", "70", "130"}, "100", mof()) == "red");
  CHECK(worst({"100"}, "50", mof()) == "red");  // the budget's red
  jx::RuleSet r = mof();
  r.monitor.project_includes_budget = false;
  CHECK(worst({"100"}, "50", r) == "green");
  CHECK(worst({"130", "130"}, "10", r) == "blue");
}

TEST_CASE("缺少数据：没有 M 月、资金或某指标缺少 M 月，都是清楚的错误") {
  const Leaf a = make("甲", "≥5个", "{7: {value: \"3个\"}}");
  const Leaf b = make("乙", "≥5个", "{3: {value: \"1个\"}}");
  {
    const Judged j = judge(project({a}, "100", "{7: {executed: 50}}"), 6, mof());
    CHECK(j.errors.find("文件中没有 6 月的监控数据") != std::string::npos);
    CHECK(j.errors.find("文件中有 7 月的数据") != std::string::npos);
    CHECK_FALSE(j.outcome.light);
  }
  {
    const Judged j = judge(project({a, b}, "100", "{7: {executed: 50}, 3: {executed: 10}}"), 7, mof());
    CHECK(j.errors.find("指标“乙”缺少 7 月的监控数据") != std::string::npos);
    CHECK(j.errors.find("甲") == std::string::npos);
    CHECK_FALSE(j.outcome.light);
  }
  {
    const Judged j = judge(project({a}, "100", ""), 7, mof());
    CHECK(j.errors.find("项目资金缺少 7 月的执行数") != std::string::npos);
  }
  {
    // An indicator that does not apply needs no snapshot.
    const Leaf c = make("丙", "≥5个", "", "            applicable: false\n");
    const Judged j = judge(project({a, c}, "100", "{7: {executed: 50}}"), 7, mof());
    CHECK(j.errors.empty());
    CHECK(j.outcome.leaves.size() == 1);
  }
  {
    const Leaf e = make("丁", "≥5个", "{7: {value: \"\"}}");
    const Judged j = judge(project({e}, "100", "{7: {executed: 50}}"), 7, mof());
    CHECK(j.errors.find("是空的") != std::string::npos);
  }
}

// ---- Generated snapshots: the lights computed independently ----

namespace {

using i128 = __int128;
constexpr std::int64_t kM = 1'000'000;

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

// round-half-up(num / den) for num ≥ 0, den > 0.
std::int64_t half_up(i128 num, i128 den) {
  return static_cast<std::int64_t>((2 * num + den) / (2 * den));
}

// The rule text: v×100 (2 decimals) against 60 / 80 / 120.
std::string positive_light(std::int64_t v100) {
  return v100 >= 12000 ? "blue" : v100 >= 8000 ? "green" : v100 >= 6000 ? "yellow" : "red";
}
std::string budget_band(std::int64_t v100) {
  return v100 >= 8000 ? "green" : v100 >= 6000 ? "yellow" : "red";
}
int severity(const std::string& l) {
  return l == "red" ? 3 : l == "yellow" ? 2 : l == "green" ? 1 : 0;
}

std::string dec(std::int64_t raw) {
  return jx::Decimal::from_raw(raw).to_plain();
}

}  // namespace

TEST_CASE("生成的监控数据：灯色与按规则文字独立计算的一致（种子可复现）") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 g(seed);
  const auto below = [&g](std::int64_t n) { return static_cast<std::int64_t>(g() % static_cast<std::uint64_t>(n)); };
  const jx::RuleSet& r = mof();
  int leaves_checked = 0;
  int projects = 0;
  std::map<std::string, int> seen;  // light → count, so the test knows every light came up
  for (int p = 0; p < 400; ++p, ++projects) {
    const int month = 1 + static_cast<int>(below(12));
    const std::string m = std::to_string(month);
    // Budget and execution in 万元 with up to 2 decimals; sometimes right at a band edge.
    const std::int64_t budget = (1 + below(100000)) * kM / 100;
    std::int64_t executed = below(budget * 2 / kM * 100 + 1) * kM / 100;
    if (below(4) == 0) {
      // v exactly at an edge: executed = edge × budget × M / 1200 when that is a whole cent.
      const std::int64_t edges[] = {60, 80};
      const i128 e = static_cast<i128>(edges[below(2)]) * budget * month;
      if (e % (1200 * 10'000) == 0) executed = static_cast<std::int64_t>(e / 1200);
    }
    const std::int64_t bv100 = half_up(static_cast<i128>(executed) * 1200 * 100, static_cast<i128>(budget) * month);
    std::string expect_project = budget_band(bv100);
    std::vector<Leaf> leaves;
    std::vector<std::string> expect;
    const int n = 1 + static_cast<int>(below(8));
    for (int i = 0; i < n; ++i) {
      Leaf l;
      l.name = "指标" + std::to_string(i);
      std::string value;
      std::string light;
      switch (below(5)) {
        case 0: {  // positive count: target 1..500, value 0..1.5×target, 2 decimals
          const std::int64_t t = (1 + below(500)) * kM;
          const std::int64_t v = below(t / kM * 150 + 1) * kM / 100;
          l.target = "≥" + dec(t) + "个";
          value = dec(v) + "个";
          light = positive_light(half_up(static_cast<i128>(v) * 1200 * 100, static_cast<i128>(t) * month));
          break;
        }
        case 1: {  // a rate, against the whole-year value
          const std::int64_t t = (50 + below(51)) * kM;
          const std::int64_t v = below(10001) * kM / 100;
          l.target = "≥" + dec(t) + "%";
          value = dec(v) + "%";
          light = positive_light(half_up(static_cast<i128>(v) * 100 * 100, t));
          break;
        }
        case 2: {  // a ceiling
          const std::int64_t t = (1 + below(1000)) * kM;
          const std::int64_t v = t + (below(3) - 1) * (below(2) == 0 ? kM / 100 : 0);
          l.target = "≤" + dec(t) + "万元";
          value = dec(v) + "万元";
          light = v <= t ? "green" : "red";
          break;
        }
        case 3: {  // qualitative
          const std::vector<std::pair<std::string, std::string>> words{
              {"达成", "green"}, {"部分达成", "yellow"}, {"未达成", "red"}, {"达成预期指标", "green"}};
          const auto& w = words[static_cast<std::size_t>(below(4))];
          l.target = "有效提升";
          value = w.first;
          light = w.second;
          break;
        }
        default: {  // a deadline in the file's year, pending or done
          const int dm = 1 + static_cast<int>(below(12));
          l.target = "2022年" + std::to_string(dm) + "月底前";
          if (below(2) == 0) {
            value = "按计划推进";
            light = dm > month ? "green" : "red";
          } else {
            const int done = 1 + static_cast<int>(below(12));
            value = "2022年" + std::to_string(done) + "月10日";
            light = done <= dm ? "green" : "red";
          }
        }
      }
      l.monitor = "{" + m + ": {value: \"" + value + "\"}}";
      leaves.push_back(l);
      expect.push_back(light);
      if (severity(light) > severity(expect_project)) expect_project = light;
    }
    const std::string yaml = project(leaves, dec(budget), "{" + m + ": {executed: " + dec(executed) + "}}");
    jx::Diagnostics d;
    auto proj = jx::load::load_project(yaml, d);
    REQUIRE(proj);
    const jx::MonitorOutcome o = jx::compute_lights(*proj, r, month);
    if (o.diagnostics.has_errors()) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), project " << p << ": unexpected error\n"
                   << jxtest::messages(o.diagnostics) << yaml);
    }
    if (!o.budget_v || o.budget_v->raw() != bv100 * 10'000) {
      FAIL("seed " << seed << ", project " << p << ": budget v " << (o.budget_v ? o.budget_v->to_plain() : "none")
                   << ", rule " << bv100 << "/100\n"
                   << yaml);
    }
    REQUIRE(o.leaves.size() == expect.size());
    for (std::size_t i = 0; i < expect.size(); ++i) {
      const std::string got = o.leaves[i].light ? jx::light_id(*o.leaves[i].light) : "none";
      if (got != expect[i]) {
        FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), project " << p << " leaf " << i << " ("
                     << leaves[i].target << " / " << leaves[i].monitor << ", month " << month << "): light " << got
                     << ", rule " << expect[i] << "\n"
                     << o.leaves[i].basis);
      }
      ++seen[got];
      ++leaves_checked;
    }
    // The worst light, the budget's included: blue only when every light is blue (never: the budget has none).
    const std::string got = o.light ? jx::light_id(*o.light) : "none";
    if (got != expect_project) {
      FAIL("seed " << seed << ", project " << p << ": project light " << got << ", rule " << expect_project);
    }
  }
  INFO("seed " << seed);
  CHECK(projects == 400);
  CHECK(leaves_checked > 800);
  for (const char* l : {"green", "yellow", "red", "blue"}) CHECK(seen[l] > 0);
}
