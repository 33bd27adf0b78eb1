// The benchmark's floor: what yaml-cpp alone needs to read and parse the same
// files on the same threads (no validation, no scoring, no output).
//   jixiao_yaml_floor [-j N] FILE_LIST
// FILE_LIST holds one path per line. Prints "files=N seconds=S".
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  unsigned jobs = std::thread::hardware_concurrency();
  int arg = 1;
  if (argc > 2 && std::string(argv[1]) == "-j") {
    jobs = static_cast<unsigned>(std::stoul(argv[2]));
    arg = 3;
  }
  if (arg >= argc) {
    std::cerr << "usage: jixiao_yaml_floor [-j N] FILE_LIST\n";
    return 2;
  }
  std::ifstream list(argv[arg]);
  std::vector<std::string> files;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty()) files.push_back(line);
  }
  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> nodes{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      std::ifstream in(files[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      try {
        const YAML::Node doc = YAML::Load(ss.str());
        nodes += doc.size();
      } catch (const YAML::Exception&) {
        // broken files count too: the parser still had to read them
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("files=%zu seconds=%.3f\n", files.size(), secs);
  return nodes.load() > 0 ? 0 : 1;
}
