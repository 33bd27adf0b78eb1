// Moved to the application layer (app/workbook_input.h), shared with `jixiao serve`;
// this header keeps the command line's includes and names working.
#pragma once

#include "app/workbook_input.h"

namespace jx::cli {
using namespace ::jx::app;  // NOLINT(google-build-using-namespace): the names moved, callers did not
}  // namespace jx::cli
