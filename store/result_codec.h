// A submission file's batch result as bytes, for the result cache of
// incremental re-runs (store/result_cache.h) and for rows streamed through a
// temporary file: the summary rows (one per table of a workbook), the invalid
// files with every diagnostic, the files read besides the submission, and
// the grade names of the rule sets it was scored with.
//
// Contract: decode(encode(r)) == r, field for field (decimals exactly, as
// their raw fixed-point value; strings byte for byte), except the fields the
// summary computes per run (SubmissionRow::prior_total and rank), which are
// neither encoded nor decoded. Pure: bytes in, bytes out. decode() returns
// nullopt for bytes that are not a complete encoding of this format version
// (a truncated or foreign blob is a cache miss, never a crash).
// kFormat changes whenever the layout below changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/summary.h"

namespace jx::store {

constexpr int kResultFormat = 2;

struct RuleGrades {
  std::string rules;                ///< rule set id
  std::vector<std::string> grades;  ///< its grade names, best first
  bool operator==(const RuleGrades&) const = default;
};

struct StoredResult {
  std::vector<SubmissionRow> rows;
  std::vector<InvalidFile> invalid;
  std::vector<std::string> attached;  ///< files read besides the submission (a department's projects)
  std::vector<RuleGrades> grades;     ///< the rule sets it was scored with
};

std::string encode(const StoredResult& r);
std::optional<StoredResult> decode(std::string_view bytes);

/// One row alone (the same layout as inside a StoredResult).
void encode_row(std::string& out, const SubmissionRow& row);
std::optional<SubmissionRow> decode_row(std::string_view bytes);

}  // namespace jx::store
