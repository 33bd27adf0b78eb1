// The result cache of incremental batch re-runs (`batch --db`): per
// submission file, the batch result of its last reading (rows, invalid-file
// diagnostics …, encoded by store/result_codec.h), with what it was read
// from, so that a re-run can take the result instead of reading the file.
//
// Contract:
// - An entry is keyed by the file's path as the batch names it (the path is
//   part of the result: rows and messages carry it). A moved or renamed file
//   is a new entry and is read again; two identical files are two entries.
// - An entry is valid for a re-run when all of these are unchanged (the
//   caller checks; see cli/batch_cache.h): `content`, the fingerprint of
//   the file's bytes; `context`, the fingerprint of the engine revision,
//   the result format and every rule-set and layout file the run can use;
//   each dependency (another file read, such as a department's attached
//   project file: its path and the fingerprint of its bytes, "" for a file
//   that was missing).
// - put() replaces the entry of the path; it must run inside the History's
//   open run transaction (History::begin), so a failed run stores nothing.
// - Entries of files no longer submitted stay (a run over part of the inbox
//   does not forget the rest); they are never shown, only reused.
// Not thread-safe (one SQLite connection): call from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace jx::store {

/// Bumped whenever a change to the loaders, the engine, the rule or layout
/// handling, the table reader or the findings can change a submission's
/// result for the same input bytes: every stored result is then read again
/// on the next run. (The program's version is part of the context too, so a
/// release always starts afresh; this covers changes between releases.)
constexpr int kEngineRevision = 2;

struct Dependency {
  std::string path;
  std::string hash;  ///< fingerprint of the bytes; "" when the file did not exist
  bool operator==(const Dependency&) const = default;
};

struct CacheEntry {
  std::int64_t id = 0;
  std::string content;
  std::string context;
  std::vector<Dependency> deps;
};

class ResultCache {
 public:
  explicit ResultCache(Database& db);
  ~ResultCache();
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  /// The entry of `path`, without its payload; nullopt when none.
  std::optional<CacheEntry> find(const std::string& path);
  /// The payload of entry `id` (store/result_codec.h); "" when gone.
  std::string payload(std::int64_t id);
  /// Stores (replaces) the entry of `path`. Throws StoreError.
  void put(const std::string& path, const std::string& content, const std::string& context,
           const std::vector<Dependency>& deps, const std::string& payload);

 private:
  Database& db_;
  std::unique_ptr<Statement> find_, payload_, put_;
};

}  // namespace jx::store
