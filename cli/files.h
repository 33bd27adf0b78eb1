// File-system edge of the command line: reading inputs, finding rule sets,
// and writing outputs atomically (temporary file + rename, so an interrupted
// run never leaves a half-written file or replaces a good one).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jx::cli {

/// Reads a whole file; nullopt and `error` (Chinese) when it cannot.
/// Files above `max_bytes` are refused.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error,
                                     std::uintmax_t max_bytes = 16u << 20);

/// Where `rules: X` is looked up: a path (contains '/' or ends in .yaml)
/// relative to the input file's folder, else X.yaml in each folder of
/// `search` in order.
std::optional<std::filesystem::path> find_rules(const std::string& rules, const std::filesystem::path& input_dir,
                                                const std::vector<std::filesystem::path>& search);

/// Ids of all rule sets in the search folders, sorted.
std::vector<std::string> available_rules(const std::vector<std::filesystem::path>& search);

/// Whether two paths name the same file (also through another spelling, a
/// symlink or a hard link); for paths that do not exist yet, compares their
/// canonical forms.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

/// Checks an output path before anything is read: it ends in one of
/// `extensions` (".xlsx") and is none of `inputs`. Prints the Chinese error
/// and returns false when it is not usable.
bool usable_output(const std::string& output, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& extensions);

/// Calls `write(tmp)` to produce the file at a temporary path in the same
/// folder, syncs it to disk, then renames it over `target` (replacing the
/// directory entry: a symlink or hard link at `target` is replaced, never
/// written through). On any exception the temporary file is removed and
/// `target` is untouched.
void write_atomically(const std::filesystem::path& target, const std::function<void(const std::string&)>& write);

}  // namespace jx::cli
