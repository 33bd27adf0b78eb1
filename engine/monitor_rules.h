// The rule set's 运行监控 part (`monitor:` in indicators/rules/*.yaml): the
// traffic-light bands, the words the monitoring columns may hold and the
// thresholds of the cross checks. Plain data; engine/lights.h and
// engine/monitor_checks.h implement the mechanisms.
//
// Sources (../shared/docs/lifecycle.md §2): the bands and the light of each
// indicator kind are the vendor rules [C]; what is inference [I] (how rates
// and 时效 targets are judged, whether the budget counts in the project's
// light, the cross-check thresholds) is a parameter here, never code.
#pragma once

#include <string>
#include <vector>

#include "engine/decimal.h"

namespace jx {

/// A traffic light. Blue: ahead of schedule (or a target set too low).
enum class Light { Green, Yellow, Red, Blue };

/// v ≥ min → light. Bands are listed highest first; a v below every band
/// takes the last band's light.
struct LightBand {
  Light light = Light::Red;
  Decimal min;
};

/// Words an officer writes for a qualitative indicator so far (达成 …).
struct LightWords {
  Light light = Light::Green;
  std::vector<std::string> words;
};

struct MonitorRules {
  bool given = false;  ///< the rule set has a `monitor:` section
  // v (a percentage of the pro-rata target) is rounded to these digits
  // before it is compared with the bands: 59.995 → 60.00 → yellow.
  int v_digits = 2;
  Rounding v_rounding = Rounding::HalfUp;
  std::vector<LightBand> budget_bands;    ///< v = 执行率 ÷ (M/12) × 100
  std::vector<LightBand> positive_bands;  ///< v = 完成值 ÷ (年度指标值 × M/12) × 100
  /// Percentage targets (合格率 ≥95%): true compares them with the whole-year
  /// value (v = 完成值 ÷ 指标值 × 100), false pro-rates them like counts.
  bool rates_whole_year = true;
  Light ceiling_within = Light::Green;  ///< ≤ / < targets (成本指标 …)
  Light ceiling_over = Light::Red;
  Light equal_met = Light::Green;  ///< "= 0" targets
  Light equal_missed = Light::Red;
  Light deadline_on_time = Light::Green;  ///< 时效 targets: a date or a completion word
  Light deadline_late = Light::Red;
  /// 时效 targets not yet due at month M: a word of `deadline_pending_words`
  /// (按计划推进 …) takes this light; once the deadline has passed, the late one.
  Light deadline_pending = Light::Green;
  std::vector<std::string> deadline_pending_words;
  std::vector<LightWords> qualitative;  ///< 达成 → green …
  std::vector<Light> worst_first;       ///< red, yellow, green, blue: the project takes the first present
  bool project_includes_budget = true;  ///< whether the budget light counts in the project's light
  std::vector<std::pair<Light, std::string>> labels;  ///< green → 绿灯 (printed words)
  std::vector<std::string> reasons;                   ///< 偏差原因 words
  std::vector<std::string> possibilities;             ///< 完成目标可能性 words
  /// Possibilities that need a note (and, when possibility_needs_reason, a reason).
  std::vector<std::string> possibilities_needing_note;
  bool reason_needs_note = true;          ///< a ticked reason needs a note
  bool possibility_needs_reason = false;  ///< 有可能 / 完全不可能 need a reason ticked
  std::vector<std::string> red_then_grades;  ///< year-end grades that contradict a red light (优)
  Decimal forecast_deviation{Decimal::from_raw(200'000)};  ///< |预计 − 实际| / 实际 above this → warning
};

/// "green" | "yellow" | "red" | "blue" (JSON, rule-set keys).
const char* light_id(Light light);
/// The rule set's printed word for a light (绿灯), else its id.
std::string light_label(const MonitorRules& rules, Light light);
/// The worse of two lights in rules.worst_first order.
Light worse(const MonitorRules& rules, Light a, Light b);

}  // namespace jx
