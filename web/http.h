// The server's own request and response: what the router sees, independent
// of the HTTP library (web/server.cpp converts cpp-httplib's, the only place
// that includes it), so that every handler is tested without a socket.
// Header names are compared case-insensitively (stored lower-case).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jx::web {

/// One part of a multipart/form-data body.
struct Part {
  std::string field;     ///< the form field ("file", "files")
  std::string filename;  ///< as the client named it: a label, never a path on the server
  std::string content;
};

struct Request {
  std::string method;  ///< "GET", "POST"
  std::string path;    ///< without the query string
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;                            ///< what was received (the parts' bytes are in `parts`)
  std::vector<Part> parts;                     ///< multipart fields in the order sent
  std::size_t content_length = 0;              ///< the body's size as received

  /// A header's value, or nullopt; `name` in lower case.
  [[nodiscard]] std::optional<std::string> header(const std::string& name) const;
  /// The first query parameter of that name, or "".
  [[nodiscard]] std::string param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< added to the security headers

  /// The value of a header set on this response ("" when none); `name` as set.
  [[nodiscard]] std::string header(const std::string& name) const;
};

}  // namespace jx::web
