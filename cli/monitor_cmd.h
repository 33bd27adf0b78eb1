// `jixiao monitor FILE… --month M [-o 执行监控表.xlsx] [--json] [-q]`: the
// summer stage (绩效运行监控). Each project file's snapshot for month M is
// judged (engine/lights.h) and checked (engine/monitor_checks.h); the terminal
// shows a table with each indicator's light and the project's; --json the
// JSON of reports/monitor_json.h; -o the 项目支出绩效目标执行监控表 workbook
// (one sheet per file, reports/monitor_table.h).
//
// Reads project files itself (not through cli/loading): in summer a file has
// targets but no year-end actuals, which scoring would refuse. Exit status as
// the rest of the CLI: 0 judged (warnings allowed), 1 an input has errors
// (nothing written), 2 usage or I/O.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jx::cli {

struct MonitorOptions {
  std::vector<std::string> files;
  std::string month;  ///< as typed; must be 1–12
  std::string output;
  bool json = false;
  bool quiet = false;
  std::vector<std::filesystem::path> rules_search;
};

int cmd_monitor(const MonitorOptions& opt);

}  // namespace jx::cli
