// Reading legacy .xls workbooks (BIFF8 from Excel 97–2003, and BIFF5 from
// Excel 5/95, strings in the workbook's codepage, e.g. 936/GBK) into the same
// plain cell grids as reports/xlsx_reader, on FreeXL. No FreeXL type leaves
// reports/xls_reader.cpp, and one RAII owner closes every handle.
//
// Contract:
// - Every worksheet in tab order; strings as UTF-8 (FreeXL converts BIFF5
//   codepage text through iconv), numbers exact as the shortest decimal that
//   round-trips the stored double ("89.66", never "89.659999999999997"),
//   formulas' cached results (BIFF always stores one), dates as
//   "2022年11月30日" (text only: FreeXL gives the date, not the serial).
// - What FreeXL does not expose, and so the grids lack: merged ranges (a
//   merged 一级 / 二级 label reaches only its first row; the rows below are
//   blank and inherit it, as in an unmerged table), percent formats (a cell
//   showing 95% reads as the number 0.95), booleans and error values (empty).
// - Untrusted input: a file above max_file_bytes, not an OLE file, a damaged
//   one, a password-protected (obfuscated) workbook, BIFF older than 5, text
//   FreeXL cannot convert, more non-empty cells than max_cells — each throws
//   xlsx::ReadError with a Chinese message naming the sheet or cell (not the
//   file: the caller names it).
// - FreeXL runs in a child process (fork; the grids come back through a
//   pipe): FreeXL 1.0.6 crashes on some damaged files, and such a crash, or a
//   hang of more than 60 s, refuses that one file instead of ending the run.
#pragma once

#include <string>
#include <vector>

#include "engine/grid.h"
#include "reports/xlsx_reader.h"

namespace jx::xls {

/// Reads the .xls workbook at `path`. Throws xlsx::ReadError.
std::vector<Grid> read_workbook(const std::string& path, const xlsx::ReadLimits& limits = {});

}  // namespace jx::xls
