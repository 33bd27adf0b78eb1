#include "web/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "reports/json_report.h"
#include "web/pages.h"
#include "web/zip_input.h"

namespace jx::web {

namespace {

const char* const kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

Response json_error(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = "{\"error\": " + reports::json_string(message) + "}\n";
  return r;
}

Response html_error(int status, const std::string& message) {
  Response r;
  r.status = status;
  r.body = error_page(status, message);
  return r;
}

Response html(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response json(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// Constant-time comparison: the time taken does not tell how much of a
// guessed token was right.
bool same_secret(const std::string& given, const std::string& secret) {
  if (secret.empty() || given.size() != secret.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < secret.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ secret[i]);
  return diff == 0;
}

std::string cookie_value(const std::string& cookies, const std::string& name) {
  std::size_t pos = 0;
  while (pos < cookies.size()) {
    std::size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (starts_with(part, name + "=")) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The uploads of a request's `field` parts, a single .zip unpacked.
std::vector<app::Upload> uploads(const Request& req, const std::string& field, const Limits& limits) {
  std::vector<app::Upload> out;
  std::size_t parts = 0;
  for (const Part& p : req.parts) {
    if (p.field != field) continue;
    if (++parts > limits.max_files) {
      throw UploadError{413, "文件过多（上限 " + std::to_string(limits.max_files) + " 个）"};
    }
    if (p.filename.empty() && p.content.empty()) continue;  // an empty file input
    if (is_zip_name(p.filename)) {
      for (auto& u : unzip_submissions(p.content, limits)) {
        if (out.size() + 1 > limits.max_files) {
          throw UploadError{413, "文件过多（上限 " + std::to_string(limits.max_files) + " 个）"};
        }
        out.push_back(std::move(u));
      }
      continue;
    }
    if (p.content.size() > limits.max_file_bytes) {
      throw UploadError{413, "文件过大：" + p.filename + "（" + megabytes(p.content.size()) + "，上限 " +
                                 megabytes(limits.max_file_bytes) + "）"};
    }
    // The client's name is a label: its last component, never a path.
    std::string name = tame_entry_name(p.filename);
    if (name.empty()) name = "上传文件";
    out.push_back({name, p.content});
  }
  if (out.empty()) throw UploadError{400, "没有收到文件：请选择文件后再提交（表单字段 " + field + "）"};
  return out;
}

}  // namespace

bool loopback_host(const std::string& host_header) {
  std::string host = lower(host_header);
  if (starts_with(host, "[")) {
    const auto close = host.find(']');
    if (close == std::string::npos) return false;
    const std::string rest = host.substr(close + 1);
    if (!rest.empty() && (rest[0] != ':' || rest.find_first_not_of("0123456789", 1) != std::string::npos)) return false;
    return host.substr(1, close - 1) == "::1";
  }
  if (const auto colon = host.find(':'); colon != std::string::npos) {
    const std::string port = host.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) return false;
    host.resize(colon);
  }
  if (host == "localhost") return true;
  // 127.0.0.0/8, four decimal parts.
  if (!starts_with(host, "127.")) return false;
  int parts = 0;
  std::size_t pos = 0;
  while (pos <= host.size()) {
    const std::size_t end = std::min(host.find('.', pos), host.size());
    const std::string p = host.substr(pos, end - pos);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) > 255) {
      return false;
    }
    ++parts;
    pos = end + 1;
  }
  return parts == 4;
}

Router::Router(const app::Service& service, RouterConfig config) : service_(service), config_(std::move(config)) {}

bool Router::authorised(const Request& req) const {
  if (config_.token.empty()) return true;
  if (const auto auth = req.header("authorization"); auth && starts_with(*auth, "Bearer ")) {
    if (same_secret(auth->substr(7), config_.token)) return true;
  }
  if (const auto cookies = req.header("cookie")) {
    if (same_secret(cookie_value(*cookies, kCookie), config_.token)) return true;
  }
  return false;
}

Response Router::handle(const Request& req) const {
  const bool api = starts_with(req.path, "/api/");
  auto refuse = [&](int status, const std::string& message) {
    return api ? json_error(status, message) : html_error(status, message);
  };
  Response r;
  try {
    const auto host = req.header("host");
    const auto origin = req.header("origin");
    const auto fetch_site = req.header("sec-fetch-site");
    if (config_.loopback && (!host || !loopback_host(*host))) {
      r = refuse(421, "拒绝访问：请用 http://127.0.0.1 地址打开本服务（Host 不是本机地址）");
    } else if (fetch_site && *fetch_site != "same-origin" && *fetch_site != "none") {
      r = refuse(403, "拒绝跨站请求：其他网站不能使用本服务");
    } else if (origin && (!host || *origin != "http://" + *host)) {
      r = refuse(403, "拒绝跨站请求：其他网站不能使用本服务");
    } else if (!config_.token.empty() && req.method == "GET" && req.path == "/" && !req.param("token").empty()) {
      // /?token=T once: the token goes into a cookie and out of the address bar.
      if (!same_secret(req.param("token"), config_.token)) {
        r = refuse(401, "访问令牌不正确：请使用启动服务时显示的地址");
      } else {
        r.status = 303;
        r.body = "";
        r.headers.emplace_back("Location", "/");
        r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + config_.token +
                                                 "; Path=/; HttpOnly; SameSite=Strict");
      }
    } else if (!authorised(req)) {
      r = refuse(401, "需要访问令牌：请使用启动服务时显示的地址（含 ?token=…），脚本请加 Authorization: Bearer 令牌");
    } else if (req.content_length > config_.limits.max_request_bytes) {
      r = refuse(413, "上传内容过大（" + megabytes(req.content_length) + "，上限 " +
                          megabytes(config_.limits.max_request_bytes) + "）");
    } else {
      r = route(req);
    }
  } catch (const UploadError& e) {
    r = refuse(e.status, e.message);
  } catch (const std::exception& e) {
    spdlog::error("{} {}：{}", req.method, req.path, e.what());
    r = refuse(500, std::string("处理请求时出错：") + e.what());
  } catch (...) {
    r = refuse(500, "处理请求时出错");
  }
  add_security_headers(r);
  return r;
}

Response error_response(const std::string& path, int status, const std::string& message) {
  Response r = starts_with(path, "/api/") ? json_error(status, message) : html_error(status, message);
  add_security_headers(r);
  return r;
}

void add_security_headers(Response& r) {
  r.headers.emplace_back("Content-Security-Policy", kCsp);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cache-Control", "no-store");
}

Response Router::route(const Request& req) const {
  const bool get = req.method == "GET" || req.method == "HEAD";
  const bool post = req.method == "POST";
  const std::string& p = req.path;
  const bool api = starts_with(p, "/api/");
  if (p == "/" && get) return html(home_page(service_.has_db()));
  if (p == "/score" && post) return score(req, false, false);
  if (p == "/api/score" && post) return score(req, true, false);
  if (p == "/api/score.xlsx" && post) return score(req, true, true);
  if (p == "/batch" && get) return html(batch_form_page(service_.has_db()));
  if (p == "/batch" && post) return batch(req, false);
  if (p == "/api/batch" && post) return batch(req, true);
  if (p == "/api/batch.xlsx" && post) return batch(req, true, true);
  if (p == "/history" && get) return history(req, false);
  if (p == "/api/history" && get) return history(req, true);
  if (p == "/templates" && get) return html(templates_page(service_.downloads()));
  if (starts_with(p, "/templates/") && get) {
    const auto text = service_.download(p.substr(11));
    if (!text) return html_error(404, "没有这个模板或示例");
    Response r;
    r.content_type = "application/x-yaml; charset=utf-8";
    r.body = *text;
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + p.substr(11) + "\"");
    return r;
  }
  if (starts_with(p, "/assets/") && get) {
    Response r;
    if (!asset(p.substr(8), r.body, r.content_type)) return html_error(404, "没有这个文件");
    return r;
  }
  const bool known = p == "/" || p == "/score" || p == "/batch" || p == "/history" || p == "/templates" ||
                     p == "/api/score" || p == "/api/score.xlsx" || p == "/api/batch" || p == "/api/batch.xlsx" || p == "/api/history";
  if (known) return api ? json_error(405, "不支持的请求方法：" + req.method) : html_error(405, "不支持的请求方法");
  return api ? json_error(404, "没有这个接口：" + p) : html_error(404, "没有这个页面：" + p);
}

Response Router::score(const Request& req, bool api, bool xlsx) const {
  const std::vector<app::Upload> files = uploads(req, "file", config_.limits);
  if (files.size() != 1) throw UploadError{400, "一次只评一个文件；多个文件请用“批量汇总”"};
  const app::ScoreResult r = service_.score(files.front());
  if (xlsx) {
    if (r.bad_input) return json_error(422, r.message);
    Response out;
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    out.body = service_.workbook(r);
    // The download's name is ours (an ASCII default and the UTF-8 name),
    // never the client's text in a header.
    out.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"jixiao.xlsx\"; filename*=UTF-8''%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx");
    return out;
  }
  if (api) {
    if (!r.bad_input) return json(r.json);
    std::string body = r.json;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return json("{\"error\": " + reports::json_string(r.message) + ",\n\"result\": " + body + "}\n", 422);
  }
  return html(score_page(r, files.front().name), r.bad_input ? 422 : 200);
}

Response Router::batch(const Request& req, bool api, bool xlsx) const {
  const std::vector<app::Upload> files = uploads(req, "files", config_.limits);
  const app::BatchResult r = service_.batch(files);
  if (r.code == app::kUsage) return api ? json_error(500, r.message) : html_error(500, r.message);
  if (xlsx) {
    Response out;
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    out.body = service_.batch_workbook(r);
    // As for the 自评表: the download's name is ours, never the client's text.
    out.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"jixiao-summary.xlsx\"; filename*=UTF-8''%E6%B1%87%E6%80%BB.xlsx");
    return out;
  }
  return api ? json(r.json) : html(batch_page(r));
}

Response Router::history(const Request& req, bool api) const {
  const std::string department = req.param("department");
  const std::string project = req.param("project");
  try {
    // ?aggregates=1 as the CLI's --aggregates: {records, departments}.
    const app::HistoryResult h = service_.history(department, project, req.param("aggregates") == "1");
    return api ? json(h.json) : html(history_page(department, project, h.rows, h.departments));
  } catch (const std::exception& e) {
    return api ? json_error(404, e.what()) : html_error(404, e.what());
  }
}

}  // namespace jx::web
