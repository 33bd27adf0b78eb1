#include "store/result_cache.h"

namespace jx::store {

namespace {

// Dependencies as one text column: "path\x1fhash" per dependency, separated
// by "\x1e" (neither byte occurs in a path the batch finds or a hex hash).
std::string join(const std::vector<Dependency>& deps) {
  std::string out;
  for (const auto& d : deps) {
    if (!out.empty()) out += '\x1e';
    out += d.path;
    out += '\x1f';
    out += d.hash;
  }
  return out;
}

std::vector<Dependency> split(const std::string& text) {
  std::vector<Dependency> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\x1e', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    const std::size_t sep = item.find('\x1f');
    out.push_back({item.substr(0, sep), sep == std::string::npos ? std::string() : item.substr(sep + 1)});
    start = end + 1;
  }
  return out;
}

}  // namespace

ResultCache::ResultCache(Database& db) : db_(db) {}
ResultCache::~ResultCache() = default;

std::optional<CacheEntry> ResultCache::find(const std::string& path) {
  if (!find_) find_ = std::make_unique<Statement>(db_, "SELECT id, content, context, deps FROM result WHERE path = ?1");
  Statement& st = *find_;
  st.bind(1, path);
  std::optional<CacheEntry> e;
  if (st.step()) e = CacheEntry{st.integer(0), st.text(1), st.text(2), split(st.text(3))};
  st.reset();
  return e;
}

std::string ResultCache::payload(std::int64_t id) {
  if (!payload_) payload_ = std::make_unique<Statement>(db_, "SELECT payload FROM result WHERE id = ?1");
  Statement& st = *payload_;
  st.bind(1, id);
  std::string out;
  if (st.step()) out = st.blob(0);
  st.reset();
  return out;
}

void ResultCache::put(const std::string& path, const std::string& content, const std::string& context,
                      const std::vector<Dependency>& deps, const std::string& payload) {
  if (!put_) {
    put_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO result (path, content, context, deps, payload) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (path) DO UPDATE SET content = excluded.content, context = excluded.context, "
        "deps = excluded.deps, payload = excluded.payload");
  }
  put_->bind(1, path).bind(2, content).bind(3, context).bind(4, join(deps)).bind_blob(5, payload);
  put_->run();
}

}  // namespace jx::store
