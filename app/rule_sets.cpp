#include "app/rule_sets.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/files.h"
#include "app/loading.h"
#include "engine/hash.h"
#include "engine/load/rules_loader.h"
#include "engine/text.h"

namespace fs = std::filesystem;

namespace jx::app {

namespace {

bool names_a_path(const std::string& value) {
  return value.find('/') != std::string::npos || value.find('\\') != std::string::npos ||
         (value.size() >= 5 && value.compare(value.size() - 5, 5, ".yaml") == 0);
}

}  // namespace

const RuleSet* RuleSets::resolve(const std::string& value, const fs::path& input_dir, bool allow_paths, Loc loc,
                                 Diagnostics& diags) {
  if (!allow_paths && names_a_path(value)) {
    diags.error(loc, "rules-path-refused", "上传的文件不能用路径指定规则集：“" + value + "”",
                "写规则集名称，如 rules: mof2020");
    return nullptr;
  }
  const auto path = find_rules(value, input_dir, search_);
  if (!path) {
    const auto ids = available_rules(search_);
    std::string hint;
    std::size_t best = 3;
    for (const auto& candidate : ids) {
      const std::size_t d = edit_distance(value, candidate);
      if (d < best) {
        best = d;
        hint = "是否为“" + candidate + "”？";
      }
    }
    if (hint.empty()) {
      for (const auto& candidate : ids) hint += (hint.empty() ? "可用的规则集：" : "、") + candidate;
      if (ids.empty()) hint = "未找到任何规则集目录；用 --rules-dir 指定 indicators/rules";
    }
    diags.error(loc, "unknown-rules", "找不到规则集“" + value + "”", hint);
    return nullptr;
  }
  std::error_code ec;
  const std::string key = fs::weakly_canonical(*path, ec).string();
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
  std::string err;
  auto text = read_file(*path, err);
  if (!text) {
    diags.error(loc, "rules-unreadable", "无法读取规则集 " + path->string() + "：" + err);
    return nullptr;
  }
  Diagnostics rd;
  auto rules = load::load_rules(*text, rd);
  if (!rules) {
    if (sink_) {
      sink_(path->string(), rd);
    } else {
      print_diagnostics(path->string(), rd);
    }
    diags.error(loc, "bad-rules", "规则集文件 " + path->string() + " 有错误（见上）");
    return nullptr;
  }
  spdlog::debug("规则集 {} 读自 {}", rules->id, path->string());
  auto owned = std::make_unique<RuleSet>(std::move(*rules));
  const RuleSet* raw = owned.get();
  cache_.emplace(key, std::move(owned));
  Fingerprint fp;
  fp.add(*text);
  fingerprints_.emplace(raw, fp.hex());
  return raw;
}

const RuleSet* RuleSets::get(const std::string& id, std::string& error) {
  Diagnostics d;
  const RuleSet* rs = resolve(id, fs::path("."), /*allow_paths=*/false, {0, 0}, d);
  if (rs != nullptr) return rs;
  error.clear();
  for (const Diagnostic& x : d.sorted()) {
    error += (error.empty() ? "" : "\n") + x.message + (x.hint.empty() ? "" : "（" + x.hint + "）");
  }
  return nullptr;
}

std::vector<const RuleSet*> RuleSets::rule_sets() const {
  std::vector<const RuleSet*> out;
  for (const auto& [path, r] : cache_) out.push_back(r.get());
  std::sort(out.begin(), out.end(), [](const RuleSet* a, const RuleSet* b) { return a->id < b->id; });
  return out;
}

std::string RuleSets::fingerprint(const RuleSet* rules) const {
  const auto it = fingerprints_.find(rules);
  return it == fingerprints_.end() ? std::string() : it->second;
}

}  // namespace jx::app
