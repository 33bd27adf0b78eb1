// What identifies an input file even when it cannot be scored: kind, name,
// year, rule set, department and unit, as far as they can be read. Used by
// the outputs that must still say which file a problem belongs to (the JSON
// object of a file with errors, a department's attached project that failed).
// Best effort and silent: a field that cannot be read is left empty.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jx::load {

struct FileHeader {
  std::string kind;  ///< "project", "department" or "" (unknown)
  std::string name;  ///< project: `project`; department: `department`
  std::optional<int> year;
  std::string rules;
  std::string department;  ///< 主管部门
  std::string unit;        ///< 实施单位 (a department: its own name)
};

/// The value of a top-level `key: value` line, found by a line scan (not a
/// parse; a UTF-8 BOM, a trailing " # comment" and surrounding quotes are
/// dropped); "" when there is no such line. Used where the file is parsed
/// later, or cannot be parsed at all.
std::string top_level_value(std::string_view text, std::string_view key);

/// Reads the header fields of a YAML text; never reports, never throws.
FileHeader read_file_header(std::string_view text);

}  // namespace jx::load
