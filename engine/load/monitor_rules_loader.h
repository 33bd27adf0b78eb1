// Reads the `monitor:` section of a rule set (engine/monitor_rules.h). Every
// problem is reported with its position; a rule set without the section
// gets MonitorRules{given = false} (jixiao monitor then says so).
#pragma once

#include "engine/diagnostic.h"
#include "engine/monitor_rules.h"

namespace jx::load {

class MapReader;

/// The section under `top`'s `monitor` key.
MonitorRules read_monitor_rules(MapReader& top, Diagnostics& diags);

}  // namespace jx::load
