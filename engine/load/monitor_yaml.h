// The `monitor:` keys of a project file (运行监控 snapshots, engine/monitor.h)
// in both directions: read from the YAML tree with every problem reported
// at its position, and written back as text that reads to the same model
// (project_writer's round trip).
//
// Contract:
// - A `monitor` value is a map from month to snapshot; a month is an integer
//   1–12 ("7" = 1–7月). Anything else, a month given twice ("7" and "07"),
//   or a snapshot that is not a map is an error; the other months are kept.
// - Funds snapshot keys: executed, forecast (万元, numbers like every fund
//   figure). Indicator snapshot keys: value, forecast (text, read against the
//   target later), reasons (a list or one word), possibility, note.
// - Words are not checked here (they are rule-set data, see engine/lights.h).
#pragma once

#include <string>

#include "engine/diagnostic.h"
#include "engine/load/yaml_tree.h"
#include "engine/monitor.h"

namespace jx::load {

/// funds: monitor: {7: {executed: 52.3, forecast: 89.66}}
FundsMonitor read_funds_monitor(const Node& node, Diagnostics& diags);
/// An indicator's monitor: {7: {value: "3个", forecast: "5个", possibility: 确定能}}
IndicatorMonitor read_indicator_monitor(const Node& node, Diagnostics& diags);

/// `monitor:` lines for a funds block / an indicator, each line starting with
/// `indent`; "" when there are no snapshots.
std::string write_funds_monitor(const FundsMonitor& m, const std::string& indent);
std::string write_indicator_monitor(const IndicatorMonitor& m, const std::string& indent);

}  // namespace jx::load
