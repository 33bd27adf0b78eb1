#include "cli/batch_cache.h"

#include <algorithm>

#include "cli/files.h"
#include "engine/hash.h"
#include "store/result_codec.h"

namespace fs = std::filesystem;

namespace jx::cli {

std::string content_hash(std::string_view bytes) {
  Fingerprint fp;
  fp.add(bytes);
  return fp.hex() + "-" + std::to_string(bytes.size());  // the size makes an accidental match even less likely
}

namespace {

void add_file(Fingerprint& fp, const fs::path& p) {
  fp.add(p.string());
  std::string err;
  const auto bytes = read_file(p, err);
  fp.add(bytes ? *bytes : "\x01unreadable:" + err);
}

}  // namespace

std::string run_context(const std::vector<fs::path>& rules_search, const std::vector<fs::path>& layout_search) {
  Fingerprint fp;
  fp.add(JIXIAO_VERSION);
  fp.add(std::to_string(store::kEngineRevision));
  fp.add(std::to_string(store::kResultFormat));
  for (const auto& dir : rules_search) {
    fp.add("rules-dir:" + dir.string());
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".yaml") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add_file(fp, f);
  }
  for (const auto& f : find_layouts(layout_search)) add_file(fp, f);
  return fp.hex();
}

const std::string& DependencyHashes::hash(const std::string& path) {
  auto it = hashes_.find(path);
  if (it == hashes_.end()) {
    std::string err;
    const auto bytes = read_file(path, err);
    it = hashes_.emplace(path, bytes ? content_hash(*bytes) : std::string()).first;
  }
  return it->second;
}

bool DependencyHashes::unchanged(const std::vector<store::Dependency>& deps) {
  return std::all_of(deps.begin(), deps.end(), [&](const store::Dependency& d) { return hash(d.path) == d.hash; });
}

bool rules_by_path(const std::string& rules) {
  return rules.find('/') != std::string::npos || (rules.size() > 5 && rules.ends_with(".yaml"));
}

}  // namespace jx::cli
