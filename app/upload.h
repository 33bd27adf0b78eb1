// Files that arrive in memory (uploads to `jixiao serve`) rather than as
// paths. An upload's name is only a label: it is never opened, created or
// used to build a path on the server (web/zip_input.h makes names from zip
// entries the same way). Other uploads are the only files an uploaded
// department may attach.
#pragma once

#include <string>
#include <vector>

#include "app/loading.h"

namespace jx::app {

struct Upload {
  std::string name;   ///< as the client named it (a label for messages and rows)
  std::string bytes;  ///< the whole file
};

/// A FileReader over `uploads` (which must outlive it): a name matches an
/// upload of that name, compared after dropping "./" and leading folders
/// the department's own name does not have, so `projects: [a.yaml]` in
/// d.yaml finds the upload a.yaml. kNoSuchFile otherwise.
FileReader upload_reader(const std::vector<Upload>& uploads);

}  // namespace jx::app
