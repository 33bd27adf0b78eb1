#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <chrono>

namespace jx::web {

namespace {

Request convert(const httplib::Request& in) {
  Request r;
  r.method = in.method;
  r.path = in.path;
  for (const auto& [k, v] : in.params) r.query.emplace(k, v);
  for (const auto& [k, v] : in.headers) {
    std::string name = k;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    r.headers.emplace(name, v);  // a repeated header: the first one counts
  }
  r.content_length = in.body.size();
  for (const auto& [field, part] : in.files) r.content_length += part.content.size();
  // httplib keeps the parts in a multimap by field: parts of one field stay
  // in the order sent, which is all the routes rely on.
  for (const auto& [field, part] : in.files) r.parts.push_back({part.name, part.filename, part.content});
  if (in.files.empty()) r.body = in.body;
  return r;
}

void apply(const Response& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [k, v] : from.headers) to.set_header(k, v);
  to.set_content(from.body, from.content_type);
}

}  // namespace

int serve(const Router& router, const ServerOptions& options, const std::function<void(int)>& ready,
          std::string& error) {
  // httplib 0.11 sends without MSG_NOSIGNAL: a client that resets its
  // connection while a response is written must not end the server with
  // SIGPIPE (the write fails with EPIPE instead, and that request is over).
  std::signal(SIGPIPE, SIG_IGN);
  httplib::Server server;
  const unsigned jobs = std::max(1u, options.jobs);
  server.new_task_queue = [jobs] { return new httplib::ThreadPool(jobs); };
  server.set_read_timeout(options.timeout_seconds, 0);
  server.set_write_timeout(options.timeout_seconds, 0);
  server.set_keep_alive_timeout(1);  // an idle browser connection holds a worker: let it go soon
  server.set_keep_alive_max_count(100);
  server.set_payload_max_length(options.max_request_bytes);
  auto handler = [&router](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    const Response r = router.handle(convert(req));
    apply(r, res);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // The path as decoded may hold control characters (%0a): never a forged log line.
    std::string path = req.path.substr(0, 200);
    for (char& c : path) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    spdlog::info("{} {} {} {:.0f} ms", req.method, path, r.status, ms);
  };
  // A body announced larger than the limit is refused from its headers,
  // before a byte of it is read (httplib itself would first read and drop
  // the whole body, or wait for it until the read timeout); the connection
  // is closed since the body was never consumed.
  server.set_pre_routing_handler([max = options.max_request_bytes](const httplib::Request& req,
                                                                    httplib::Response& res) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const bool digits = length.size() <= 19 && length.find_first_not_of("0123456789") == std::string::npos;
    if (digits && std::stoull(length) <= max) return httplib::Server::HandlerResponse::Unhandled;
    apply(error_response(req.path, 413, "上传内容过大（上限 " + megabytes(max) + "），已拒收"), res);
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get(".*", handler);
  server.Post(".*", handler);
  // What httplib answers by itself (a body over the limit: 413; a request
  // it cannot parse: 400) gets a Chinese page too, with the same headers.
  server.set_error_handler([max = options.max_request_bytes](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    const std::string message = status == 413   ? "上传内容过大（上限 " + megabytes(max) + "），已拒收"
                                : status == 405 ? "不支持的请求方法"
                                : status == 404 ? "没有这个页面"
                                                : "请求有误，无法处理";
    apply(error_response(req.path, status, message), res);
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    apply(error_response(req.path, 500, "处理请求时出错"), res);
  });
  // Not httplib's default options: those set SO_REUSEPORT, with which a
  // second server binds the same port silently and the two share its
  // connections. SO_REUSEADDR alone lets a restart bind at once while a
  // port held by a listening program stays refused.
  int listening = -1;
  server.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) port = -1;
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    error = "无法在 " + options.host + ":" + std::to_string(options.port) +
            " 启动服务：端口已被占用，或地址不是本机的地址";
    return 2;
  }
  // httplib 0.11 listens with a backlog of 5: a burst of connections (a
  // page's assets, a script's parallel requests) would see SYNs dropped and
  // retried a second later. Linux takes a second listen() as a new backlog.
  if (listening >= 0) ::listen(listening, 512);
  ready(port);
  server.listen_after_bind();
  return 0;
}

}  // namespace jx::web
