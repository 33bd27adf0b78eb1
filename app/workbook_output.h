// Writing the self-evaluation workbook (自评表) of loaded files: one sheet per
// project, and for a department its table, attached projects, 勾稽检查 and
// 决算图表 sheets. Written atomically (app/files.h).
#pragma once

#include <string>
#include <vector>

#include "app/loading.h"

namespace jx::app {

/// REQUIRES: `loaded` is not empty. Throws on I/O or workbook errors; the
/// target is then untouched.
void write_workbook(const std::string& path, const std::vector<Loaded>& loaded);

/// The same written straight to `path` (not atomically): for a MemoryFile.
void write_workbook_to(const std::string& path, const std::vector<Loaded>& loaded);

}  // namespace jx::app
