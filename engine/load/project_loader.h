// YAML text → Project (kind: project). Reports every problem of the text to
// `diags` and returns the model when its shape is usable (scoring may still
// find errors). No file access: the caller reads the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/load/yaml_tree.h"
#include "engine/model.h"

namespace jx::load {

/// Which stage of the year the file is read for: a goal form (jixiao goals,
/// validate --stage goals) needs no `funds` (执行数); the year-end
/// self-evaluation does.
enum class Stage { Year, Goals };

std::optional<Project> load_project(std::string_view text, Diagnostics& diags, Stage stage = Stage::Year);

class MapReader;

/// Shared with the department loader: the `funds` block and one indicator
/// (with its children). `department` admits basic/project rows and the
/// formula/scorer/display keys.
Funds read_funds(MapReader& top, Diagnostics& diags, bool department);
Indicator read_indicator(const Node& node, int depth, Diagnostics& diags, bool department);
/// The `goals` block: (预期目标, 实际完成情况), empty when absent.
/// `expected_loc` / `achieved_loc`, when given, receive the texts' positions;
/// `mid_term` the goal form's 中期目标 (`goals.mid_term`).
std::pair<std::string, std::string> read_goals(MapReader& top, Diagnostics& diags, Loc* expected_loc = nullptr,
                                               Loc* achieved_loc = nullptr, std::string* mid_term = nullptr,
                                               Loc* mid_term_loc = nullptr);
/// The `indicators` list into `out`; `loc` is its position, `given` whether the key exists.
void read_indicators(MapReader& top, Diagnostics& diags, bool department, std::vector<Indicator>& out, Loc& loc,
                     bool& given);

/// GBK text read as Latin-1 and saved again as UTF-8 (乱码): one error
/// naming the mix-up, at the first run; true when found. Both loaders call it
/// right after parsing, so a file in 乱码 gives this error and no other.
bool report_mojibake(std::string_view text, Diagnostics& diags);

/// The `kind:` of a document ("project", "department") from its top-level
/// `kind:` line, or "" when there is none. Reports nothing.
std::string document_kind(std::string_view text);

}  // namespace jx::load
