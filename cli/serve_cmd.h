// `jixiao serve [--host 127.0.0.1] [--port 8080] [--db FILE] [--token T]
// [-j N]`: the web front end (web/) on the application layer (app/).
// Prints the address to open (with ?token=… when a token is needed) and
// serves until stopped. Exit 2 with a Chinese message when the port is
// taken or an option is wrong. A host other than a loopback address needs
// a token: the one given, else one generated and printed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jx::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db;
  std::string token;
  unsigned jobs = 0;  ///< 0 = 8 request workers
  std::vector<std::filesystem::path> rules_search;
  std::vector<std::filesystem::path> layout_search;
  std::vector<std::filesystem::path> download_dirs;
};

int run_serve(const ServeOptions& opt);

}  // namespace jx::cli
