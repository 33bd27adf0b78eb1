// Reading .xlsx workbooks (Office Open XML spreadsheets) into plain cell
// grids, on libzip and pugixml. The reading edge for `jixiao import` and
// `jixiao review`; no libzip or pugixml type leaves reports/xlsx_reader.cpp.
//
// Contract:
// - Reads every worksheet listed in xl/workbook.xml, in tab order, through
//   the workbook relationships: shared strings (rich-text runs joined,
//   phonetic runs left out), inline strings, numbers, booleans, formulas'
//   cached values (the formula itself is ignored), errors as their text,
//   merged ranges, and the number formats of xl/styles.xml that change what
//   a number means: percent (0.95 → "95%") and dates (44895 → "2022年11月30日").
// - Untrusted input: not a zip, a damaged zip, missing parts, too many
//   entries, an entry (declared or actual size) or a total above the limits,
//   XML with a DOCTYPE (external entities are never loaded), malformed XML,
//   cell addresses beyond Excel's limits — each throws ReadError with a
//   Chinese message naming the part, sheet or cell. Never crashes or hangs;
//   memory is bounded by the limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/grid.h"

namespace jx::xlsx {

class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReadLimits {
  std::uint64_t max_file_bytes = 64u << 20;    ///< the .xlsx file itself
  std::size_t max_entries = 10000;             ///< entries in the zip directory
  std::uint64_t max_entry_bytes = 64u << 20;   ///< one uncompressed part
  std::uint64_t max_total_bytes = 256u << 20;  ///< all parts read, uncompressed
  std::size_t max_cells = 1'000'000;           ///< non-empty cells and merged ranges over all sheets
};

/// Reads the workbook held in `bytes`. Throws ReadError.
std::vector<Grid> read_workbook_bytes(std::string_view bytes, const ReadLimits& limits = {});

/// Reads the workbook at `path` (the message of a ReadError does not repeat
/// the path; the caller names the file). Throws ReadError.
std::vector<Grid> read_workbook(const std::string& path, const ReadLimits& limits = {});

/// "89.66", "1.5E-3", "9.7799999999999994" → exact Decimal rounded half-up
/// to 6 decimals; nullopt when not a number or above Decimal::kMaxMagnitude.
std::optional<Decimal> parse_xml_number(std::string_view text);

}  // namespace jx::xlsx
