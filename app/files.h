// File-system edge of the command line: reading inputs, finding rule sets,
// and writing outputs atomically (temporary file + rename, so an interrupted
// run never leaves a half-written file or replaces a good one).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jx::app {

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

/// The layout files `import` and `review` recognise tables by: every *.yaml
/// of the folders `layout_dirs` (data_search("layouts", …)), by file name; an
/// earlier folder's file hides a later one of the same name. Sorted by name.
std::vector<std::filesystem::path> find_layouts(const std::vector<std::filesystem::path>& layout_dirs);

/// Whether two paths name the same file (also through another spelling, a
/// symlink or a hard link); for paths that do not exist yet, compares their
/// canonical forms.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

/// Checks an output path before anything is read: it ends in one of
/// `extensions` (".xlsx") and is none of `inputs`. Prints the Chinese error
/// and returns false when it is not usable.
bool usable_output(const std::string& output, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& extensions);

/// Paths of one run that no output may take: inputs, the database, outputs
/// already planned. A path matches another when both name the same existing
/// file (device and inode: a symlink or hard link) or when their absolute,
/// normalised forms agree under fold_key (another spelling, or names that
/// only differ in case or Unicode normalisation, which Windows and macOS
/// take for one file). Lookups are logarithmic, so a run of thousands of
/// files stays linear.
class PathSet {
 public:
  /// Adds `path`, labelled `what` ("输入文件", "历史数据库" …) for messages.
  void add(const std::filesystem::path& path, const std::string& what);
  /// The label of a path in the set matching `path`, or "" when none does.
  [[nodiscard]] std::string find(const std::filesystem::path& path) const;

 private:
  std::map<std::string, std::string> keys_;
  std::map<std::pair<std::uintmax_t, std::uintmax_t>, std::string> inodes_;
};

/// A file written under a temporary name in its target's folder and moved
/// into place by publish(); removed on destruction when never published.
class PendingFile {
 public:
  explicit PendingFile(std::filesystem::path target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  [[nodiscard]] const std::filesystem::path& temp() const { return temp_; }
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  /// Syncs the temporary file and renames it over the target. Throws.
  void publish();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool published_ = false;
};

/// write_atomically of a text (a YAML file): throws on any write error.
void write_text_atomically(const std::filesystem::path& target, const std::string& text);

/// Calls `write(tmp)` to produce the file at a temporary path in the same
/// folder, syncs it to disk, then renames it over `target` (replacing the
/// directory entry: a symlink or hard link at `target` is replaced, never
/// written through). On any exception the temporary file is removed and
/// `target` is untouched.
void write_atomically(const std::filesystem::path& target, const std::function<void(const std::string&)>& write);

}  // namespace jx::app
