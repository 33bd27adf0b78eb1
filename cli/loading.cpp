#include "cli/loading.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "cli/files.h"
#include "engine/hash.h"
#include "engine/load/department_loader.h"
#include "engine/load/project_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/text.h"

namespace fs = std::filesystem;

namespace jx::cli {

void print_diagnostics(const std::string& file, const Diagnostics& d) {
  // A broken file can have thousands of problems; the first ones are what to fix.
  constexpr std::size_t kMaxPrinted = 200;
  const std::vector<Diagnostic> all = d.sorted();
  for (std::size_t i = 0; i < all.size() && i < kMaxPrinted; ++i) std::cerr << format_diagnostic(file, all[i]) << "\n";
  if (all.size() > kMaxPrinted) {
    std::cerr << file << ": 另有 " << all.size() - kMaxPrinted << " 条问题未列出\n  提示: 先改正上面的问题再检查\n";
  }
}

Loader::Loader(std::vector<fs::path> rules_search)
    : search_(std::move(rules_search)),
      sink_([](const std::string& f, const Diagnostics& d) { print_diagnostics(f, d); }) {}

std::vector<const RuleSet*> Loader::rule_sets() const {
  std::vector<const RuleSet*> out;
  for (const auto& [path, r] : cache_) out.push_back(r.get());
  std::sort(out.begin(), out.end(), [](const RuleSet* a, const RuleSet* b) { return a->id < b->id; });
  return out;
}

std::string Loader::rules_fingerprint(const RuleSet* rules) const {
  const auto it = fingerprints_.find(rules);
  return it == fingerprints_.end() ? std::string() : it->second;
}

const RuleSet* Loader::resolve_rules(const std::string& file, const std::string& id, Loc loc, Diagnostics& diags) {
  const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
  auto path = find_rules(id, dir, search_);
  if (!path) {
    const auto ids = available_rules(search_);
    std::string hint;
    std::size_t best = 3;
    for (const auto& candidate : ids) {
      const std::size_t d = edit_distance(id, candidate);
      if (d < best) {
        best = d;
        hint = "是否为“" + candidate + "”？";
      }
    }
    if (hint.empty()) {
      for (const auto& candidate : ids) hint += (hint.empty() ? "可用的规则集：" : "、") + candidate;
      if (ids.empty()) hint = "未找到任何规则集目录；用 --rules-dir 指定 indicators/rules";
    }
    diags.error(loc, "unknown-rules", "找不到规则集“" + id + "”", hint);
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
    sink_(path->string(), rd);
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

int Loader::load(const std::string& file, Loaded& out) {
  std::string err;
  auto text = read_file(file, err);
  if (!text) {
    std::cerr << file << ": 错误: " << err << "\n";
    return kUsage;
  }
  return load_text(file, *text, out);
}

int Loader::load_text(const std::string& file, const std::string& text, Loaded& out) {
  if (load::document_kind(text) == "department") {
    out.department.emplace();
    return load_department(file, text, *out.department);
  }
  out.project.emplace();
  return load_project(file, text, *out.project);
}

int Loader::load_project(const std::string& file, const std::string& text, LoadedProject& out) {
  Diagnostics diags;
  auto project = load::load_project(text, diags);
  out.file = file;
  if (project && !project->rules.empty()) out.rules = resolve_rules(file, project->rules, project->rules_loc, diags);
  if (project && out.rules != nullptr) {
    out.project = std::move(*project);
    out.score = score_project(out.project, *out.rules);
    diags.append(out.score.diagnostics);
    out.score.diagnostics = diags;
  }
  if (diags.has_errors() || out.rules == nullptr) {
    sink_(file, diags);
    return kBadInput;
  }
  return kOk;
}

int Loader::load_department(const std::string& file, const std::string& text, LoadedDepartment& out) {
  Diagnostics diags;
  auto dept = load::load_department(text, diags);
  out.file = file;
  int code = kOk;
  if (dept && !dept->rules.empty()) out.rules = resolve_rules(file, dept->rules, dept->rules_loc, diags);
  std::vector<ProjectSummary> summaries;
  if (dept) {
    const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
    for (const ProjectRef& ref : dept->projects) {
      const fs::path path = fs::path(ref.path).is_absolute() ? fs::path(ref.path) : dir / ref.path;
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) {
        diags.error(ref.loc, "project-missing", "项目自评文件不存在：" + path.string(),
                    "路径相对于本文件所在目录：" + dir.string());
        continue;
      }
      LoadedProject lp;
      std::string err;
      auto ptext = read_file(path, err);
      if (!ptext) {
        diags.error(ref.loc, "project-unreadable", "无法读取项目自评文件 " + path.string() + "：" + err);
        continue;
      }
      if (load_project(path.string(), *ptext, lp) != kOk) {
        diags.error(ref.loc, "project-invalid", "项目自评文件 " + path.string() + " 有错误（见上）");
        continue;
      }
      summaries.push_back({lp.file, lp.project.name, lp.score.total, lp.score.budget.budget, lp.score.grade});
      out.projects.push_back(std::move(lp));
    }
  }
  if (dept && out.rules != nullptr) {
    out.department = std::move(*dept);
    out.score = score_department(out.department, *out.rules, summaries);
    diags.append(out.score.core.diagnostics);
    out.score.core.diagnostics = diags;
  }
  if (diags.has_errors() || out.rules == nullptr) {
    sink_(file, diags);
    code = kBadInput;
  }
  return code;
}

}  // namespace jx::cli
