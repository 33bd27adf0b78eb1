// A zip of submissions uploaded to POST /batch or /api/batch, read entirely
// in memory with libzip (the one wrapper of libzip on this side; the xlsx
// reader has its own, for workbooks). Entry names are labels only: never
// opened, created or joined to a server path. An entry's name is made
// tame (backslashes to '/', "." / ".." / empty components and a leading '/'
// dropped) so that it reads well in the summary and so that a department's
// `projects: [a.yaml]` finds its attached file in the same folder.
//
// Taken: .yaml / .yml / .xlsx / .xls entries (case-insensitive), as batch
// takes files found in a folder; folders, hidden files (a component starting
// with '.'), __MACOSX and "~$" lock files are passed over. Refused with
// UploadError 413: more entries than limits.max_zip_entries, more taken
// files than max_files, an entry or the whole past max_file_bytes /
// max_unpacked_bytes or a compression ratio past max_ratio (checked from
// the sizes the zip declares and again while inflating, so a lying header
// does not help); 400 for a corrupt or encrypted zip.
#pragma once

#include <string>
#include <vector>

#include "app/upload.h"
#include "web/limits.h"

namespace jx::web {

/// Whether `name` ends in .zip (case-insensitive).
bool is_zip_name(const std::string& name);

/// The entry's name made tame as described above ("" = nothing left).
std::string tame_entry_name(const std::string& name);

/// The zip's submissions in entry order. Throws UploadError.
std::vector<app::Upload> unzip_submissions(const std::string& bytes, const Limits& limits);

}  // namespace jx::web
