#include "cli/batch_cache.h"

#include <algorithm>
#include <charconv>
#include <optional>

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

namespace {

// The stored dependency list separates with U+001E / U+001F
// (store/result_cache.cpp), so the names are written in hex: any bytes.
constexpr std::string_view kPriorPrefix = "\x01prior:";

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc() || end != hex.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

}  // namespace

// year ":" hex(department) ":" hex(project)
std::string prior_dependency(const std::string& department, const std::string& project, int year) {
  return std::string(kPriorPrefix) + std::to_string(year) + ":" + to_hex(department) + ":" + to_hex(project);
}

std::string prior_hash(const std::vector<PriorActual>* leaves) {
  Fingerprint fp;
  fp.add(leaves == nullptr ? "none" : "leaves:" + std::to_string(leaves->size()));
  if (leaves != nullptr) {
    for (const PriorActual& l : *leaves) {
      fp.add(std::to_string(l.path.size()));
      for (const auto& part : l.path) fp.add(part);
      fp.add(l.target);
      fp.add(l.actual);
    }
  }
  return fp.hex();
}

const std::string& DependencyHashes::hash(const std::string& path) {
  auto it = hashes_.find(path);
  if (it == hashes_.end() && path.starts_with(kPriorPrefix)) {
    const std::string_view key = std::string_view(path).substr(kPriorPrefix.size());
    const std::vector<PriorActual>* leaves = nullptr;
    const auto c1 = key.find(':'), c2 = key.rfind(':');
    int year = 0;
    if (c1 != std::string_view::npos && c2 != c1 && prior_ != nullptr) {
      const auto [end, ec] = std::from_chars(key.data(), key.data() + c1, year);
      const auto department = from_hex(key.substr(c1 + 1, c2 - c1 - 1));
      const auto project = from_hex(key.substr(c2 + 1));
      if (ec == std::errc() && end == key.data() + c1 && department && project) {
        leaves = prior_->find(*department, *project, year);
      }
    }
    it = hashes_.emplace(path, prior_hash(leaves)).first;
  }
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
