#include "cli/serve_cmd.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "app/service.h"
#include "cli/batch.h"
#include "cli/loading.h"
#include "web/router.h"
#include "web/server.h"

namespace jx::cli {

namespace {

// 128 random bits, hex: what a non-loopback server asks of every request.
std::string generate_token() {
  std::ifstream in("/dev/urandom", std::ios::binary);
  unsigned char bytes[16] = {};
  in.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  if (!in) throw std::runtime_error("无法生成访问令牌（/dev/urandom 不可读）");
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

bool loopback_address(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int run_serve(const ServeOptions& opt) {
  if (opt.port < 0 || opt.port > 65535) {
    std::cerr << "jixiao: 错误: --port 应在 0–65535 之间：" << opt.port << "\n";
    return kUsage;
  }
  if (!opt.token.empty() && opt.token.find_first_of(" ;,\"\\\r\n\t") != std::string::npos) {
    std::cerr << "jixiao: 错误: --token 不能含空格、分号、逗号、引号或反斜杠\n";
    return kUsage;
  }
  const bool loopback = loopback_address(opt.host);
  web::RouterConfig rc;
  rc.loopback = loopback;
  rc.token = opt.token;
  if (!loopback && rc.token.empty()) rc.token = generate_token();

  app::ServiceConfig sc;
  sc.rules_search = opt.rules_search;
  sc.layout_search = opt.layout_search;
  sc.download_dirs = opt.download_dirs;
  sc.db = opt.db;
  // Batch runs go through the command line's own runner (cli/batch.h) on
  // the uploads: one worker each, the request threads are the parallelism.
  sc.batch = [rules = opt.rules_search, layouts = opt.layout_search, db = opt.db](
                 const std::vector<app::Upload>& uploads, std::vector<BatchSummary>& summaries,
                 std::optional<int>& recorded) {
    BatchOptions b;
    b.uploads = &uploads;
    b.summaries = &summaries;
    b.recorded = &recorded;
    b.db = db;
    b.jobs = 1;
    b.quiet = true;
    b.progress = false;
    b.rules_search = rules;
    b.layout_search = layouts;
    return run_batch(b);
  };
  const app::Service service(std::move(sc));  // throws: run()'s one error path (exit 2)
  const web::Router router(service, rc);
  web::ServerOptions so;
  so.host = opt.host;
  so.port = opt.port;
  so.jobs = opt.jobs > 0 ? opt.jobs : 8;
  so.max_request_bytes = rc.limits.max_request_bytes;
  std::string error;
  const int code = web::serve(
      router, so,
      [&](int port) {
        const std::string host = opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
        std::string url = "http://" + host + ":" + std::to_string(port) + "/";
        if (!rc.token.empty()) url += "?token=" + rc.token;
        std::cout << "jixiao 网页服务已启动，在浏览器中打开：\n  " << url << "\n";
        if (!rc.token.empty()) {
          std::cout << "访问令牌：" << rc.token << "（脚本调用时加 Authorization: Bearer 令牌）\n";
        }
        if (!opt.db.empty()) std::cout << "历史数据库：" << opt.db << "\n";
        std::cout << "按 Ctrl+C 停止服务。" << std::endl;
      },
      error);
  if (code != 0) {
    std::cerr << "jixiao: 错误: " << error << "\n  提示: 换一个端口，如 --port " << (opt.port == 8080 ? 8081 : 8080)
              << "；或先关闭占用该端口的程序\n";
    return kUsage;
  }
  return kOk;
}

}  // namespace jx::cli
