#include "reports/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <tuple>

#include "engine/text.h"

namespace jx::xlsx {
namespace {

constexpr int kMaxRows = 1'048'576;  // Excel's limits
constexpr int kMaxCols = 16'384;

// The zip archive, read part by part within the limits.
class Archive {
 public:
  Archive(std::string_view bytes, const ReadLimits& limits) : limits_(limits) {
    // A file that starts like a zip but that libzip cannot open is damaged, not something else.
    const bool zip_like = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      throw ReadError("无法读取文件内容");
    }
    zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (zip_ == nullptr) {
      const int code = zip_error_code_zip(&err);
      zip_source_free(src);
      zip_error_fini(&err);
      if (code == ZIP_ER_NOZIP && !zip_like) {
        throw ReadError("不是 Excel 工作簿（.xlsx）：文件不是 zip 格式");
      }
      throw ReadError("工作簿已损坏，无法打开（zip 结构错误）");
    }
    zip_error_fini(&err);
    const zip_int64_t n = zip_get_num_entries(zip_, 0);
    if (n < 0 || static_cast<std::uint64_t>(n) > limits_.max_entries) {
      zip_discard(zip_);  // the destructor does not run for a constructor that throws
      zip_ = nullptr;
      throw ReadError("工作簿中的文件数（" + std::to_string(n) + "）超过上限 " + std::to_string(limits_.max_entries));
    }
  }
  ~Archive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  /// The uncompressed part, or nullopt when the archive has no such entry.
  std::optional<std::string> read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      throw ReadError("工作簿已损坏：无法读取 " + name);
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_entry_bytes) {
      throw ReadError("工作簿中的 " + name + " 解压后 " + std::to_string(st.size >> 20) + " MB，超过上限 " +
                      std::to_string(limits_.max_entry_bytes >> 20) + " MB");
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0),
                                                        zip_fclose);
    if (!f) throw ReadError("工作簿已损坏：无法解压 " + name);
    std::string out;
    // The declared size is only a hint (it may lie; the loop below enforces the cap).
    if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<std::size_t>(st.size));
    char buf[65536];
    while (true) {
      const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
      if (got < 0) throw ReadError("工作簿已损坏：解压 " + name + " 出错");
      if (got == 0) break;
      out.append(buf, static_cast<std::size_t>(got));
      total_ += static_cast<std::uint64_t>(got);
      // The declared size may lie: stop at the cap, whatever the header says.
      if (out.size() > limits_.max_entry_bytes) {
        throw ReadError("工作簿中的 " + name + " 解压后超过上限 " + std::to_string(limits_.max_entry_bytes >> 20) +
                        " MB");
      }
      if (total_ > limits_.max_total_bytes) {
        throw ReadError("工作簿解压后的总大小超过上限 " + std::to_string(limits_.max_total_bytes >> 20) + " MB");
      }
    }
    return out;
  }

 private:
  const ReadLimits& limits_;
  zip_t* zip_ = nullptr;
  std::uint64_t total_ = 0;
};

std::string_view local_name(const char* name) {
  std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

bool is(const pugi::xml_node& n, std::string_view local) {
  return n.type() == pugi::node_element && local_name(n.name()) == local;
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (is(c, local)) return c;
  }
  return {};
}

// An attribute by local name ("r:id" and "id" alike when `local` is "id" and prefixed).
const char* attr(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == local) return a.value();
  }
  return nullptr;
}

// "<!DOCTYPE" in any letter case within the first 4 096 bytes, without
// copying them (every part of every workbook passes here).
bool doctype_in_head(std::string_view text) {
  constexpr std::string_view kWord = "<!DOCTYPE";
  const std::string_view head = text.substr(0, 4096);
  for (std::size_t i = head.find("<!"); i != std::string_view::npos && i + kWord.size() <= head.size();
       i = head.find("<!", i + 1)) {
    bool same = true;
    for (std::size_t k = 2; k < kWord.size() && same; ++k) {
      same = std::toupper(static_cast<unsigned char>(head[i + k])) == kWord[k];
    }
    if (same) return true;
  }
  return false;
}

// "<!DOCTYPE" or "<!ENTITY" anywhere (exact case). Found by their '!', a
// rare byte in a workbook part (memchr), instead of two std::string::find,
// which stop at every '<'.
bool declares(std::string_view text) {
  for (std::size_t i = text.find('!', 1); i != std::string_view::npos; i = text.find('!', i + 1)) {
    if (text[i - 1] != '<') continue;
    const std::string_view rest = text.substr(i - 1);
    if (rest.substr(0, 9) == "<!DOCTYPE" || rest.substr(0, 8) == "<!ENTITY") return true;
  }
  return false;
}

void parse_xml(pugi::xml_document& doc, const std::string& text, const std::string& part) {
  // External entities are never loaded by pugixml; a DTD has no business in
  // a workbook part, so refuse it outright (any case in the first 4 KB).
  if (doctype_in_head(text) || declares(text)) {
    throw ReadError("工作簿中的 " + part + " 含有 DOCTYPE/实体声明，出于安全原因拒绝读取");
  }
  const pugi::xml_parse_result r =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) {
    throw ReadError("工作簿中的 " + part + " 不是有效的 XML（" + r.description() + "，位置 " +
                    std::to_string(r.offset) + "）");
  }
}

// The text of a shared or inline string: <t> directly, or the <t> of each
// rich-text run <r>; phonetic runs <rPh> are not shown by Excel.
std::string string_item(const pugi::xml_node& si) {
  std::string s;
  for (pugi::xml_node c = si.first_child(); c; c = c.next_sibling()) {
    if (is(c, "t")) {
      s += c.text().get();
    } else if (is(c, "r")) {
      for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling()) {
        if (is(t, "t")) s += t.text().get();
      }
    }
  }
  return s;
}

// "C7" → (6, 2); false when malformed or beyond Excel's limits.
bool parse_ref(std::string_view ref, int& row, int& col) {
  std::size_t i = 0;
  long c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + (ref[i] - 'A' + 1);
    if (c > kMaxCols) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  long r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  row = static_cast<int>(r - 1);
  col = static_cast<int>(c - 1);
  return true;
}

std::string resolve_target(const std::string& target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::string path = "xl/" + target;
  // Normalise "xl/./x" and "xl/../x".
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string p = path.substr(start, end - start);
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!p.empty() && p != ".") {
      parts.push_back(p);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

enum class Kind { Plain, Percent, Date };

struct Styles {
  std::vector<Kind> kind;  ///< per cellXfs index
};

// A custom format code shows a date when it has y or d outside quotes and brackets.
bool date_code(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (const char c : code) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') ++bracket;
    if (c == ']' && bracket > 0) --bracket;
    if (bracket == 0 && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) return true;
  }
  return false;
}

// "2022年11月30日" for an Excel serial day number (1900 system).
std::string date_text(Decimal serial) {
  const long long days = serial.raw() / Decimal::kScale - 25569;  // 1970-01-01 is serial 25569
  // civil_from_days (H. Hinnant).
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

Styles read_styles(Archive& zip) {
  Styles s;
  auto text = zip.read("xl/styles.xml");
  if (!text) return s;
  pugi::xml_document doc;
  parse_xml(doc, *text, "xl/styles.xml");
  const pugi::xml_node root = doc.document_element();
  std::map<long, Kind> kinds{{9, Kind::Percent}, {10, Kind::Percent}};
  for (long id : {14, 15, 16, 17, 22, 27, 30, 36, 50, 57}) kinds[id] = Kind::Date;
  for (pugi::xml_node f = child(child(root, "numFmts"), "numFmt"); f; f = f.next_sibling()) {
    if (!is(f, "numFmt")) continue;
    const char* id = attr(f, "numFmtId");
    const char* code = attr(f, "formatCode");
    if (id == nullptr || code == nullptr) continue;
    if (std::string_view(code).find('%') != std::string_view::npos) {
      kinds[std::strtol(id, nullptr, 10)] = Kind::Percent;
    } else if (date_code(code)) {
      kinds[std::strtol(id, nullptr, 10)] = Kind::Date;
    }
  }
  for (pugi::xml_node x = child(child(root, "cellXfs"), "xf"); x; x = x.next_sibling()) {
    if (!is(x, "xf")) continue;
    const char* id = attr(x, "numFmtId");
    auto it = id != nullptr ? kinds.find(std::strtol(id, nullptr, 10)) : kinds.end();
    s.kind.push_back(it == kinds.end() ? Kind::Plain : it->second);
  }
  return s;
}

Grid read_sheet(const std::string& name, const std::string& xml, const std::string& part,
                const std::vector<std::string>& shared, const Styles& styles, std::size_t& cells_left) {
  Grid g;
  g.sheet = name;
  pugi::xml_document doc;
  parse_xml(doc, xml, part);
  const pugi::xml_node ws = doc.document_element();
  const std::string where = "工作表“" + name + "”";
  int next_row = 0;
  for (pugi::xml_node row = child(child(ws, "sheetData"), "row"); row; row = row.next_sibling()) {
    if (!is(row, "row")) continue;
    int r = next_row;
    if (const char* rr = attr(row, "r")) {
      const long v = std::strtol(rr, nullptr, 10);
      if (v < 1 || v > kMaxRows) throw ReadError(where + "的行号“" + std::string(rr) + "”无效");
      r = static_cast<int>(v - 1);
    }
    next_row = r + 1;
    int next_col = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (!is(c, "c")) continue;
      int cr = r, cc = next_col;
      if (const char* ref = attr(c, "r")) {
        if (!parse_ref(ref, cr, cc)) throw ReadError(where + "的单元格地址“" + std::string(ref) + "”无效");
      }
      next_col = cc + 1;
      // The address only for messages: most cells never need it.
      auto addr = [&] { return cell_address(cr, cc); };
      const char* t_attr = attr(c, "t");
      const std::string_view type = t_attr != nullptr ? t_attr : "n";
      const pugi::xml_node v = child(c, "v");
      GridCell cell;
      cell.row = cr;
      cell.col = cc;
      if (type == "s") {
        if (!v) continue;
        const long idx = std::strtol(v.text().get(), nullptr, 10);
        if (idx < 0 || static_cast<std::size_t>(idx) >= shared.size()) {
          throw ReadError(where + "!" + addr() + "：共享字符串编号 " + v.text().get() + " 不存在");
        }
        cell.text = shared[static_cast<std::size_t>(idx)];
      } else if (type == "inlineStr") {
        cell.text = string_item(child(c, "is"));
      } else if (type == "str" || type == "e" || type == "d") {
        cell.text = v ? v.text().get() : "";
      } else if (type == "b") {
        cell.text = v && std::string_view(v.text().get()) == "1" ? "TRUE" : "FALSE";
      } else {
        if (!v || *v.text().get() == '\0') {
          if (child(c, "f")) {
            if (g.uncomputed.size() < 5) g.uncomputed.push_back(cell);
            ++g.uncomputed_count;
          }
          continue;
        }
        const std::string raw = v.text().get();
        cell.number = parse_xml_number(raw);
        if (!cell.number) {
          cell.text = raw;
        } else {
          const char* s = attr(c, "s");
          const long style = s != nullptr ? std::strtol(s, nullptr, 10) : 0;
          const Kind kind = style >= 0 && static_cast<std::size_t>(style) < styles.kind.size()
                                ? styles.kind[static_cast<std::size_t>(style)]
                                : Kind::Plain;
          cell.percent = kind == Kind::Percent;
          if (kind == Kind::Percent) {
            cell.text = (*cell.number * Decimal(100)).to_plain() + "%";
          } else if (kind == Kind::Date && *cell.number >= Decimal(1) && *cell.number < Decimal(2958466)) {
            cell.text = date_text(*cell.number);  // a date as officers write it; the serial stays in `number`
          } else {
            cell.text = cell.number->to_plain();
          }
        }
      }
      if (first_invalid_utf8(cell.text) != std::string::npos) {
        throw ReadError(where + "!" + addr() + "：文字不是有效的 UTF-8");
      }
      if (cell.text.empty() && !cell.number) {
        if (child(c, "f") && (!v || *v.text().get() == '\0') && type != "inlineStr") {
          if (g.uncomputed.size() < 5) g.uncomputed.push_back(cell);
          ++g.uncomputed_count;
        }
        continue;
      }
      if (cells_left == 0) throw ReadError("工作簿的非空单元格超过上限");
      --cells_left;
      g.cells.push_back(std::move(cell));
    }
  }
  for (pugi::xml_node m = child(child(ws, "mergeCells"), "mergeCell"); m; m = m.next_sibling()) {
    if (!is(m, "mergeCell")) continue;
    const char* ref = attr(m, "ref");
    if (ref == nullptr) continue;
    const std::string_view s(ref);
    const auto colon = s.find(':');
    GridMerge gm;
    if (colon == std::string_view::npos || !parse_ref(s.substr(0, colon), gm.r1, gm.c1) ||
        !parse_ref(s.substr(colon + 1), gm.r2, gm.c2)) {
      throw ReadError(where + "的合并区域“" + std::string(s) + "”无效");
    }
    if (cells_left == 0) throw ReadError(where + "的合并区域过多");
    --cells_left;
    if (gm.r1 > gm.r2) std::swap(gm.r1, gm.r2);
    if (gm.c1 > gm.c2) std::swap(gm.c1, gm.c2);
    g.merges.push_back(gm);
  }
  // Sheets are written in row-major order: sort only when this one was not.
  auto before = [](const GridCell& a, const GridCell& b) { return std::tie(a.row, a.col) < std::tie(b.row, b.col); };
  if (!std::is_sorted(g.cells.begin(), g.cells.end(), before)) std::stable_sort(g.cells.begin(), g.cells.end(), before);
  return g;
}

}  // namespace

std::optional<Decimal> parse_xml_number(std::string_view text) {
  // sign, digits, optional fraction, optional exponent — exactly, then round
  // half-up at the 6th decimal.
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int point = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) eneg = text[i++] == '-';
    if (i == text.size()) return std::nullopt;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 400) return std::nullopt;
    }
    if (eneg) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  // value = digits × 10^(exponent − fraction digits); scale to millionths.
  const long frac = point < 0 ? 0 : static_cast<long>(digits.size()) - point;
  long shift = exponent - frac + Decimal::kScaleDigits;  // value in millionths = digits × 10^shift
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal();
  digits = digits.substr(first);
  if (shift >= 0) {
    if (static_cast<long>(digits.size()) + shift > 19) return std::nullopt;
    digits.append(static_cast<std::size_t>(shift), '0');
    shift = 0;
  }
  std::uint64_t raw = 0;
  bool round_up = false;
  const long keep = static_cast<long>(digits.size()) + shift;  // digits kept after dropping -shift
  if (keep > 19) return std::nullopt;
  for (long k = 0; k < keep; ++k) raw = raw * 10 + (digits[static_cast<std::size_t>(k)] - '0');
  if (keep >= 0 && keep < static_cast<long>(digits.size())) round_up = digits[static_cast<std::size_t>(keep)] >= '5';
  if (round_up) ++raw;
  if (raw > static_cast<std::uint64_t>(Decimal::kMaxMagnitude * Decimal::kScale)) return std::nullopt;
  const auto value = static_cast<std::int64_t>(raw);
  return Decimal::from_raw(negative ? -value : value);
}

std::vector<Grid> read_workbook_bytes(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) {
    throw ReadError("文件过大（" + std::to_string(bytes.size() >> 20) + " MB），上限 " +
                    std::to_string(limits.max_file_bytes >> 20) + " MB");
  }
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
    throw ReadError("不是 Excel 工作簿（.xlsx）：文件不是 zip 格式");
  }
  Archive zip(bytes, limits);
  auto wb_text = zip.read("xl/workbook.xml");
  if (!wb_text) throw ReadError("不是 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml");
  pugi::xml_document wb;
  parse_xml(wb, *wb_text, "xl/workbook.xml");

  std::map<std::string, std::string> targets;  // relationship id → part
  if (auto rels = zip.read("xl/_rels/workbook.xml.rels")) {
    pugi::xml_document doc;
    parse_xml(doc, *rels, "xl/_rels/workbook.xml.rels");
    for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
      const char* id = attr(r, "Id");
      const char* target = attr(r, "Target");
      if (is(r, "Relationship") && id != nullptr && target != nullptr) targets[id] = resolve_target(target);
    }
  }
  std::vector<std::string> shared;
  if (auto sst = zip.read("xl/sharedStrings.xml")) {
    pugi::xml_document doc;
    parse_xml(doc, *sst, "xl/sharedStrings.xml");
    for (pugi::xml_node si = doc.document_element().first_child(); si; si = si.next_sibling()) {
      if (is(si, "si")) shared.push_back(string_item(si));
    }
  }
  const Styles styles = read_styles(zip);

  std::vector<Grid> grids;
  std::size_t cells_left = limits.max_cells;
  const pugi::xml_node sheets = child(wb.document_element(), "sheets");
  int n = 0;
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (!is(s, "sheet")) continue;
    ++n;
    const std::string name = attr(s, "name") != nullptr ? attr(s, "name") : "Sheet" + std::to_string(n);
    const char* rid = attr(s, "id");
    std::string part = "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    if (rid != nullptr && targets.count(rid)) part = targets[rid];
    auto xml = zip.read(part);
    if (!xml) throw ReadError("工作表“" + name + "”缺少内容（" + part + "）");
    grids.push_back(read_sheet(name, *xml, part, shared, styles, cells_left));
  }
  if (grids.empty()) throw ReadError("工作簿中没有工作表");
  return grids;
}

std::vector<Grid> read_workbook(const std::string& path, const ReadLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReadError("无法打开文件");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw ReadError("无法读取文件");
  if (static_cast<std::uint64_t>(size) > limits.max_file_bytes) {
    throw ReadError("文件过大（" + std::to_string(size >> 20) + " MB），上限 " +
                    std::to_string(limits.max_file_bytes >> 20) + " MB");
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) throw ReadError("无法读取文件");
  return read_workbook_bytes(bytes, limits);
}

}  // namespace jx::xlsx
