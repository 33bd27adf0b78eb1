// The one owner of SQLite handles. No sqlite3_* call happens outside
// store/sqlite.cpp. Every result code is checked and turned into
// StoreError with a Chinese message naming the database file.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace jx::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database;

/// A prepared statement. Bind parameters are 1-based.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, std::int64_t value);
  Statement& bind_null(int i);
  /// Binary data, stored as a BLOB (byte for byte, NULs included).
  Statement& bind_blob(int i, std::string_view bytes);
  /// Steps once: true when a row is available, false when done.
  bool step();
  /// Steps to completion (for statements without results).
  void run();
  void reset();

  [[nodiscard]] bool is_null(int col) const;
  [[nodiscard]] std::string text(int col) const;
  [[nodiscard]] std::int64_t integer(int col) const;
  [[nodiscard]] std::string blob(int col) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  enum class Mode {
    Create,    ///< read-write, creating the file when absent
    ReadOnly,  ///< read-only; the file must exist and is never created or changed
  };
  /// Opens the database file.
  explicit Database(const std::string& path, Mode mode = Mode::Create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more statements without results.
  void exec(std::string_view sql);
  [[nodiscard]] int user_version();
  void set_user_version(int v);
  [[nodiscard]] std::int64_t changes() const;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  friend class Statement;
  [[noreturn]] void fail(const std::string& what) const;
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit()
/// was called: a run that fails part-way leaves the database as it was.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace jx::store
