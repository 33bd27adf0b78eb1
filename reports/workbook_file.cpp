#include "reports/workbook_file.h"

#include "reports/xls_reader.h"

namespace jx::workbook {

Format sniff(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.empty()) return Format::Empty;
  if (bytes.substr(0, 4) == "PK\x03\x04"sv || bytes.substr(0, 4) == "PK\x05\x06"sv) return Format::Xlsx;
  if (bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv) {
    // The directory names its streams in UTF-16LE.
    static const std::string encrypted = [] {
      std::string s;
      for (char c : std::string_view("EncryptedPackage")) s += {c, '\0'};
      return s;
    }();
    return bytes.find(encrypted) != std::string_view::npos ? Format::EncryptedXlsx : Format::Xls;
  }
  return Format::Unknown;
}

std::vector<Grid> read(const std::string& path, std::string_view bytes, const xlsx::ReadLimits& limits) {
  switch (sniff(bytes)) {
    case Format::Empty: throw xlsx::ReadError("文件是空的（0 字节）\n  提示: 请单位重新报送");
    case Format::EncryptedXlsx:
      throw xlsx::ReadError("工作簿设有密码（已加密），无法读取\n  提示: 请单位去掉密码后重新报送");
    case Format::Xls: return xls::read_workbook(path, limits);
    case Format::Xlsx: return xlsx::read_workbook_bytes(bytes, limits);
    case Format::Unknown: break;
  }
  throw xlsx::ReadError("不是 Excel 工作簿（既非 .xlsx 也非 .xls）\n  提示: 用 Excel 或 WPS 另存为 .xlsx");
}

}  // namespace jx::workbook
