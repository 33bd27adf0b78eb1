#include "reports/workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "engine/text.h"

namespace jx::xlsx {
namespace {

void check(lxw_error err, std::string_view what) {
  if (err != LXW_NO_ERROR) {
    throw WorkbookError("写入工作簿失败（" + std::string(what) + "）：" + lxw_strerror(err));
  }
}

void check_text(std::string_view s) {
  if (first_invalid_utf8(s) != std::string_view::npos) throw WorkbookError("文字不是有效的 UTF-8，无法写入工作簿");
  if (utf8_decode(s).size() > 32767) throw WorkbookError("单元格文字超过 32767 个字符，无法写入工作簿");
}

// Excel compares sheet names ignoring case, Unicode-wide; libxlsxwriter only
// for ASCII. Folds the upper-case letters a name from a Chinese bureau can
// plausibly contain: ASCII, full-width Ａ-Ｚ, Latin-1, Greek and Cyrillic.
std::u32string fold_case(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) {
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
        (c >= 0x410 && c <= 0x42F)) {
      c += 0x20;
    } else if (c >= 0xFF21 && c <= 0xFF3A) {
      c += 0x20;  // full-width Ａ → ａ
    } else if (c >= 0x400 && c <= 0x40F) {
      c += 0x50;  // Ѐ-Џ → ѐ-џ
    }
  }
  return out;
}

// Length as Excel counts it: UTF-16 code units (a CJK Extension B character counts 2).
std::size_t utf16_length(std::u32string_view s) {
  std::size_t n = 0;
  for (char32_t c : s) n += c > 0xFFFF ? 2 : 1;
  return n;
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
long long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

bool Style::operator<(const Style& o) const {
  return std::tie(bold, size, align, wrap, border, num_format, fill) <
         std::tie(o.bold, o.size, o.align, o.wrap, o.border, o.num_format, o.fill);
}

std::string formula_string(std::string_view text) {
  std::string q = "\"";
  for (char ch : text) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string safe_sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
  constexpr std::size_t kMaxUnits = 31;  // Excel's limit, in UTF-16 code units
  std::u32string u;
  for (char32_t c : utf8_decode(wanted)) {
    switch (c) {
      case U'[': c = U'［'; break;
      case U']': c = U'］'; break;
      case U':': c = U'：'; break;
      case U'*': c = U'＊'; break;
      case U'?': c = U'？'; break;
      case U'/': c = U'／'; break;
      case U'\\': c = U'＼'; break;
      default: break;
    }
    if (c < 0x20 || c == 0x7F || c == 0xFFFD || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) continue;
    u.push_back(c);
  }
  while (!u.empty() && u.front() == U'\'') u.erase(0, 1);
  while (!u.empty() && u.back() == U'\'') u.pop_back();
  if (u.empty()) u = U"Sheet";
  auto fits = [&](const std::u32string& base, const std::u32string& suffix) {
    std::u32string b = base;
    while (!b.empty() && utf16_length(b) + utf16_length(suffix) > kMaxUnits) b.pop_back();
    while (!b.empty() && b.back() == U'\'') b.pop_back();
    return b + suffix;
  };
  // Excel reserves "History" (the change-history sheet of shared workbooks).
  auto clash = [&](const std::u32string& name) {
    const std::u32string key = fold_case(name);
    if (key == U"history") return true;
    return std::any_of(taken.begin(), taken.end(),
                       [&](const std::string& t) { return fold_case(utf8_decode(t)) == key; });
  };
  std::u32string name = fits(u, U"");
  for (int n = 2; clash(name); ++n) {
    // Built piecewise: GCC 12 at -O3 reports a false -Wrestrict for "(" + std::string.
    std::string suffix(1, '(');
    suffix += std::to_string(n);
    suffix += ')';
    name = fits(u, utf8_decode(suffix));
  }
  return utf8_encode(name);
}

Workbook::Workbook(const std::string& path, bool stream_rows) {
  lxw_workbook_options options{};
  options.constant_memory = stream_rows ? LXW_TRUE : LXW_FALSE;
  wb_ = workbook_new_opt(path.c_str(), &options);
  if (wb_ == nullptr) throw WorkbookError("无法创建工作簿 " + path);
}

Workbook::~Workbook() {
  if (wb_ != nullptr) workbook_close(wb_);
}

lxw_format* Workbook::format(const Style& s) {
  if (auto it = formats_.find(s); it != formats_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  if (f == nullptr) throw WorkbookError("无法创建单元格格式");
  format_set_font_name(f, "宋体");
  format_set_font_charset(f, 134);
  format_set_font_size(f, s.size);
  if (s.bold) format_set_bold(f);
  format_set_align(f, s.align == Align::Left    ? LXW_ALIGN_LEFT
                      : s.align == Align::Right ? LXW_ALIGN_RIGHT
                                                : LXW_ALIGN_CENTER);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (s.wrap) format_set_text_wrap(f);
  if (s.border) format_set_border(f, LXW_BORDER_THIN);
  if (!s.num_format.empty()) format_set_num_format(f, s.num_format.c_str());
  if (s.fill != 0) {
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, static_cast<lxw_color_t>(s.fill));
  }
  formats_.emplace(s, f);
  return f;
}

Sheet& Workbook::add_sheet(std::string_view wanted) {
  const std::string name = safe_sheet_name(wanted, sheet_names_);
  check(workbook_validate_sheet_name(wb_, name.c_str()), "工作表名称“" + name + "”");
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (ws == nullptr) throw WorkbookError("无法添加工作表“" + name + "”");
  sheet_names_.push_back(name);
  sheets_.push_back(std::unique_ptr<Sheet>(new Sheet(*this, ws, name)));
  return *sheets_.back();
}

void Workbook::properties(const std::string& title, const std::string& subject, int year) {
  check_text(title);
  check_text(subject);
  title_ = title;
  subject_ = subject;
  lxw_doc_properties p{};
  p.title = title_.data();
  p.subject = subject_.data();
  p.author = const_cast<char*>("jixiao");
  // A creation date from the input, never the clock: 1 January of the year after the fiscal year.
  p.created = static_cast<time_t>(days_from_civil(year > 0 ? year + 1 : 2000, 1, 1) * 86400);
  check(workbook_set_properties(wb_, &p), "文档属性");
}

void Workbook::close() {
  for (auto& sheet : sheets_) sheet->apply_page_breaks();
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  check(workbook_close(wb), "保存");
}

void Sheet::text(int row, int col, std::string_view value, const Style& style) {
  check_text(value);
  const std::string s(value);
  check(worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(),
                               wb_.format(style)),
        "文字");
}

void Sheet::number(int row, int col, double value, const Style& style) {
  check(worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value, wb_.format(style)),
        "数字");
}

void Sheet::formula(int row, int col, const std::string& formula, double cached, const Style& style) {
  check(worksheet_write_formula_num(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), formula.c_str(),
                                    wb_.format(style), cached),
        "公式 " + formula);
}

void Sheet::merge(int r1, int c1, int r2, int c2, const Style& style) {
  if (r2 < r1 || c2 < c1) throw WorkbookError("内部错误：合并区域无效");
  for (const auto& m : merges_) {
    if (r1 <= m.r2 && m.r1 <= r2 && c1 <= m.c2 && m.c1 <= c2) throw WorkbookError("内部错误：合并单元格重叠");
  }
  merges_.push_back({r1, c1, r2, c2});
  check(worksheet_merge_range(ws_, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1), static_cast<lxw_row_t>(r2),
                              static_cast<lxw_col_t>(c2), "", wb_.format(style)),
        "合并单元格");
}

void Sheet::merge_text(int r1, int c1, int r2, int c2, std::string_view value, const Style& style) {
  if (r1 != r2 || c1 != c2) merge(r1, c1, r2, c2, style);
  text(r1, c1, value, style);
}

void Sheet::merge_number(int r1, int c1, int r2, int c2, double value, const Style& style) {
  if (r1 != r2 || c1 != c2) merge(r1, c1, r2, c2, style);
  number(r1, c1, value, style);
}

void Sheet::merge_formula(int r1, int c1, int r2, int c2, const std::string& f, double cached, const Style& style) {
  if (r1 != r2 || c1 != c2) merge(r1, c1, r2, c2, style);
  formula(r1, c1, f, cached, style);
}

void Sheet::freeze(int rows, int cols) {
  worksheet_freeze_panes(ws_, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(cols));
}

void Sheet::autofilter(int r1, int c1, int r2, int c2) {
  check(worksheet_autofilter(ws_, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1), static_cast<lxw_row_t>(r2),
                             static_cast<lxw_col_t>(c2)),
        "自动筛选");
}

void Sheet::highlight_text(int r1, int c1, int r2, int c2, std::string_view text, std::uint32_t fill) {
  check_text(text);
  Style st;
  st.border = false;
  st.fill = fill;
  lxw_format* f = wb_.format(st);
  std::string quoted = formula_string(text);  // the criterion is a formula operand
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
  cf.value_string = quoted.data();
  cf.format = f;
  check(worksheet_conditional_format_range(ws_, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1),
                                           static_cast<lxw_row_t>(r2), static_cast<lxw_col_t>(c2), &cf),
        "条件格式");
}

void Sheet::column_width(int col, double width) {
  check(worksheet_set_column(ws_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width, nullptr), "列宽");
}

void Sheet::row_height(int row, double points) {
  // Excel's maximum row height; a taller row makes Excel "repair" the file.
  constexpr double kMaxRowPoints = 409;
  points = std::min(points, kMaxRowPoints);
  check(worksheet_set_row(ws_, static_cast<lxw_row_t>(row), points, nullptr), "行高");
}

void Sheet::print_setup(int repeat_first, int repeat_last, std::string_view running_head) {
  worksheet_set_landscape(ws_);
  worksheet_set_paper(ws_, 9);  // A4
  worksheet_fit_to_pages(ws_, 1, 0);
  worksheet_center_horizontally(ws_);
  worksheet_set_margins(ws_, 0.4, 0.4, 0.6, 0.6);
  if (repeat_first >= 0) {
    check(worksheet_repeat_rows(ws_, static_cast<lxw_row_t>(repeat_first), static_cast<lxw_row_t>(repeat_last)),
          "打印标题行");
  }
  check(worksheet_set_footer(ws_, "&C第 &P 页，共 &N 页"), "页脚");
  if (!running_head.empty()) {
    check_text(running_head);
    // Excel allows 255 characters in a header: a very long name is cut at a
    // character boundary and marked with an ellipsis.
    std::u32string u = utf8_decode(running_head);
    if (u.size() > 120) u = u.substr(0, 119) + U"…";
    // '&' starts a control code in a header; "&&" prints one ampersand.
    // "&9" sets the font size and would swallow digits right after it
    // (「2022年…」 printed as 「年…」): a space keeps them text.
    std::string head = "&C&9";
    if (!u.empty() && u.front() >= U'0' && u.front() <= U'9') head += ' ';
    for (char ch : utf8_encode(u)) head += ch == '&' ? std::string("&&") : std::string(1, ch);
    check(worksheet_set_header(ws_, head.c_str()), "页眉");
  }
}

double landscape_body_points(double width) {
  constexpr double kPageHeight = 595.3 - 2 * 0.6 * 72;     // A4 landscape minus the top and bottom margins
  constexpr double kPageWidth = 841.9 - 2 * 0.4 * 72;      // minus the left and right margins
  const double table_width = (7.0 * width + 40.0) * 0.75;  // px at 96 dpi (7 per character, 5 per column) → points
  const double scale = std::min(1.0, kPageWidth / table_width);
  return (kPageHeight - 10.0) / scale;
}

std::string cell(int row, int col) {
  // Appended, not "A" + …: GCC 12 gives a false -Wrestrict on operator+(string, string&&).
  std::string s(1, static_cast<char>('A' + col));
  s += std::to_string(row + 1);
  return s;
}

int text_lines(std::string_view text, double width) {
  // One digit of the default font is 7 px at 96 dpi; a column of w digits is
  // 7w + 5 px; a cell loses about 6 px to its padding. A CJK character is
  // about 2.1 digits wide in the fonts LibreOffice and Excel substitute;
  // digits in a CJK font are wider than the default font's.
  const double usable = std::max(2.0, 0.88 * (7.0 * width - 1.0) / 7.0);  // 12 %: line-break rules, punctuation
  int lines = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    const std::string_view part =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const double need = static_cast<double>(display_width(part)) * 1.1;
    const int n = std::max(1, static_cast<int>(std::ceil(need / usable - 1e-9)));
    // Long paragraphs lose more to breaks at punctuation (a line may not
    // start with “，”): one line more from six on, as measured in LibreOffice.
    lines += n >= 6 ? n + 1 : n;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

double row_points(int lines, double size) {
  return 4.0 + size * 1.36 * std::max(1, lines);
}

bool fits_one_line(std::string_view label, double width) {
  return label.find('\n') == std::string_view::npos && text_lines(label, width) == 1;
}

void Sheet::print_area(int r1, int c1, int r2, int c2) {
  check(worksheet_print_area(ws_, static_cast<lxw_row_t>(r1), static_cast<lxw_col_t>(c1), static_cast<lxw_row_t>(r2),
                             static_cast<lxw_col_t>(c2)),
        "打印区域");
}

void Sheet::page_break_before(int row) {
  breaks_.push_back(static_cast<lxw_row_t>(row));
}

void Sheet::apply_page_breaks() {
  if (breaks_.empty()) return;
  std::vector<lxw_row_t> list(breaks_.begin(), breaks_.end());
  list.push_back(0);  // 0-terminated
  check(worksheet_set_h_pagebreaks(ws_, list.data()), "分页符");
}

lxw_chart* Workbook::new_chart(Chart::Type type) {
  const uint8_t t = type == Chart::Type::Pie   ? LXW_CHART_PIE
                    : type == Chart::Type::Bar ? LXW_CHART_BAR
                                               : LXW_CHART_COLUMN;
  lxw_chart* c = workbook_add_chart(wb_, t);
  if (c == nullptr) throw WorkbookError("无法创建图表");
  return c;
}

void Sheet::insert_chart(const Chart& spec) {
  check_text(spec.title);
  lxw_chart* chart = wb_.new_chart(spec.type);
  lxw_chart_font font{};
  font.name = const_cast<char*>("宋体");
  font.charset = 134;
  lxw_chart_font title_font = font;
  title_font.size = 12;
  title_font.bold = LXW_TRUE;
  chart_title_set_name(chart, spec.title.c_str());
  chart_title_set_name_font(chart, &title_font);
  chart_legend_set_font(chart, &font);
  if (spec.type != Chart::Type::Pie) {
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    // The value axis is y for columns and x for bars.
    if (spec.value_axis_from_zero) chart_axis_set_min(spec.type == Chart::Type::Bar ? chart->x_axis : chart->y_axis, 0);
  }
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  for (const auto& s : spec.series) {
    check_text(s.name);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    if (series == nullptr) throw WorkbookError("无法添加图表数据系列");
    chart_series_set_categories(series, name_.c_str(), static_cast<lxw_row_t>(spec.cat_row1),
                                static_cast<lxw_col_t>(spec.cat_col), static_cast<lxw_row_t>(spec.cat_row2),
                                static_cast<lxw_col_t>(spec.cat_col));
    chart_series_set_values(series, name_.c_str(), static_cast<lxw_row_t>(s.row1), static_cast<lxw_col_t>(s.col),
                            static_cast<lxw_row_t>(s.row2), static_cast<lxw_col_t>(s.col));
    chart_series_set_name(series, s.name.c_str());
    chart_series_set_labels(series);
    if (spec.type == Chart::Type::Pie) chart_series_set_labels_percentage(series);
  }
  lxw_chart_options opt{};
  opt.x_scale = spec.x_scale;
  opt.y_scale = spec.y_scale;
  check(worksheet_insert_chart_opt(ws_, static_cast<lxw_row_t>(spec.anchor_row),
                                   static_cast<lxw_col_t>(spec.anchor_col), chart, &opt),
        "插入图表");
}

}  // namespace jx::xlsx
