// `jixiao serve`'s HTTP server: the one user of cpp-httplib (Debian's
// libcpp-httplib-dev 0.11), which it adapts to web::Request / Response and
// hands to the Router. A bounded pool of `jobs` worker threads serves the
// connections; reads and writes time out (a slow or silent client holds
// one worker for at most `timeout_seconds` per read, never the others);
// a body past limits.max_request_bytes is refused with 413 before it is
// read; every request is logged on one line (method, path, status, ms).
#pragma once

#include <functional>
#include <string>

#include "web/router.h"

namespace jx::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port (tests)
  unsigned jobs = 8;
  int timeout_seconds = 10;
  std::size_t max_request_bytes = 100u << 20;
};

/// Binds and serves until the process ends. Returns 2 with a Chinese
/// message in `error` when the address cannot be bound (the port is taken);
/// otherwise calls `ready(port)` once listening (the port actually bound)
/// and does not return until the server stops (then 0).
int serve(const Router& router, const ServerOptions& options, const std::function<void(int)>& ready,
          std::string& error);

}  // namespace jx::web
