// Every route of `jixiao serve` and the checks every request passes first
// (README: serve). The router takes a Request and returns a Response; it
// never touches a socket, so handler and security tests call it directly.
//
// Routes (fixed): GET / (评分 / 复核 upload page), POST /score (multipart
// `file`) → the score page, or the review page for a workbook; GET /batch,
// POST /batch (multipart `files` repeated, or one zip) → the summary page;
// GET /history?department=&project=; GET /templates, GET /templates/NAME;
// GET /assets/NAME. API: POST /api/score, POST /api/score.xlsx,
// POST /api/batch, GET /api/history. Errors: {"error": "…"} with a 4xx/5xx
// status under /api/, a Chinese HTML page elsewhere.
//
// Checks, in order, before any route:
// 1. on a loopback bind, the Host header must name a loopback address
//    (127.0.0.1, localhost, [::1], any port): a DNS-rebinding page's
//    requests carry its own host name (421);
// 2. a cross-site request is refused (403): Sec-Fetch-Site other than
//    same-origin / none, or an Origin that is not this server's
//    (http://HOST); scripts without Origin (curl, Python) pass;
// 3. with a token, the request must carry it: `Authorization: Bearer T`, or
//    the cookie set by opening /?token=T once (HttpOnly, SameSite=Strict),
//    compared in constant time (401);
// 4. a body larger than limits.max_request_bytes is refused (413).
// Every response carries a Content-Security-Policy without inline script
// or style, nosniff, no framing, no referrer, no caching.
// A handler that throws becomes a 500 with a Chinese message; the server
// goes on. Thread-safe: handle() may run on many threads at once.
#pragma once

#include <string>

#include "app/service.h"
#include "web/http.h"
#include "web/limits.h"

namespace jx::web {

struct RouterConfig {
  bool loopback = true;  ///< bound to a loopback address (Host must name one)
  std::string token;     ///< "" = none required (only allowed on loopback)
  Limits limits;
};

class Router {
 public:
  Router(const app::Service& service, RouterConfig config);

  /// The response to `req`, security headers included. Never throws.
  [[nodiscard]] Response handle(const Request& req) const;

  static constexpr const char* kCookie = "jixiao_token";

 private:
  [[nodiscard]] Response route(const Request& req) const;
  [[nodiscard]] Response score(const Request& req, bool api, bool xlsx) const;
  [[nodiscard]] Response batch(const Request& req, bool api, bool xlsx = false) const;
  [[nodiscard]] Response history(const Request& req, bool api) const;
  [[nodiscard]] bool authorised(const Request& req) const;

  const app::Service& service_;
  RouterConfig config_;
};

/// The error response of `path` (JSON under /api/, else the HTML page).
Response error_response(const std::string& path, int status, const std::string& message);

/// Adds the security headers every response carries.
void add_security_headers(Response& r);

/// Whether a Host header value names a loopback address ("127.0.0.1:8080",
/// "localhost", "[::1]:80", any 127.x.y.z).
bool loopback_host(const std::string& host);

}  // namespace jx::web
