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
  /// every page (none when repeat_first < 0), "第 N 页，共 M 页" below. A
  /// non-empty `running_head` (e.g. the title and the project's name) is
  /// printed above every page, so that a loose page says what it belongs to.
  void print_setup(int repeat_first, int repeat_last, std::string_view running_head = {});
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

// ---- Print helpers (shared by every form writer) ----

/// The height available to rows on an A4 landscape page with print_setup's
/// margins, in row points, for a sheet whose columns add up to `width`
/// characters: print_setup fits the columns to the page width, so a wide
/// sheet is printed smaller and more rows fit. A small allowance is kept for
/// rounding in Excel, WPS and LibreOffice.
double landscape_body_points(double width);

/// Lines `text` takes when wrapped in a cell `width` characters wide (Excel's
/// column-width unit, the width of one digit of the default font). Text is
/// measured by display width (a CJK character is about two digits wide, with
/// allowances, measured in LibreOffice, for the wider glyphs of the
/// CJK fonts and for line-break rules);
/// explicit line breaks start a new line; at least 1.
int text_lines(std::string_view text, double width);

/// The A1 reference of a 0-based cell ("A1" for 0, 0) in a formula; columns
/// A–Z only (the forms are narrower than that).
std::string cell(int row, int col);

/// Height in points of a row showing `lines` lines of text in a font of
/// `size` points (the line pitch of the Noto CJK / 宋体 fonts plus padding).
double row_points(int lines, double size = 11);

/// True when `label` shows on one line in a cell `width` characters wide
/// (labels must never break inside a word such as 「部门（单位）名称」).
bool fits_one_line(std::string_view label, double width);

/// Page-fill bookkeeping for writers that place their own page breaks:
/// rows are added top-down; `fits` tells whether a block of height `h` still
/// fits on the current page; `new_page` starts a page that begins with the
/// repeated rows (height `repeated`).
class Pager {
 public:
  Pager(double page, double used) : page_(page), used_(used) {}
  [[nodiscard]] bool fits(double h) const { return used_ + h <= page_; }
  [[nodiscard]] double room_on_empty_page() const { return page_ - repeated_; }
  void add(double h) { used_ += h; }
  void new_page() { used_ = repeated_; }
  void set_repeated(double h) { repeated_ = h; }

 private:
  double page_;
  double used_;
  double repeated_ = 0;
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
