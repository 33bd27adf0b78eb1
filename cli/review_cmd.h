// `jixiao import TABLE.xlsx [-o project.yaml]` and
// `jixiao review FILE.xlsx… [-o 复核结果.xlsx] [--json] [--rules NAME]`:
// submitted 自评表 workbooks read back, turned into project files, and
// reviewed against the rules. Exit codes as the rest of the CLI: 0 done,
// 1 some input could not be read or recognised, 2 usage or I/O error.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jx::cli {

struct TableOptions {
  std::vector<std::string> files;
  std::string output;
  std::string rules;  ///< rule-set id; "" = the one the table names, else mof2020
  std::string sheet;  ///< import: which table when the workbook holds several
  bool json = false;
  bool quiet = false;
};

int cmd_import(const TableOptions& opt, const std::vector<std::filesystem::path>& rules_search,
               const std::vector<std::filesystem::path>& layout_dirs);
int cmd_review(const TableOptions& opt, const std::vector<std::filesystem::path>& rules_search,
               const std::vector<std::filesystem::path>& layout_dirs);

}  // namespace jx::cli
