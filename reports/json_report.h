// The `--json` output: a JSON array with one object per input file.
//
// Object fields: file, kind, name, year, rules, department, unit, the
// Sichuan form's optional texts on project objects (code, content,
// conclusion, problems, improvements: null when absent; leads {project,
// finance} or null), total,
// grade, declared_score (null when absent), budget {initial, budget,
// executed, rate (per cent, 2 decimals), weight, score, items_total and, on
// project objects, special and unit_funds {initial, budget, executed} or
// null when the file does not give the row},
// indicators [{path, weight, target, actual, applicable, score, basis, note,
// declared_score}], errors [], warnings [{file, line, col, column, code,
// message, hint}] (`column` is the same as `col`, kept for existing readers).
// A file with errors has the same object with total, grade, declared_score,
// difference, rescaled and budget null, no indicators, the identifying
// fields that could be read (null when unknown) and errors [{file, line, col,
// code, message, hint}] (line and col 0: the whole file); the array always
// holds every input file in order.
// Department objects (kind "department") have the same fields plus facts
// [{name, value, prior, unit, formula, source}], checks [{name, left, right,
// left_value, right_value, difference, ok}], projects [project objects, in
// the order the department lists them, those with errors included] and,
// on computed indicators, value, formula and inputs {fact: value}.
// Numbers are exact decimals printed with 2 decimals (money, scores) so that
// no binary-float noise reaches the reader.
#pragma once

#include <string>
#include <vector>

#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/diagnostic.h"
#include "engine/load/file_header.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::reports {

struct ScoredFile {
  std::string file;
  const Project* project = nullptr;  ///< set for a project file
  const RuleSet* rules = nullptr;
  const ProjectScore* score = nullptr;
  // Department files: the department, its score and its attached projects.
  const Department* department = nullptr;
  const DepartmentScore* department_score = nullptr;
  std::vector<ScoredFile> projects;
  // A file with errors (total null): what identifies it, and all its
  // diagnostics. A department with errors may still have `department` and
  // `projects` (what could be read and scored).
  const load::FileHeader* failed = nullptr;
  const Diagnostics* diagnostics = nullptr;
};

std::string to_json(const std::vector<ScoredFile>& files);

/// `validate --json`: a JSON array with one object per input file, in
/// order, bad files included: file, kind, name, year, rules, department,
/// unit (null when unknown), valid (false when the file has errors), errors
/// and warnings as in to_json; a department also has projects [the same
/// objects for its attached projects]. No scores, budget or indicators.
std::string to_validation_json(const std::vector<ScoredFile>& files);

/// JSON string literal with escapes (quotes, backslash, control characters).
std::string json_string(std::string_view s);

/// A flat JSON object written on one line: {"key": value, …}. `raw` takes a
/// value already in JSON (a number, null, an array); `text` quotes a string.
class JsonLine {
 public:
  JsonLine& raw(std::string_view key, const std::string& value) {
    s_ += (s_.empty() ? "{" : ", ") + json_string(key) + ": " + value;
    return *this;
  }
  JsonLine& text(std::string_view key, std::string_view value) { return raw(key, json_string(value)); }
  [[nodiscard]] std::string done() const { return s_.empty() ? "{}" : s_ + "}"; }

 private:
  std::string s_;
};

}  // namespace jx::reports
