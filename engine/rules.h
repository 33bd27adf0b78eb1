// A rule set: every number and convention that differs between 财预〔2020〕10号
// and its provincial variants, as plain data read from indicators/rules/*.yaml.
// The engine implements mechanisms; this struct says which and with what
// parameters. Fractions are of an indicator's weight (0.8 = 80 %).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/form_layout.h"
#include "engine/goals.h"
#include "engine/monitor_rules.h"
#include "engine/value.h"

namespace jx {

/// How a reverse (≤, <) indicator loses points when the actual exceeds the target.
enum class ReverseMode {
  Ratio,     ///< target / actual × weight (mof2020)
  Linear2x,  ///< (1 − (actual − target)/target) × weight, 0 at twice the target
};

/// How an "=" target with a non-zero value is scored.
enum class EqualMode {
  Positive,   ///< as ≥: min(actual/target, 1) × weight
  Symmetric,  ///< (1 − |actual − target|/target) × weight, floored at 0
};

struct QualitativeBand {
  std::string name;                   ///< canonical grade: 达成
  std::vector<std::string> synonyms;  ///< 达成预期指标, 达成年度指标 …
  Decimal low;                        ///< fraction of the weight, inclusive
  Decimal high;                       ///< fraction of the weight
  bool high_inclusive = false;        ///< true only for the top band
  Decimal default_fraction;           ///< used when no `score` is given
};

struct GradeBand {
  std::string name;  ///< 优 / 良 / 中 / 差
  Decimal min;       ///< inclusive lower bound of the total
};

struct FirstLevel {
  std::string name;                       ///< 产出指标
  bool has_weight = false;                ///< whether the rule set fixes its weight
  Decimal weight;                         ///< 50
  std::vector<std::string> second_level;  ///< standard 二级 names, in table order
};

struct RuleSet {
  std::string id;    ///< mof2020
  std::string name;  ///< 财政部 财预〔2020〕10号 …
  std::string source;
  /// The rule set's own revision (`version:`; shown by jixiao --version).
  std::string version;
  std::vector<std::string> level_names;  ///< 一级指标, 二级指标, 三级指标: the tree depth

  // 预算执行率: rate = executed / adjusted budget; score = min(rate,1) × weight.
  Decimal budget_weight{10};
  Decimal low_execution{Decimal::from_raw(900'000)};  ///< below: a reason is required (0.9)

  Decimal total_weight{100};  ///< budget + all leaf weights must equal this
  std::vector<FirstLevel> first_levels;
  bool first_level_weights_strict = false;  ///< departures are errors instead of warnings

  // Quantitative leaves.
  ReverseMode reverse = ReverseMode::Ratio;
  EqualMode equal = EqualMode::Positive;
  Decimal too_low_ratio{Decimal::from_raw(1'200'000)};  ///< actual ≥ 1.2 × target → warning
  std::vector<std::string> reverse_second_level;        ///< 二级 whose bare targets are ceilings (成本指标)
  Decimal late_fraction{0};                             ///< 时效: share of the weight when late
  TimeWords deadline_actuals;  ///< completion / grade words a 时效 actual may be (已完成, 达成预期指标 …)

  /// Text left from a template (示例, 请替换 …): a value or note containing one is warned about.
  std::vector<std::string> template_text;

  std::vector<QualitativeBand> bands;  ///< top band first
  std::vector<GradeBand> grades;       ///< highest first; the last has min 0

  int digits = 2;  ///< scores and totals are rounded to this
  Rounding rounding = Rounding::HalfUp;

  /// The printed form when it is not the 财预〔2020〕10号 table (sichuan2023: 510000_0013zp).
  std::optional<FormLayout> form;

  GoalRules goal_checks;  ///< the goal checks' data (engine/goal_checks.h)
  /// 运行监控: light bands, words and cross-check thresholds (`monitor:`).
  MonitorRules monitor;
};

/// The band whose name or synonym equals `word`, or nullptr.
const QualitativeBand* find_band(const RuleSet& rules, std::string_view word);

/// The grade of a rounded total (bounds belong to the upper band: 90.00 → 优).
std::string grade_of(const RuleSet& rules, Decimal total);

/// The rule set's entry for a 一级 name, or nullptr.
const FirstLevel* find_first_level(const RuleSet& rules, std::string_view name);

}  // namespace jx
