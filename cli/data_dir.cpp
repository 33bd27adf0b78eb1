#include "cli/data_dir.h"

#include <algorithm>
#include <cstdlib>

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

fs::path executable(const std::string& argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) exe = fs::absolute(argv0, ec);
  return exe.lexically_normal();
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

void add_unique(std::vector<fs::path>& dirs, fs::path p) {
  p = p.lexically_normal();
  for (const auto& d : dirs) {
    if (d == p) return;
  }
  dirs.push_back(std::move(p));
}

// Whether `exe` lies in the build tree it was compiled in (CMake passes
// both folders to development builds only; installed copies never match).
[[maybe_unused]] bool in_build_tree(const fs::path& exe, const fs::path& build_dir) {
  std::error_code ec;
  const fs::path a = fs::weakly_canonical(exe.parent_path(), ec);
  const fs::path b = fs::weakly_canonical(build_dir, ec);
  if (a.empty() || b.empty()) return false;
  auto [end, _] = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
  return end == b.end();
}

}  // namespace

std::vector<fs::path> data_roots(const std::string& argv0) {
  std::vector<fs::path> roots;
  const fs::path exe = executable(argv0);
  if (!exe.empty()) {
    const fs::path relative = exe.parent_path().parent_path() / "share" / "jixiao";
    if (is_dir(relative)) add_unique(roots, relative);
#if defined(JIXIAO_SOURCE_DATA_DIR) && defined(JIXIAO_BUILD_DIR)
    if (in_build_tree(exe, JIXIAO_BUILD_DIR) && is_dir(JIXIAO_SOURCE_DATA_DIR))
      add_unique(roots, JIXIAO_SOURCE_DATA_DIR);
#endif
  }
  if (is_dir("/usr/share/jixiao")) add_unique(roots, "/usr/share/jixiao");
  return roots;
}

std::vector<fs::path> data_search(std::string_view kind, const std::string& rules_dir, const std::string& argv0) {
  std::vector<fs::path> user;
  if (!rules_dir.empty()) user.emplace_back(rules_dir);
  if (const char* env = std::getenv("JIXIAO_RULES_DIR"); env != nullptr && *env != '\0') user.emplace_back(env);
  std::vector<fs::path> dirs;
  for (const auto& d : user) {
    // A named rules folder is kept even when missing: find_rules then says
    // which rule sets exist instead of silently using another folder.
    if (kind == "rules") {
      add_unique(dirs, d);
    } else {
      // "x/rules/" names the folder x/rules as well as "x/rules" does.
      std::error_code ec;
      fs::path folder = fs::absolute(d, ec).lexically_normal();
      if (!folder.has_filename()) folder = folder.parent_path();
      if (const fs::path sibling = folder.parent_path() / kind; is_dir(sibling)) add_unique(dirs, sibling);
    }
  }
  for (const auto& root : data_roots(argv0)) {
    if (const fs::path p = root / kind; is_dir(p)) add_unique(dirs, p);
  }
  return dirs;
}

std::optional<fs::path> find_data(std::string_view kind, const std::string& file, const std::string& rules_dir,
                                  const std::string& argv0) {
  for (const auto& dir : data_search(kind, rules_dir, argv0)) {
    std::error_code ec;
    if (const fs::path p = dir / file; fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

}  // namespace jx::cli
