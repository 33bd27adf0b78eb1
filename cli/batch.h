// `jixiao batch PATH…`: the finance bureau's run over a year's submissions.
//
// Finds every *.yaml / *.yml and every *.xlsx / *.xls 自评表 workbook below
// the paths (hidden files and "~$" lock files passed over; files named
// directly are taken whatever their extension, as a workbook when their
// bytes are one), loads and scores each on `jobs` threads — every table of
// a workbook one submission (cli/workbook_input.h) — never stopping at a
// bad file, and produces the summary (engine/summary.h): on
// stdout as text or JSON, as a workbook (-o), in the history database
// (--db, one transaction per run), and each submission's own 自评表
// (--tables DIR). Results do not depend on `jobs`: outcomes are collected
// by file index and everything is ordered as documented in engine/summary.h.
//
// With --db a file's result is stored in the database and reused by the
// next run while its bytes, the run context and its dependencies are
// unchanged (cli/batch_cache.h, store/result_cache.h); the outputs are the
// same bytes as when every file is read. Memory is flat in the number of
// files: rows are light, their levels and findings in a temporary file
// (cli/row_spool.h). The summary workbook is written on its own thread
// while the run is staged in the database.
//
// Exit codes: 0 all files scored; 1 some files invalid (they are listed and
// the outputs are still written); 2 usage, I/O or database errors (nothing
// is written then).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/upload.h"
#include "engine/decimal.h"
#include "engine/summary.h"

namespace jx::cli {

struct BatchOptions {
  std::vector<std::string> paths;
  std::string output;      ///< summary workbook (.xlsx), optional
  std::string db;          ///< history database (SQLite), optional
  std::string tables_dir;  ///< one 自评表 workbook per submission, optional
  unsigned jobs = 0;       ///< 0 = every core
  bool json = false;
  bool quiet = false;
  bool progress = true;                   ///< a progress line on stderr when it is a terminal
  Decimal mover_threshold = Decimal(10);  ///< 变动较大: projects whose score moved by more than this
  std::vector<std::filesystem::path> rules_search;
  std::vector<std::filesystem::path> layout_search;  ///< data_search("layouts", …): for workbook submissions
  /// jixiao serve: the submissions are these uploads, not `paths` (nothing
  /// is read from disk; a department attaches only other uploads).
  const std::vector<app::Upload>* uploads = nullptr;
  /// jixiao serve: the summaries are handed back here instead of printed.
  std::vector<BatchSummary>* summaries = nullptr;
  /// jixiao serve: with `db`, the new records committed are handed back here.
  std::optional<int>* recorded = nullptr;
};

int run_batch(const BatchOptions& opt);

/// Every submission file below `paths`, sorted by path (byte order), without
/// duplicates. Paths that do not exist are returned in `missing`.
std::vector<std::string> find_submissions(const std::vector<std::string>& paths, std::vector<std::string>& missing);

}  // namespace jx::cli
