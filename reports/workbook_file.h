// Reading a submitted workbook whatever its format: .xlsx (a zip) through
// reports/xlsx_reader, .xls (an OLE compound file) through reports/xls_reader,
// told apart by their first bytes, not by the file name. The one entry point
// of `import`, `review` and `batch`, so that table recognition never knows
// which format a grid came from.
//
// Refusals (xlsx::ReadError, Chinese message, the file not named): an empty
// file; an OLE container holding an encrypted OOXML package (what Excel
// writes for a password-protected .xlsx: EncryptionInfo / EncryptedPackage
// streams); anything neither zip nor OLE; everything the two readers refuse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/grid.h"
#include "reports/xlsx_reader.h"

namespace jx::workbook {

enum class Format { Empty, Xlsx, Xls, EncryptedXlsx, Unknown };

/// What the first bytes (the whole file for an OLE container) say the file is.
Format sniff(std::string_view bytes);

/// Reads the workbook at `path`, whose content is `bytes` (already read,
/// within limits.max_file_bytes). Throws xlsx::ReadError.
std::vector<Grid> read(const std::string& path, std::string_view bytes, const xlsx::ReadLimits& limits = {});

}  // namespace jx::workbook
