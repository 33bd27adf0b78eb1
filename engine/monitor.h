// The summer stage's input (绩效运行监控): snapshots keyed by month, as the
// officer writes them beside the funds and each indicator's target. Plain
// data with source positions; built by engine/load/monitor_yaml or by tests.
//
// Contract:
// - Month M (1–12) means "1–M月": figures are cumulative from January.
// - Money is in 万元, like the rest of the funds block.
// - Indicator values and forecasts are kept as written ("3个", "达成"); the
//   lights (engine/lights.h) read them against the indicator's target.
// - Reason and possibility words are kept as written and checked against
//   the rule set's lists (RuleSet::monitor), not here: the words are data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"

namespace jx {

/// funds: monitor: {7: {executed: 52.3, forecast: 89.66}}
struct FundsSnapshot {
  Loc loc;  ///< of the month key
  std::optional<Decimal> executed;  ///< 1-M月执行数
  Loc executed_loc;
  std::optional<Decimal> forecast;  ///< 全年预计执行数
  Loc forecast_loc;
};

/// One indicator's monitor: {7: {value, forecast, reasons, possibility, note}}.
struct IndicatorSnapshot {
  Loc loc;  ///< of the month key
  std::optional<std::string> value;  ///< 1-M月执行情况 (the value so far)
  Loc value_loc;
  std::optional<std::string> forecast;  ///< 全年预计完成情况
  Loc forecast_loc;
  std::vector<std::string> reasons;  ///< 偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
  std::vector<Loc> reason_locs;
  std::optional<std::string> possibility;  ///< 完成目标可能性: 确定能 / 有可能 / 完全不可能
  Loc possibility_loc;
  std::string note;  ///< 原因说明 / 备注
  Loc note_loc;
};

/// Snapshots by month (1–12), in month order.
using FundsMonitor = std::map<int, FundsSnapshot>;
using IndicatorMonitor = std::map<int, IndicatorSnapshot>;

}  // namespace jx
