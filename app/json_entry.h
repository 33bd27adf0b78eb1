// A loaded file as the JSON report's entry (reports/json_report.h): what
// `score --json`, `validate --json` and POST /api/score print. The entry
// points into `loaded`, which must outlive it.
#pragma once

#include "app/loading.h"
#include "reports/json_report.h"

namespace jx::app {

reports::ScoredFile json_entry(const Loaded& loaded);

}  // namespace jx::app
