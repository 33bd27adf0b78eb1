// `jixiao monitor --json`: a JSON array with one object per input file.
//
// Object fields: file, project, year, rules, month, light (green | yellow |
// red | blue, null when the lights could not all be judged), light_label
// (绿灯 …, the rule set's word), budget_v (the budget's v, a percentage,
// rounded as the rule set says), budget {initial, budget, executed (1-M月),
// forecast (全年预计, null when not given), rate (执行率, per cent, 2
// decimals), v, light}, indicators [{path, target, value, forecast, kind
// (positive | ceiling | equal_zero | deadline | qualitative), v (null except
// for positive indicators), light, basis, reasons [], possibility, note}],
// errors [] and warnings [{file, line, col, code, message, hint}].
// A file with errors has the same fields with month, light and budget null
// where unknown, the indicators judged so far, and its errors.
// Numbers are exact decimals (money 2 decimals, v the rule set's digits).
#pragma once

#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/lights.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx::reports {

struct MonitoredFile {
  std::string file;
  const Project* project = nullptr;  ///< null when the file could not be read
  const RuleSet* rules = nullptr;    ///< null when not found
  const MonitorOutcome* outcome = nullptr;
  const Diagnostics* diagnostics = nullptr;  ///< every diagnostic of the file
};

std::string to_monitor_json(const std::vector<MonitoredFile>& files);

}  // namespace jx::reports
