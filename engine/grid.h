// A worksheet as a plain grid of cells: what the workbook reader
// (reports/xlsx_reader) produces and the table recognition
// (engine/table_import) consumes. Pure data, no I/O.
//
// Rows and columns are 0-based; cell_address(2, 6) is "G3".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"

namespace jx {

struct GridCell {
  int row = 0;
  int col = 0;
  /// What a spreadsheet shows, roughly: the string, or a number as exact plain
  /// text ("89.66"; "95%" when the cell has a percent format).
  std::string text;
  /// The cell's numeric value (a formula's cached result included), rounded
  /// half-up to 6 decimals; nullopt for text, booleans and errors.
  std::optional<Decimal> number;
  bool percent = false;  ///< the number has a percent format (0.95 shown as 95%)
};

/// A merged range, inclusive on both ends.
struct GridMerge {
  int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
};

struct Grid {
  std::string sheet;            ///< the sheet's name as shown on its tab
  int first_row = 0;            ///< 0 for a whole sheet; a table region's first row (engine/table_import)
  std::vector<GridCell> cells;  ///< non-empty cells, in row-major order
  std::vector<GridMerge> merges;
  /// Formula cells saved without their computed result (a file written by a
  /// program that does not calculate): row-major, at most a few kept.
  std::vector<GridCell> uncomputed;
  int uncomputed_count = 0;
};

/// "A1"-style address of a 0-based cell.
std::string cell_address(int row, int col);

}  // namespace jx
