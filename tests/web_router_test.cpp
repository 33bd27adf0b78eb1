// `jixiao serve` without a socket: the router called with request objects
// (web/router.h). The security gates are tested over a generated space of
// requests (Host, Origin, Sec-Fetch-Site, token carried or not) against the
// rule written out independently below; the routes, the escaping of text
// from files, the upload limits and the zip reader with named examples.
// Seeded: JIXIAO_SEED=N reproduces a run; the seed is printed on failure.
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "app/service.h"
#include "tests/support.h"
#include "web/router.h"
#include "web/zip_input.h"

namespace {

using jx::web::Request;
using jx::web::Response;

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

jx::app::ServiceConfig config() {
  const std::string src = JIXIAO_SOURCE_DIR;
  jx::app::ServiceConfig c;
  c.rules_search = {src + "/indicators/rules"};
  c.layout_search = {src + "/indicators/layouts"};
  c.download_dirs = {src + "/indicators/templates", src + "/indicators/examples"};
  return c;
}

const jx::app::Service& service() {
  static const jx::app::Service s(config());
  return s;
}

Request get(const std::string& path, const std::string& host = "127.0.0.1:8080") {
  Request r;
  r.method = "GET";
  r.path = path;
  r.headers["host"] = host;
  return r;
}

Request upload(const std::string& path, const std::string& field, const std::string& name, const std::string& bytes) {
  Request r = get(path);
  r.method = "POST";
  r.parts.push_back({field, name, bytes});
  r.content_length = bytes.size();
  return r;
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buf);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    const zip_int64_t i = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    REQUIRE(i >= 0);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_DEFLATE, 9);
  }
  REQUIRE(zip_close(z) == 0);
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buf);
  zip_source_free(buf);
  return out;
}

}  // namespace

TEST_CASE("serve: the security gates over generated requests (Host, Origin, Sec-Fetch-Site, token)", "[web]") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 g(seed);
  auto pick = [&g](const std::vector<std::string>& v) { return v[g() % v.size()]; };
  const std::vector<std::string> hosts{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "127.0.0.1", "127.1.2.3:9",
                                       "evil.example:8080", "127.0.0.1.evil.example", "192.168.1.5:8080",
                                       "localhost.evil:8080", "[::2]:8080", "127.0.0.256", ""};
  const std::vector<std::string> fetch{"", "same-origin", "none", "same-site", "cross-site"};
  const std::string token = "0123456789abcdef0123456789abcdef";
  int cases = 0;
  int passed_gates = 0;
  for (int i = 0; i < 3000; ++i) {
    const bool loopback = g() % 4 != 0;
    const bool with_token = g() % 2 == 0;
    jx::web::RouterConfig rc;
    rc.loopback = loopback;
    if (with_token) rc.token = token;
    const jx::web::Router router(service(), rc);
    const std::string host = pick(hosts);
    Request r = get(g() % 2 ? "/api/history" : "/templates", host);
    if (host.empty()) r.headers.erase("host");
    // Origin: none, this server's own, another site, "null".
    const int origin_kind = static_cast<int>(g() % 4);
    if (origin_kind == 1) r.headers["origin"] = "http://" + host;
    if (origin_kind == 2) r.headers["origin"] = "http://evil.example";
    if (origin_kind == 3) r.headers["origin"] = "null";
    const std::string site = pick(fetch);
    if (!site.empty()) r.headers["sec-fetch-site"] = site;
    // Token: none, right bearer, wrong bearer, right cookie, wrong cookie.
    const int carried = static_cast<int>(g() % 5);
    if (carried == 1) r.headers["authorization"] = "Bearer " + token;
    if (carried == 2) r.headers["authorization"] = "Bearer " + token.substr(1) + "x";
    if (carried == 3) r.headers["cookie"] = "a=b; jixiao_token=" + token;
    if (carried == 4) r.headers["cookie"] = "jixiao_token=" + token.substr(0, 31);

    // The rule, written out on its own.
    const bool host_loopback = host == "127.0.0.1:8080" || host == "localhost:8080" || host == "[::1]:8080" ||
                               host == "127.0.0.1" || host == "127.1.2.3:9";
    int expected = 0;  // 0: passes the gates
    if (loopback && !host_loopback) {
      expected = 421;
    } else if (!site.empty() && site != "same-origin" && site != "none") {
      expected = 403;
    } else if (origin_kind >= 2 || (origin_kind == 1 && host.empty())) {
      expected = 403;
    } else if (with_token && carried != 1 && carried != 3) {
      expected = 401;
    }
    const Response res = router.handle(r);
    ++cases;
    if (expected == 0) {
      ++passed_gates;
      if (res.status == 421 || res.status == 403 || res.status == 401) {
        FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << ") case " << i << ": refused " << res.status
                     << " but the rule lets it pass; host '" << host << "' origin " << origin_kind << " site '" << site
                     << "' token " << with_token << "/" << carried << " loopback " << loopback);
      }
    } else if (res.status != expected) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << ") case " << i << ": status " << res.status << ", expected "
                   << expected << "; host '" << host << "' origin " << origin_kind << " site '" << site << "' token "
                   << with_token << "/" << carried << " loopback " << loopback);
    }
    CHECK(res.header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  }
  INFO("seed " << seed);
  CHECK(cases == 3000);
  CHECK(passed_gates > 100);          // the space reaches both sides of every gate
  CHECK(cases - passed_gates > 1000);
}

TEST_CASE("serve: /?token=T once sets an HttpOnly SameSite=Strict cookie; a wrong one is refused", "[web]") {
  jx::web::RouterConfig rc;
  rc.token = "s3cret";
  const jx::web::Router router(service(), rc);
  Request r = get("/");
  r.query.emplace("token", "s3cret");
  const Response ok = router.handle(r);
  CHECK(ok.status == 303);
  CHECK(ok.header("Location") == "/");
  CHECK(ok.header("Set-Cookie") == "jixiao_token=s3cret; Path=/; HttpOnly; SameSite=Strict");
  Request wrong = get("/");
  wrong.query.emplace("token", "s3creT");
  CHECK(router.handle(wrong).status == 401);
  CHECK(router.handle(get("/")).status == 401);
  Request with_cookie = get("/");
  with_cookie.headers["cookie"] = "jixiao_token=s3cret";
  CHECK(router.handle(with_cookie).status == 200);
}

TEST_CASE("serve: POST /api/score gives score --json for the seed example; /score the page with 97.00", "[web]") {
  const jx::web::Router router(service(), {});
  const std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  const Response api = router.handle(upload("/api/score", "file", "kepu-2022.yaml", yaml));
  CHECK(api.status == 200);
  CHECK(api.content_type.find("application/json") == 0);
  CHECK(api.body.find("\"total\": 97.00") != std::string::npos);
  CHECK(api.body.find("\"file\": \"kepu-2022.yaml\"") != std::string::npos);
  const Response page = router.handle(upload("/score", "file", "kepu-2022.yaml", yaml));
  CHECK(page.status == 200);
  CHECK(page.body.find("data-total>97.00<") != std::string::npos);
  const Response xlsx = router.handle(upload("/api/score.xlsx", "file", "kepu-2022.yaml", yaml));
  CHECK(xlsx.status == 200);
  CHECK(xlsx.body.substr(0, 2) == "PK");
  // The workbook, uploaded back, is reviewed: its declared total is the computed one.
  const Response review = router.handle(upload("/api/score", "file", "自评表.xlsx", xlsx.body));
  CHECK(review.status == 200);
  CHECK(review.body.find("\"review\": [") != std::string::npos);
  CHECK(review.body.find("\"computed_total\": 97.00") != std::string::npos);
  CHECK(review.body.find("\"declared_total\": 97.00") != std::string::npos);
}

TEST_CASE("serve: a <script> project name is text in the page and a string in the JSON", "[web]") {
  const jx::web::Router router(service(), {});
  std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  const std::string name = "project: 省级科普专项经费";
  REQUIRE(yaml.find(name) != std::string::npos);
  yaml.replace(yaml.find(name), name.size(), "project: \"<script>alert('x')</script>&\"");
  const Response page = router.handle(upload("/score", "file", "<img src=x onerror=alert(1)>.yaml", yaml));
  CHECK(page.status == 200);
  CHECK(page.body.find("<script>") == std::string::npos);
  CHECK(page.body.find("<img") == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;") != std::string::npos);
  const Response api = router.handle(upload("/api/score", "file", "a.yaml", yaml));
  CHECK(api.body.find(R"("name": "<script>alert('x')</script>&")") != std::string::npos);
  CHECK(api.content_type.find("application/json") == 0);
  CHECK(api.header("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("serve: a file with errors is 422 with its errors; nothing uploaded names a server path", "[web]") {
  const jx::web::Router router(service(), {});
  const Response bad = router.handle(upload("/api/score", "file", "x.yaml", "kind: project\nyear: 2022\nrules: mof2020\n"));
  CHECK(bad.status == 422);
  CHECK(bad.body.find("\"error\": \"x.yaml:") != std::string::npos);
  // rules: given as a path is refused for uploads (it would be read on the server).
  std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  yaml.replace(yaml.find("rules: mof2020"), 14, "rules: ../../../indicators/rules/mof2020.yaml");
  const Response path = router.handle(upload("/api/score", "file", "p.yaml", yaml));
  CHECK(path.status == 422);
  CHECK(path.body.find("rules-path-refused") != std::string::npos);
  // A department's attached project is looked for among the uploads only.
  const std::string dept = jxtest::read_source("indicators/examples/kexie-2022-department.yaml");
  const Response d = router.handle(upload("/api/score", "file", "indicators/examples/kexie-2022-department.yaml", dept));
  CHECK(d.status == 422);
  CHECK(d.body.find("project-missing") != std::string::npos);
  // No file, two files, the wrong field.
  Request none = get("/api/score");
  none.method = "POST";
  CHECK(router.handle(none).status == 400);
  Request two = upload("/api/score", "file", "a.yaml", yaml);
  two.parts.push_back({"file", "b.yaml", yaml});
  CHECK(router.handle(two).status == 400);
}

TEST_CASE("serve: the request size limit is 413; unknown routes 404; wrong methods 405", "[web]") {
  jx::web::RouterConfig rc;
  rc.limits.max_request_bytes = 1000;
  const jx::web::Router router(service(), rc);
  Request big = upload("/api/score", "file", "a.yaml", std::string(1001, 'x'));
  const Response r = router.handle(big);
  CHECK(r.status == 413);
  CHECK(r.body.find("\"error\"") != std::string::npos);
  // File count: parts and zip entries together.
  jx::web::RouterConfig few;
  few.limits.max_files = 2;
  const jx::web::Router counted(service(), few);
  Request three = upload("/api/batch", "files", "a.yaml", "x");
  three.parts.push_back({"files", "b.yaml", "x"});
  CHECK(counted.handle(three).status != 413);  // two files: within the limit (no batch runner: 500)
  three.parts.push_back({"files", "c.yaml", "x"});
  CHECK(counted.handle(three).status == 413);
  Request zipped = upload("/api/batch", "files", "a.yaml", "x");
  zipped.parts.push_back({"files", "z.zip", make_zip({{"b.yaml", "x"}, {"c.yaml", "x"}})});
  const Response z = counted.handle(zipped);
  CHECK(z.status == 413);
  CHECK(z.body.find("文件过多") != std::string::npos);
  CHECK(router.handle(get("/nothing")).status == 404);
  CHECK(router.handle(get("/api/nothing")).body.find("\"error\"") != std::string::npos);
  CHECK(router.handle(get("/api/score")).status == 405);
  CHECK(router.handle(get("/assets/jixiao.css")).content_type.find("text/css") == 0);
  CHECK(router.handle(get("/assets/../CMakeLists.txt")).status == 404);
}

TEST_CASE("serve: templates are downloaded by listed name only", "[web]") {
  const jx::web::Router router(service(), {});
  const Response list = router.handle(get("/templates"));
  CHECK(list.body.find("/templates/kepu-2022.yaml") != std::string::npos);
  CHECK(list.body.find("/templates/dept-common.yaml") != std::string::npos);
  const Response one = router.handle(get("/templates/project.yaml"));
  CHECK(one.status == 200);
  CHECK(one.body == jxtest::read_source("indicators/templates/project.yaml"));
  for (const char* p : {"/templates/../rules/mof2020.yaml", "/templates/%2e%2e/CMakeLists.txt", "/templates/",
                        "/templates//etc/passwd", "/templates/mof2020.yaml"}) {
    CHECK(router.handle(get(p)).status == 404);
  }
}

TEST_CASE("serve: history without a database is a clear 404", "[web]") {
  const jx::web::Router router(service(), {});
  const Response r = router.handle(get("/api/history"));
  CHECK(r.status == 404);
  CHECK(r.body.find("--db") != std::string::npos);
}

TEST_CASE("zip uploads: entries read in memory, names tamed, limits and zip bombs refused", "[web]") {
  const std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  const std::string zip = make_zip({{"../../etc/evil.yaml", yaml},
                                    {"/abs/path.yml", yaml},
                                    {"dir\\..\\win.yaml", yaml},
                                    {"__MACOSX/._x.yaml", "junk"},
                                    {".hidden.yaml", yaml},
                                    {"sub/~$lock.xlsx", "junk"},
                                    {"readme.txt", "text"},
                                    {"folder/", ""}});
  const auto files = jx::web::unzip_submissions(zip, {});
  REQUIRE(files.size() == 3);
  CHECK(files[0].name == "etc/evil.yaml");
  CHECK(files[1].name == "abs/path.yml");
  CHECK(files[2].name == "dir/win.yaml");
  for (const auto& f : files) {
    CHECK(f.bytes == yaml);
    CHECK(f.name.find("..") == std::string::npos);
  }
  // A zip bomb: 32 MB of zeros inflate from a few KB (ratio ≫ 200).
  const std::string bomb = make_zip({{"bomb.yaml", std::string(32u << 20, '\0')}});
  CHECK(bomb.size() < 100000);
  try {
    (void)jx::web::unzip_submissions(bomb, {});
    FAIL("zip bomb accepted");
  } catch (const jx::web::UploadError& e) {
    CHECK(e.status == 413);
    CHECK(e.message.find("压缩炸弹") != std::string::npos);
  }
  // Too many entries, too many files, too much unpacked.
  jx::web::Limits few;
  few.max_zip_entries = 2;
  CHECK_THROWS_AS(jx::web::unzip_submissions(make_zip({{"a.yaml", "1"}, {"b.yaml", "2"}, {"c.txt", "3"}}), few),
                  jx::web::UploadError);
  jx::web::Limits small;
  small.max_unpacked_bytes = yaml.size() * 2 + 10;
  CHECK_THROWS_AS(jx::web::unzip_submissions(make_zip({{"a.yaml", yaml}, {"b.yaml", yaml}, {"c.yaml", yaml}}), small),
                  jx::web::UploadError);
  CHECK_NOTHROW(jx::web::unzip_submissions(make_zip({{"a.yaml", yaml}, {"b.yaml", yaml}}), small));
  // Not a zip at all.
  try {
    (void)jx::web::unzip_submissions("PK\x03\x04 not really", {});
    FAIL("broken zip accepted");
  } catch (const jx::web::UploadError& e) {
    CHECK(e.status == 400);
  }
}

TEST_CASE("zip entry names: every generated name is tamed to no '..', no leading '/', no backslash", "[web]") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 g(seed);
  const std::vector<std::string> parts{"..", ".", "", "a", "评分", "..\\", "/", "\\", "b.yaml", "~", "..."};
  for (int i = 0; i < 5000; ++i) {
    std::string name;
    const int n = 1 + static_cast<int>(g() % 6);
    for (int k = 0; k < n; ++k) name += parts[g() % parts.size()] + (g() % 2 ? "/" : "");
    const std::string t = jx::web::tame_entry_name(name);
    INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ") name '" << name << "' → '" << t << "'");
    REQUIRE(t.find('\\') == std::string::npos);
    REQUIRE((t.empty() || t[0] != '/'));
    REQUIRE(t.find("//") == std::string::npos);
    // Components: never "." or ".." ("..." is a legal name).
    std::size_t start = 0;
    while (start <= t.size() && !t.empty()) {
      const std::size_t end = std::min(t.find('/', start), t.size());
      const std::string c = t.substr(start, end - start);
      REQUIRE(c != "..");
      REQUIRE(c != ".");
      REQUIRE(!c.empty());
      start = end + 1;
    }
  }
}

TEST_CASE("serve: a batch of uploads and of a zip runs through the batch runner; nothing is read from disk", "[web]") {
  jx::app::ServiceConfig c = config();
  std::vector<std::string> names;
  c.batch = [&names](const std::vector<jx::app::Upload>& uploads, std::vector<jx::BatchSummary>& out,
                     std::optional<int>& /*recorded*/) {
    for (const auto& u : uploads) names.push_back(u.name);
    out.emplace_back();
    out.back().year = 2022;
    return 0;
  };
  const jx::app::Service s(c);
  const jx::web::Router router(s, {});
  const std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  Request r = upload("/api/batch", "files", "a.yaml", yaml);
  r.parts.push_back({"files", "sub/b.yaml", yaml});
  r.parts.push_back({"files", "z.zip", make_zip({{"c.yaml", yaml}, {"../d.xlsx", "x"}})});
  const Response res = router.handle(r);
  CHECK(res.status == 200);
  CHECK(res.body.find("\"year\": 2022") != std::string::npos);
  CHECK(names == std::vector<std::string>{"a.yaml", "sub/b.yaml", "c.yaml", "d.xlsx"});
}

TEST_CASE("serve: the batch page says how many records the run added to the history database, or that it added none", "[web]") {
  const std::string yaml = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  const std::uint64_t seed = seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  std::mt19937_64 g(seed);
  for (int run = 0; run < 20; ++run) {
    // Every other run has a database: the runner hands back a count (0 included).
    const bool db = run % 2 == 0;
    // 0 (every file already recorded) every fourth run.
    const int added = !db ? -1 : run % 4 == 0 ? 0 : 1 + static_cast<int>(g() % 500);
    INFO("run " << run << " db " << db << " added " << added);
    jx::app::ServiceConfig c = config();
    c.db = db ? "/nonexistent/h.sqlite" : "";
    c.batch = [db, added](const std::vector<jx::app::Upload>& /*uploads*/, std::vector<jx::BatchSummary>& out,
                          std::optional<int>& recorded) {
      out.emplace_back();
      out.back().year = 2022;
      if (db) recorded = added;
      return 0;
    };
    const jx::app::Service s(c);
    const jx::web::Router router(s, {});
    const Response page = router.handle(upload("/batch", "files", "a.yaml", yaml));
    REQUIRE(page.status == 200);
    const std::string recorded = "已记入历年数据库：新增 " + std::to_string(added) + " 条（已有的不重复记录）";
    CHECK((page.body.find(recorded) != std::string::npos) == db);
    CHECK((page.body.find("已记入历年数据库") != std::string::npos) == db);
    CHECK((page.body.find("本次汇总未记入历年数据库") != std::string::npos) == !db);
    // The API's body is batch --json's, with or without a database.
    const Response api = router.handle(upload("/api/batch", "files", "a.yaml", yaml));
    CHECK(api.status == 200);
    CHECK(api.body.find("历年数据库") == std::string::npos);
  }
}

TEST_CASE("loopback_host: loopback names only", "[web]") {
  for (const char* h : {"127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:1", "[::1]", "[::1]:8080", "127.255.0.9:80"}) {
    CHECK(jx::web::loopback_host(h));
  }
  for (const char* h : {"", "127.0.0.1.nip.io", "localhost.evil", "[::1].evil", "127.0.0", "127.0.0.1:", "128.0.0.1",
                        "0.0.0.0:8080", "evil.com", "[::ffff:127.0.0.1]", "127.0.0.1:80x", "127.0.0.1:8080@evil"}) {
    CHECK_FALSE(jx::web::loopback_host(h));
  }
}

TEST_CASE("uploads: a department finds its attached project among the uploads, by the name it gives", "[web]") {
  const std::string src = JIXIAO_SOURCE_DIR;
  const std::string dept = jxtest::read_source("indicators/examples/kexie-2022-department.yaml");
  const std::string project = jxtest::read_source("indicators/examples/kepu-2022.yaml");
  for (const std::string folder : {"", "部门/"}) {
    const std::vector<jx::app::Upload> uploads{{folder + "kexie.yaml", dept}, {folder + "kepu-2022.yaml", project}};
    jx::app::Loader loader({src + "/indicators/rules"});
    loader.set_uploads(jx::app::upload_reader(uploads));
    jx::app::Loaded l;
    INFO("folder '" << folder << "'");
    CHECK(loader.load_text(uploads[0].name, uploads[0].bytes, l) == jx::app::kOk);
    REQUIRE(l.department() != nullptr);
    REQUIRE(l.department()->projects.size() == 1);
    CHECK(l.department()->projects[0].score.total.to_string(2) == "97.00");
    CHECK(l.failed == std::nullopt);
  }
  // In another folder, or missing: not found (never looked for on disk, where
  // indicators/examples/kepu-2022.yaml does exist relative to the source tree).
  const std::vector<jx::app::Upload> apart{{"indicators/examples/kexie-2022-department.yaml", dept},
                                          {"other/kepu-2022.yaml", project}};
  jx::app::Loader loader({src + "/indicators/rules"});
  loader.set_uploads(jx::app::upload_reader(apart));
  std::vector<std::string> codes;
  loader.set_sink([&codes](const std::string&, const jx::Diagnostics& d) {
    for (const auto& x : d.items()) codes.push_back(x.code);
  });
  jx::app::Loaded l;
  CHECK(loader.load_text(apart[0].name, apart[0].bytes, l) == jx::app::kBadInput);
  CHECK(std::find(codes.begin(), codes.end(), "project-missing") != codes.end());
}
