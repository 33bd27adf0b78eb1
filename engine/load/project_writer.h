// Project → YAML text (kind: project) that load_project reads back to the
// same model: what `jixiao import` writes. No yaml-cpp: the text is built
// directly, every string double-quoted with escapes, numbers as exact plain
// decimals. Keeps the declared scores (declared_score on each leaf, on the
// funds and on the file) and the qualitative grade and score.
#pragma once

#include <string>
#include <string_view>

#include "engine/model.h"

namespace jx::load {

/// The YAML document; `source` (e.g. "表.xlsx:Sheet1") goes into the header comment.
std::string write_project_yaml(const Project& project, std::string_view source);

/// A double-quoted YAML scalar: "…" with \\, \", \n, \t and other control
/// characters escaped.
std::string yaml_quote(std::string_view text);

}  // namespace jx::load
