// "Did you mean": the closest of a list of known words to a mistyped one
// (subcommands, options). Pure; used by the command-line parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jx::cli {

/// The candidate nearest to `word` by edit distance (a swap of two
/// neighbouring letters counts as one edit, so `scroe` → `score`), when it
/// is near enough to be a typo: at most 2 edits, and fewer edits than half
/// the word's length. Ties go to the earlier candidate. nullopt otherwise.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates);

/// Edit distance with adjacent transpositions (optimal string alignment), by bytes.
std::size_t typo_distance(std::string_view a, std::string_view b);

}  // namespace jx::cli
