// Where jixiao finds its data (rule sets, init templates, examples, table
// layouts): one lookup for every kind of data file, so an installed binary
// (the Debian package, or any `cmake --install` prefix) works without the
// repository, and a development build uses the source tree it was built from.
//
// Order, for the data kind `kind` ("rules", "templates", "examples",
// "layouts"):
//   1. the folders the user named: `--rules-dir DIR` and $JIXIAO_RULES_DIR
//      (for "rules" DIR itself; for the other kinds DIR's sibling
//      `../<kind>`, since a rules folder sits beside templates/ and layouts/)
//   2. <exe>/../share/jixiao/<kind>      (relocatable install, dpkg -x root)
//   3. development builds only (the executable is still in the build tree
//      it was compiled in): <source>/indicators/<kind>, ahead of the system
//      copy so a developer never scores with a stale installed rule set
//   4. /usr/share/jixiao/<kind>
// Folders that do not exist are left out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jx::cli {

/// The data roots (folders holding rules/, templates/, examples/, layouts/)
/// in lookup order, without the user's folders (steps 2-4 above). `argv0`
/// is used only when /proc/self/exe cannot be read.
std::vector<std::filesystem::path> data_roots(const std::string& argv0);

/// The folders searched for data of `kind`, in order (steps 1-4 above).
/// `rules_dir` is the --rules-dir value ("" when not given).
std::vector<std::filesystem::path> data_search(std::string_view kind, const std::string& rules_dir,
                                               const std::string& argv0);

/// The first `<folder>/<file>` of data_search() that is a regular file.
std::optional<std::filesystem::path> find_data(std::string_view kind, const std::string& file,
                                               const std::string& rules_dir, const std::string& argv0);

}  // namespace jx::cli
