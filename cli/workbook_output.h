// Writing the self-evaluation workbook (自评表) of loaded files: one sheet per
// project, and for a department its table, attached projects, 勾稽检查 and
// 决算图表 sheets. Written atomically (cli/files.h).
#pragma once

#include <string>
#include <vector>

#include "cli/loading.h"

namespace jx::cli {

/// REQUIRES: `loaded` is not empty. Throws on I/O or workbook errors; the
/// target is then untouched.
void write_workbook(const std::string& path, const std::vector<Loaded>& loaded);

}  // namespace jx::cli
