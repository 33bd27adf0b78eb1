// The `monitor:` keys of a project file (engine/load/monitor_yaml.h) and the
// monitoring cross checks (engine/monitor_checks.h): months validated with
// clear errors, the writer's round trip, and each check both where it must
// fire and where it must not (false positives hunted as hard as misses),
// plus generated forecast/actual pairs against the threshold computed
// independently (seeded: JIXIAO_SEED=N).
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <set>
#include <string>

#include "engine/findings.h"
#include "engine/load/project_writer.h"
#include "engine/monitor_checks.h"
#include "tests/support.h"

namespace {

const jx::RuleSet& mof() {
  static const jx::RuleSet r = jxtest::rules("mof2020");
  return r;
}

// one_leaf(…) with a monitor block on the tested leaf and on the funds.
std::string with_monitor(const std::string& leaf_monitor, const std::string& funds_monitor = "{7: {executed: 60}}",
                         const std::string& target = "≥10个", const std::string& actual = "10个",
                         const std::string& note = "", const std::string& funds = "") {
  std::string leaf = "            target: \"" + target + "\"\n";
  if (!actual.empty()) leaf += "            actual: \"" + actual + "\"\n";
  if (!note.empty()) leaf += "            note: \"" + note + "\"\n";
  if (!leaf_monitor.empty()) leaf += "            monitor:\n" + leaf_monitor;
  std::string s = jxtest::one_leaf(
      leaf, "10", "{initial: 100, budget: 100, executed: 100}\n  monitor: " + funds_monitor + funds);
  // The filler leaf needs its snapshot too (every applicable leaf is monitored).
  const std::string filler = "            actual: \"1个\"\n";
  const auto at = s.rfind(filler);
  if (at != std::string::npos) {
    s.insert(at + filler.size(), "            monitor: {7: {value: \"1个\"}}\n");
  }
  return s;
}

std::string codes(const jx::Diagnostics& d, jx::Severity sev) {
  std::string out;
  for (const auto& x : d.sorted()) {
    if (x.severity == sev) out += x.code + " ";
  }
  return out;
}

std::string monitor_codes(const jx::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.sorted()) {
    if (x.code.rfind("monitor-", 0) == 0) out += x.code + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("monitor 的月份：1～12 的整数，错误一次全部报告") {
  jx::Diagnostics d;
  const std::string yaml = jxtest::one_leaf(
      "            target: \"≥5个\"\n"
      "            monitor:\n"
      "              13: {value: \"1个\"}\n"
      "              0: {value: \"1个\"}\n"
      "              七: {value: \"1个\"}\n"
      "              7.5: {value: \"1个\"}\n"
      "              7: {value: \"3个\"}\n"
      "              07: {value: \"3个\"}\n"
      "              ８: {value: \"4个\"}\n",
      "10", "{initial: 1, budget: 1, executed: 1}\n  monitor: {7: {executed: 0.5, forcast: 1}, 13: {executed: 1}}");
  auto p = jx::load::load_project(yaml, d);
  REQUIRE(p);
  const std::string all = jxtest::messages(d);
  CHECK(codes(d, jx::Severity::Error) ==
        "unknown-key bad-month bad-month bad-month bad-month bad-month duplicate-month ");
  INFO(all);
  CHECK(all.find("t.yaml:7:45: 错误: 监控月份“13”应为 1～12 的整数") != std::string::npos);
  CHECK(all.find("t.yaml:17:15: 错误: 监控月份“13”") != std::string::npos);
  CHECK(all.find("t.yaml:7:32: 错误: 资金 7 月监控数据中有未知字段“forcast”") != std::string::npos);
  CHECK(all.find("监控月份“0”") != std::string::npos);
  CHECK(all.find("监控月份“七”") != std::string::npos);
  CHECK(all.find("监控月份“7.5”") != std::string::npos);
  CHECK(all.find("7 月的监控数据写了两次") != std::string::npos);
  CHECK(all.find("forcast") != std::string::npos);  // did-you-mean forecast
  // The good months are kept: 7 and the full-width ８.
  const auto& leaf = p->indicators[0].children[0].children[0];
  CHECK(leaf.monitor.size() == 2);
  CHECK(leaf.monitor.count(7) == 1);
  CHECK(leaf.monitor.count(8) == 1);
}

TEST_CASE("月份也可写成 7月、1-7月；与 7 重复时报错") {
  jx::Diagnostics d;
  auto p = jx::load::load_project(
      jxtest::one_leaf("            target: \"≥5个\"\n"
                       "            monitor: {\"1-7月\": {value: \"1个\"}, 8月: {value: \"2个\"}, 1～9月: {value: \"3个\"}, "
                       "7: {value: \"4个\"}, \"1-\": {value: \"5个\"}, 月: {value: \"6个\"}}\n"),
      d);
  REQUIRE(p);
  CHECK(codes(d, jx::Severity::Error) == "duplicate-month bad-month bad-month ");
  const auto& m = p->indicators[0].children[0].children[0].monitor;
  REQUIRE(m.size() == 3);
  CHECK(*m.at(7).value == "1个");
  CHECK(*m.at(8).value == "2个");
  CHECK(*m.at(9).value == "3个");
}

TEST_CASE("monitor 的形状：列表、缺 value、上级指标不能写 monitor") {
  {
    jx::Diagnostics d;
    jx::load::load_project(jxtest::one_leaf("            target: \"≥5个\"\n            monitor: [7, 8]\n"), d);
    CHECK(jxtest::messages(d).find("字段“monitor”应为按月份填写的监控数据") != std::string::npos);
  }
  {
    jx::Diagnostics d;
    jx::load::load_project(
        jxtest::one_leaf("            target: \"≥5个\"\n            monitor: {7: {forecast: \"5个\"}}\n"), d);
    CHECK(jxtest::messages(d).find("缺少字段“value”") != std::string::npos);
  }
  {
    jx::Diagnostics d;
    std::string yaml = jxtest::one_leaf("            target: \"≥5个\"\n");
    yaml.replace(yaml.find("      - name: 数量指标\n"), std::string("      - name: 数量指标\n").size(),
                 "      - name: 数量指标\n        monitor: {7: {value: \"1\"}}\n");
    jx::load::load_project(yaml, d);
    CHECK(codes(d, jx::Severity::Error).find("inner-node-value") != std::string::npos);
  }
  {
    // reasons: one word or a list; a list of lists is an error.
    jx::Diagnostics d;
    auto p = jx::load::load_project(
        jxtest::one_leaf("            target: \"≥5个\"\n            monitor: {7: {value: \"1个\", reasons: 其他, note: x}, "
                         "8: {value: \"2个\", reasons: [[其他]]}}\n"),
        d);
    REQUIRE(p);
    CHECK(p->indicators[0].children[0].children[0].monitor.at(7).reasons == std::vector<std::string>{"其他"});
    CHECK(jxtest::messages(d).find("偏差原因的每一项应为文字") != std::string::npos);
  }
}

TEST_CASE("没有 monitor 的文件照旧：评分、警告都不变") {
  const jxtest::Scored a = jxtest::score_text(jxtest::one_leaf("            target: \"≥5个\"\n            actual: \"5个\"\n"),
                                              mof());
  CHECK_FALSE(a.diags.has_errors());
  CHECK(monitor_codes(a.diags).empty());
  CHECK(a.score.total.to_string(2) == "100.00");
}

TEST_CASE("project_writer 写出的 monitor 读回相同") {
  const std::string yaml = with_monitor(
      "              7: {value: \"3个\", forecast: \"10个\", reasons: [经费保障, 其他], possibility: 有可能, note: \"资金\\\"晚到\\\"\"}\n"
      "              3: {value: \"1个\"}\n",
      "{3: {executed: 10}, 7: {executed: 60, forecast: 99.5}}");
  jx::Diagnostics d;
  auto p = jx::load::load_project(yaml, d);
  REQUIRE(p);
  REQUIRE_FALSE(d.has_errors());
  const std::string written = jx::load::write_project_yaml(*p, "t.xlsx");
  jx::Diagnostics d2;
  auto q = jx::load::load_project(written, d2);
  INFO(written);
  REQUIRE(q);
  REQUIRE_FALSE(d2.has_errors());
  CHECK(jx::load::write_project_yaml(*q, "t.xlsx") == written);
  const auto& a = p->indicators[0].children[0].children[0].monitor;
  const auto& b = q->indicators[0].children[0].children[0].monitor;
  REQUIRE(b.size() == 2);
  CHECK(b.at(7).value == a.at(7).value);
  CHECK(b.at(7).forecast == a.at(7).forecast);
  CHECK(b.at(7).reasons == a.at(7).reasons);
  CHECK(b.at(7).possibility == a.at(7).possibility);
  CHECK(b.at(7).note == "资金\"晚到\"");
  CHECK(b.at(3).value == a.at(3).value);
  CHECK_FALSE(b.at(3).forecast);
  CHECK(q->funds.monitor.at(7).forecast->to_plain() == "99.5");
  CHECK(q->funds.monitor.at(3).executed->to_plain() == "10");
  CHECK_FALSE(q->funds.monitor.at(3).forecast);
}

TEST_CASE("原因或可能性已填而无说明：警告；有说明或确定能时不警告") {
  const auto check = [](const std::string& snapshot) {
    const jxtest::Scored s = jxtest::score_text(with_monitor("              7: " + snapshot + "\n"), mof());
    return monitor_codes(s.diags);
  };
  CHECK(check("{value: \"6个\", reasons: [经费保障]}") == "monitor-note-missing ");
  CHECK(check("{value: \"6个\", reasons: [经费保障], note: 资金晚到}").empty());
  CHECK(check("{value: \"6个\", possibility: 有可能}") == "monitor-note-missing monitor-reason-missing ");
  CHECK(check("{value: \"6个\", possibility: 有可能, note: 资金晚到}") == "monitor-reason-missing ");
  CHECK(check("{value: \"6个\", possibility: 有可能, reasons: [其他], note: 资金晚到}").empty());
  CHECK(check("{value: \"6个\", possibility: 不可能, reasons: [其他], note: 停建}").empty());  // 黄石's word
  CHECK(check("{value: \"6个\", possibility: 确定能}").empty());
  CHECK(check("{value: \"6个\"}").empty());
  CHECK(check("{value: \"6个\", possibility: 确定能, note: 进展顺利}").empty());
  // Words outside the rule set's lists are errors.
  CHECK(check("{value: \"6个\", reasons: [经费不足], note: x}") == "monitor-bad-reason ");
  CHECK(check("{value: \"6个\", possibility: 可能}") == "monitor-bad-possibility ");
}

TEST_CASE("某月红灯、年终为优而没有说明：警告；有说明、不是优或没有红灯时不警告") {
  // 10 of 90 points; at month 7 the leaf's v = 2 × 1200 / (10 × 7) = 34.29 → red.
  const auto check = [](const std::string& value, const std::string& note, const std::string& actual) {
    const jxtest::Scored s = jxtest::score_text(
        with_monitor("              7: {value: \"" + value + "\"}\n", "{7: {executed: 60}}", "≥10个", actual, note),
        mof());
    INFO(jxtest::messages(s.diags));
    REQUIRE_FALSE(s.diags.has_errors());
    return monitor_codes(s.diags) + s.score.grade;
  };
  CHECK(check("2个", "", "10个") == "monitor-red-unexplained 优");
  CHECK(check("2个", "下半年集中开展", "10个") == "优");
  CHECK(check("6个", "", "10个") == "优");  // 85.71: green
  CHECK(check("3.5个", "", "10个") == "优");  // 60.00: yellow, not red
  CHECK(check("3.49个", "", "10个") == "monitor-red-unexplained 优");  // 59.83
  // Not 优 at year end (the leaf missed its target: 80 % of 10 points … and the budget).
  const jxtest::Scored s = jxtest::score_text(
      with_monitor("              7: {value: \"2个\"}\n", "{7: {executed: 60}}", "≥10个", "1个"), mof());
  CHECK(s.score.grade == "优");  // 91.00: still 优 → warned
  CHECK(monitor_codes(s.diags) == "monitor-red-unexplained ");
  // The budget red at month 7 (v = 20 × 1200 / 700 = 34.29) and no funds.reason.
  const jxtest::Scored b = jxtest::score_text(with_monitor("              7: {value: \"6个\"}\n", "{7: {executed: 20}}"), mof());
  CHECK(monitor_codes(b.diags) == "monitor-red-unexplained ");
  const jxtest::Scored c = jxtest::score_text(
      with_monitor("              7: {value: \"6个\"}\n", "{7: {executed: 20}}", "≥10个", "10个", "", "\n  reason: 年中追加"),
      mof());
  CHECK(monitor_codes(c.diags).empty());
}

TEST_CASE("红灯而年终为良：不警告") {
  // Budget 100, executed 50 at year end → 5 of 10 budget points; the leaf 0 → total below 90.
  std::string yaml = with_monitor("              7: {value: \"2个\"}\n", "{7: {executed: 60}}", "≥10个", "1个");
  yaml.replace(yaml.find("executed: 100}"), std::string("executed: 100}").size(), "executed: 20}");
  const jxtest::Scored s = jxtest::score_text(yaml, mof());
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.grade != "优");
  CHECK(monitor_codes(s.diags).find("monitor-red-unexplained") == std::string::npos);
}

TEST_CASE("全年预计与年终实际相差超过 20%：警告；恰好 20% 不警告") {
  const auto check = [](const std::string& forecast, const std::string& actual, const std::string& target = "≥10个") {
    const jxtest::Scored s = jxtest::score_text(
        with_monitor("              7: {value: \"6个\", forecast: \"" + forecast + "\"}\n", "{7: {executed: 60}}",
                     target, actual),
        mof());
    INFO(jxtest::messages(s.diags));
    return monitor_codes(s.diags).find("monitor-forecast-off") != std::string::npos ? "monitor-forecast-off "
                                                                                   : std::string();
  };
  CHECK(check("10个", "10个").empty());
  CHECK(check("12个", "10个").empty());  // exactly 20 %
  CHECK(check("8个", "10个").empty());
  CHECK(check("12.01个", "10个") == "monitor-forecast-off ");
  CHECK(check("7.99个", "10个") == "monitor-forecast-off ");
  CHECK(check("12", "10个").empty());  // a bare forecast takes the target's unit
  CHECK(check("1.2万个", "10000个", "≥10000个").empty());
  CHECK(check("1个", "0个", "≥0个") == "monitor-forecast-off ");
  CHECK(check("0个", "0个", "≥0个").empty());
  CHECK(check("达成", "10个").empty());  // not a number: not compared
  // The funds: the latest forecast against the year-end execution (100).
  const auto funds = [](const std::string& fm) {
    const jxtest::Scored s = jxtest::score_text(with_monitor("              7: {value: \"6个\"}\n", fm), mof());
    return monitor_codes(s.diags);
  };
  CHECK(funds("{7: {executed: 60, forecast: 120}}").empty());
  CHECK(funds("{7: {executed: 60, forecast: 120.01}}") == "monitor-forecast-off ");
  CHECK(funds("{7: {executed: 40, forecast: 50}}") == "monitor-forecast-off ");
  CHECK(funds("{7: {executed: 60, forecast: 59}}") == "monitor-forecast-below-executed monitor-forecast-off ");
}

TEST_CASE("生成的预计 / 实际对：偏离判断与独立计算一致（种子可复现）") {
  std::uint64_t seed = std::random_device{}();
  if (const char* s = std::getenv("JIXIAO_SEED")) seed = std::strtoull(s, nullptr, 10);
  std::mt19937_64 g(seed);
  const auto below = [&g](std::int64_t n) { return static_cast<std::int64_t>(g() % static_cast<std::uint64_t>(n)); };
  int flagged = 0, quiet = 0;
  for (int i = 0; i < 300; ++i) {
    // Whole hundredths; the forecast often right at ±20 % of the actual.
    const std::int64_t actual = below(100000);  // hundredths
    std::int64_t forecast = below(200000);
    if (below(3) == 0 && actual % 5 == 0) forecast = actual + (below(2) ? 1 : -1) * actual / 5 + (below(3) - 1);
    if (forecast < 0) forecast = 0;
    const auto text = [](std::int64_t h) { return jx::Decimal::from_raw(h * 10'000).to_plain() + "个"; };
    const std::int64_t diff = forecast > actual ? forecast - actual : actual - forecast;
    const bool expect = diff * 5 > actual;  // |f − a| > 0.2 × a, in integers
    const jxtest::Scored s = jxtest::score_text(
        with_monitor("              7: {value: \"1个\", forecast: \"" + text(forecast) + "\"}\n", "{7: {executed: 60}}",
                     "≥1000个", text(actual), "说明"),
        mof());
    const bool got = monitor_codes(s.diags).find("monitor-forecast-off") != std::string::npos;
    if (s.diags.has_errors() || got != expect) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), pair " << i << ": forecast " << text(forecast)
                   << ", actual " << text(actual) << ": flagged " << got << ", rule " << expect << "\n"
                   << jxtest::messages(s.diags));
    }
    (expect ? flagged : quiet)++;
  }
  INFO("seed " << seed);
  CHECK(flagged > 0);
  CHECK(quiet > 0);
}

TEST_CASE("年终评分时某月监控数据不完整：一条警告，不是错误；读不懂的值仍是错误") {
  // The filler leaf has a month-7 snapshot, the tested leaf only month 3; the funds only month 7.
  const jxtest::Scored s = jxtest::score_text(with_monitor("              3: {value: \"2个\"}\n"), mof());
  INFO(jxtest::messages(s.diags));
  CHECK_FALSE(s.diags.has_errors());
  CHECK(s.score.total.to_string(2) == "100.00");
  // Month 3: the funds and the filler are missing; month 7: the tested leaf.
  CHECK(monitor_codes(s.diags) == "monitor-incomplete monitor-incomplete ");
  const std::string all = jxtest::messages(s.diags);
  CHECK(all.find("3 月的监控数据不完整：项目资金缺少 3 月的执行数") != std::string::npos);
  CHECK(all.find("7 月的监控数据不完整：指标“被测指标”缺少 7 月的监控数据") != std::string::npos);
  const jxtest::Scored bad = jxtest::score_text(with_monitor("              7: {value: \"很多\"}\n"), mof());
  CHECK(codes(bad.diags, jx::Severity::Error) == "monitor-bad-value ");
}

// The bureau's batch: every monitoring warning a scored file carries becomes
// a finding of 问题清单 with its label (engine/findings.h), and nothing else
// is invented for a file whose snapshots are in order.
TEST_CASE("批量汇总的问题清单：运行监控的交叉检查各成一条，带中文标签") {
  const auto findings_of = [](const std::string& yaml) {
    const jxtest::Scored s = jxtest::score_text(yaml, mof());
    REQUIRE_FALSE(s.diags.has_errors());
    std::multiset<std::string> found, warned;
    for (const auto& f : jx::find_findings(s.score, mof())) {
      if (f.code.rfind("monitor-", 0) != 0) continue;
      CHECK_FALSE(jx::finding_kind_label(f.code).empty());
      found.insert(f.code);
    }
    for (const auto& d : s.diags.items()) {
      if (d.code.rfind("monitor-", 0) == 0) warned.insert(d.code);
    }
    CHECK(found == warned);  // each monitoring warning of the score is one finding
    std::string out;
    for (const auto& c : found) out += c + " ";  // in code order
    return out;
  };
  CHECK(findings_of(with_monitor("              7: {value: \"6个\"}\n")).empty());
  CHECK(findings_of(with_monitor("              7: {value: \"2个\"}\n")) == "monitor-red-unexplained ");
  CHECK(findings_of(with_monitor("              7: {value: \"6个\"}\n", "{7: {executed: 60, forecast: 59}}")) ==
        "monitor-forecast-below-executed monitor-forecast-off ");
  CHECK(findings_of(with_monitor("              7: {value: \"6个\", forecast: \"7.99个\"}\n")) ==
        "monitor-forecast-off ");
  // Every warning code the monitoring checks can give has a finding kind.
  for (const char* code : {"monitor-red-unexplained", "monitor-forecast-off", "monitor-forecast-below-executed",
                           "monitor-note-missing", "monitor-reason-missing", "monitor-incomplete"}) {
    CHECK_FALSE(jx::finding_kind_label(code).empty());
  }
}
