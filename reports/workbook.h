// The one owner of a libxlsxwriter workbook. No lxw_* call happens outside
// reports/workbook.cpp.
//
// Contract:
// - Every lxw_error is checked and turned into WorkbookError (Chinese text).
// - Text is validated as UTF-8 and length (≤ 32767) before writing; strings
//   are always written as text, so "=SUM(…)" typed by a user never becomes a
//   formula.
// - Sheet names are made safe (safe_sheet_name) and unique.
// - Merges are checked against earlier merges of the sheet (libxlsxwriter
//   does not detect overlaps); a 1×1 merge is written as a plain cell.
// - Formats are created once per Style and cached.
// - close() must be called to finish the file; the destructor of an
//   unclosed workbook closes it and ignores errors (the caller then removes
//   the temporary file).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;
struct lxw_chart;

namespace jx::xlsx {

class WorkbookError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Align { Left, Center, Right };

/// A cell style. All cells use 宋体 and a thin border unless `border` is false.
struct Style {
  bool bold = false;
  double size = 11;
  Align align = Align::Center;
  bool wrap = true;
  bool border = true;
  std::string num_format;  ///< "" = General; "0.00", "0.00%"
  std::uint32_t fill = 0;  ///< background colour 0xRRGGBB; 0 = none
  bool operator<(const Style& o) const;
};

class Workbook;

/// A native chart fed from cells of one sheet.
struct Chart {
  enum class Type { Pie, Column, Bar };
  Type type = Type::Column;
  std::string title;
  int cat_row1 = 0, cat_row2 = 0, cat_col = 0;  ///< category labels, one column
  struct Series {
    std::string name;
    int row1 = 0, row2 = 0, col = 0;  ///< values, one column
  };
  std::vector<Series> series;
  int anchor_row = 0, anchor_col = 0;  ///< top-left cell of the chart
  bool value_axis_from_zero = false;   ///< columns and bars start at 0 (no exaggerated differences)
  double x_scale = 1.0, y_scale = 1.0;
};

class Sheet {
 public:
  void text(int row, int col, std::string_view value, const Style& style);
  void number(int row, int col, double value, const Style& style);
  /// A formula with its cached result (what previewers show before recalculation).
  void formula(int row, int col, const std::string& formula, double cached, const Style& style);
  /// Merges and writes text in the first cell. REQUIRES: no overlap with earlier merges.
  void merge_text(int r1, int c1, int r2, int c2, std::string_view value, const Style& style);
  /// Merges and writes a number in the first cell.
  void merge_number(int r1, int c1, int r2, int c2, double value, const Style& style);
  void merge_formula(int r1, int c1, int r2, int c2, const std::string& formula, double cached, const Style& style);
  void column_width(int col, double width);
  /// Row height in points, at most 409 (Excel's limit; longer text scrolls in the cell).
  void row_height(int row, double points);
  /// A4 landscape, one page wide, rows [repeat_first, repeat_last] repeated on
  /// every page (none when repeat_first < 0).
  void print_setup(int repeat_first, int repeat_last);
  /// Centred text printed at the top of every page (after print_setup).
  void page_header(std::string_view text);
  /// Prints only the cells [r1..r2] × [c1..c2]; the other columns stay on screen.
  void print_area(int r1, int c1, int r2, int c2);
  /// Starts a new printed page at `row`.
  void page_break_before(int row);
  /// Freezes the first `rows` rows and `cols` columns (they stay in view).
  void freeze(int rows, int cols);
  /// An auto-filter over a header row and the data below it.
  void autofilter(int r1, int c1, int r2, int c2);
  /// A conditional format: cells of the range whose value equals `text` get
  /// the background `fill` (0xRRGGBB).
  void highlight_text(int r1, int c1, int r2, int c2, std::string_view text, std::uint32_t fill);
  /// Inserts a native chart whose data are cells of this sheet.
  void insert_chart(const Chart& chart);
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  friend class Workbook;
  Sheet(Workbook& wb, lxw_worksheet* ws, std::string name) : wb_(wb), ws_(ws), name_(std::move(name)) {}
  void merge(int r1, int c1, int r2, int c2, const Style& style);
  struct Range {
    int r1, c1, r2, c2;
  };
  Workbook& wb_;
  lxw_worksheet* ws_;
  std::string name_;
  std::vector<Range> merges_;
  /// Rows with a page break before them, handed to libxlsxwriter once at
  /// close(): worksheet_set_h_pagebreaks copies the list and leaks the
  /// previous copy when called again (found by LeakSanitizer).
  std::vector<unsigned> breaks_;
  void apply_page_breaks();
};

class Workbook {
 public:
  /// Opens a new workbook to be written at `path` (not created until close()).
  /// `stream_rows`: libxlsxwriter's constant_memory mode — each sheet must be
  /// written row by row in order (an earlier row is an error), merges only on
  /// the current row, strings inline; memory stays flat however many rows.
  explicit Workbook(const std::string& path, bool stream_rows = false);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  /// Adds a sheet named from `wanted` (made safe and unique).
  Sheet& add_sheet(std::string_view wanted);
  /// Document properties; `year` sets a fixed creation date (deterministic output).
  void properties(const std::string& title, const std::string& subject, int year);
  void close();

  lxw_format* format(const Style& style);
  struct lxw_chart* new_chart(Chart::Type type);

 private:
  lxw_workbook* wb_ = nullptr;
  std::map<Style, lxw_format*> formats_;
  std::vector<std::unique_ptr<Sheet>> sheets_;
  std::vector<std::string> sheet_names_;
  std::string title_, subject_;
};

/// A string constant inside a formula: "优" → "\"优\"", quotes doubled.
std::string formula_string(std::string_view text);

/// A sheet name Excel accepts: forbidden characters []:*?/\ replaced by
/// full-width ones, control characters dropped, at most 31 UTF-16 units (as
/// Excel counts; a CJK Extension B character counts 2), no leading/trailing
/// apostrophe, not empty, not "History", and not equal (ignoring case,
/// beyond ASCII too: Ａ/ａ) to one in `taken` (a suffix "(2)", "(3)"… is added).
std::string safe_sheet_name(std::string_view wanted, const std::vector<std::string>& taken);

}  // namespace jx::xlsx
