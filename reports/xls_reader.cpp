#include "reports/xls_reader.h"

#include <freexl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "engine/text.h"

namespace jx::xls {
namespace {

using xlsx::ReadError;

/// The one owner of a FreeXL handle (freexl_close is due even when opening failed).
class Handle {
 public:
  explicit Handle(const std::string& path) { status_ = freexl_open(path.c_str(), &h_); }
  ~Handle() {
    if (h_ != nullptr) freexl_close(h_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const void* get() const { return h_; }
  [[nodiscard]] unsigned info(unsigned short what) const {
    unsigned v = 0;
    if (freexl_get_info(h_, what, &v) != FREEXL_OK) return FREEXL_UNKNOWN;
    return v;
  }

 private:
  const void* h_ = nullptr;
  int status_ = FREEXL_UNKNOWN;
};

std::string open_error(int status) {
  switch (status) {
    case FREEXL_FILE_NOT_FOUND: return "无法打开文件";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE: return "不是 .xls 工作簿（不是 OLE 复合文档）";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "OLE 文件中没有工作簿（Workbook/Book 流）；若为加密的 .xlsx，请先去掉密码";
    case FREEXL_INSUFFICIENT_MEMORY: return "工作簿过大，内存不足";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER: return "工作簿的文字编码无法转换";
    default: return "工作簿已损坏（FreeXL 错误 " + std::to_string(status) + "）";
  }
}

/// The shortest decimal that reads back as `v`, exact, half-up to 6 decimals.
std::optional<Decimal> exact(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  if (res.ec != std::errc()) return std::nullopt;
  return xlsx::parse_xml_number(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

/// "2022-11-30" (and "2022-11-30 10:00:00") → "2022年11月30日"; else unchanged.
std::string date_text(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() >= 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  }
  return iso;
}

/// The grids as FreeXL reads them, in this process.
std::vector<Grid> read_here(const std::string& path, const xlsx::ReadLimits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw ReadError("无法打开文件");
  if (size > limits.max_file_bytes) {
    throw ReadError("文件过大（" + std::to_string(size >> 20) + " MB），上限 " +
                    std::to_string(limits.max_file_bytes >> 20) + " MB");
  }
  Handle h(path);
  if (h.status() != FREEXL_OK) throw ReadError(open_error(h.status()));
  if (h.info(FREEXL_BIFF_PASSWORD) == FREEXL_BIFF_OBFUSCATED) {
    throw ReadError("工作簿设有密码（已加密），无法读取\n  提示: 请单位去掉密码后重新报送");
  }
  const unsigned biff = h.info(FREEXL_BIFF_VERSION);
  if (biff != FREEXL_BIFF_VER_5 && biff != FREEXL_BIFF_VER_8) {
    throw ReadError("不支持 BIFF" + std::to_string(biff) +
                    " 格式（Excel 5.0 以前）\n  提示: 用 Excel 或 WPS 另存为 .xlsx");
  }
  const unsigned sheets = h.info(FREEXL_BIFF_SHEET_COUNT);
  std::vector<Grid> grids;
  std::size_t cells_left = limits.max_cells;
  for (unsigned s = 0; s < sheets; ++s) {
    Grid g;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(h.get(), static_cast<unsigned short>(s), &name) == FREEXL_OK && name != nullptr) {
      g.sheet = name;
    }
    if (g.sheet.empty() || first_invalid_utf8(g.sheet) != std::string::npos) g.sheet = "Sheet" + std::to_string(s + 1);
    const std::string where = "工作表“" + g.sheet + "”";
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(h.get(), static_cast<unsigned short>(s)) != FREEXL_OK ||
        freexl_worksheet_dimensions(h.get(), &rows, &cols) != FREEXL_OK) {
      throw ReadError(where + "无法读取");
    }
    for (unsigned r = 0; r < rows; ++r) {
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v{};
        const int st = freexl_get_cell_value(h.get(), r, c, &v);
        if (st != FREEXL_OK) {
          throw ReadError(where + "!" + cell_address(static_cast<int>(r), c) + "：无法读取（FreeXL 错误 " +
                          std::to_string(st) + "）");
        }
        GridCell cell;
        cell.row = static_cast<int>(r);
        cell.col = c;
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.number = Decimal(v.value.int_value);
            cell.text = cell.number->to_plain();
            break;
          case FREEXL_CELL_DOUBLE:
            cell.number = exact(v.value.double_value);
            cell.text = cell.number ? cell.number->to_plain() : std::string();
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT: cell.text = v.value.text_value != nullptr ? v.value.text_value : ""; break;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
            cell.text = date_text(v.value.text_value != nullptr ? v.value.text_value : "");
            break;
          case FREEXL_CELL_TIME: cell.text = v.value.text_value != nullptr ? v.value.text_value : ""; break;
          default: continue;
        }
        if (first_invalid_utf8(cell.text) != std::string::npos) {
          throw ReadError(where + "!" + cell_address(cell.row, cell.col) + "：文字不是有效的 UTF-8");
        }
        if (cell.text.empty() && !cell.number) continue;
        if (cells_left == 0) throw ReadError("工作簿的非空单元格超过上限");
        --cells_left;
        g.cells.push_back(std::move(cell));
      }
    }
    grids.push_back(std::move(g));
  }
  if (grids.empty()) throw ReadError("工作簿中没有工作表");
  return grids;
}

// The grids through a pipe: "G" sheet, then "C" row col text number per cell;
// "E" message for a ReadError. Strings are length-prefixed.
void put(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

std::string serialise(const std::vector<Grid>& grids) {
  std::string out;
  for (const Grid& g : grids) {
    out += 'G';
    put(out, g.sheet);
    for (const GridCell& c : g.cells) {
      out += 'C';
      put(out, std::to_string(c.row));
      put(out, std::to_string(c.col));
      put(out, c.text);
      put(out, c.number ? c.number->to_plain() : "");
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  char tag() { return s_.at(pos_++); }
  std::string_view str() {
    const std::size_t colon = s_.find(':', pos_);
    if (colon == std::string_view::npos) throw std::out_of_range("xls pipe");
    const std::size_t n = std::stoul(std::string(s_.substr(pos_, colon - pos_)));
    if (colon + 1 + n > s_.size()) throw std::out_of_range("xls pipe");
    pos_ = colon + 1 + n;
    return s_.substr(colon + 1, n);
  }
  int num() { return std::stoi(std::string(str())); }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

std::vector<Grid> deserialise(std::string_view bytes) {
  Reader r(bytes);
  std::vector<Grid> grids;
  while (!r.done()) {
    const char t = r.tag();
    if (t == 'E') throw ReadError(std::string(r.str()));
    if (t == 'G') {
      grids.emplace_back().sheet = r.str();
    } else if (t == 'C' && !grids.empty()) {
      GridCell c;
      c.row = r.num();
      c.col = r.num();
      c.text = r.str();
      if (const std::string_view n = r.str(); !n.empty()) c.number = xlsx::parse_xml_number(n);
      grids.back().cells.push_back(std::move(c));
    } else {
      throw std::out_of_range("xls pipe");
    }
  }
  return grids;
}

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    s.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::vector<Grid> read_workbook(const std::string& path, const xlsx::ReadLimits& limits) {
  // FreeXL 1.0.6 crashes on some damaged files (found by the generated
  // damaged-file test): it runs in a child process, so that a crash or a
  // hang refuses that one file and a batch goes on.
  int fds[2];
  if (::pipe(fds) != 0) throw ReadError("无法读取文件（pipe）");
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw ReadError("无法读取文件（fork）");
  }
  if (pid == 0) {
    ::close(fds[0]);
    ::alarm(60);  // a hang ends as a crash does
    std::string out;
    try {
      out = serialise(read_here(path, limits));
    } catch (const ReadError& e) {
      out.clear();
      out += 'E';
      put(out, e.what());
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(write_all(fds[1], out) ? 0 : 3);
  }
  ::close(fds[1]);
  std::string bytes;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw ReadError(
        "工作簿已损坏，无法读取（FreeXL 读取时异常终止）\n  提示: 用 Excel 或 WPS 打开后另存为 .xlsx 再报送");
  }
  try {
    return deserialise(bytes);
  } catch (const std::out_of_range&) {
    throw ReadError("工作簿已损坏，无法读取");
  } catch (const std::invalid_argument&) {
    throw ReadError("工作簿已损坏，无法读取");
  }
}

}  // namespace jx::xls
