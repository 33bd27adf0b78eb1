#include "app/loading.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "app/files.h"
#include "engine/load/department_loader.h"
#include "engine/load/file_header.h"
#include "engine/load/project_loader.h"
#include "engine/load/yaml_reader.h"
#include "engine/text.h"

namespace fs = std::filesystem;

namespace jx::app {

namespace {
// A broken file can have thousands of problems; the first ones are what to fix.
constexpr std::size_t kMaxPrinted = 200;
}  // namespace

std::string format_diagnostics(const std::string& file, const std::vector<Diagnostic>& d, const std::string& indent) {
  std::string out;
  for (std::size_t i = 0; i < d.size() && i < kMaxPrinted; ++i) {
    std::string one = format_diagnostic(file, d[i]);
    // The hint line is indented under its message.
    for (std::size_t pos = 0; (pos = one.find('\n', pos)) != std::string::npos; pos += 1 + indent.size()) {
      one.insert(pos + 1, indent);
    }
    out += indent + one + "\n";
  }
  if (d.size() > kMaxPrinted) {
    out += indent + file + ": 另有 " + std::to_string(d.size() - kMaxPrinted) + " 条问题未列出\n" + indent +
           "  提示: 先改正上面的问题再检查\n";
  }
  return out;
}

void print_diagnostics(const std::string& file, const Diagnostics& d) {
  std::cerr << format_diagnostics(file, d.sorted(), "");
}

std::string attached_name(const std::string& name, const std::string& file) {
  return name.empty() ? file : name;
}

void print_department_diagnostics(const std::string& file, const Diagnostics& d,
                                  const std::vector<FailedFile>& failed_projects) {
  const std::vector<Diagnostic> all = d.sorted();
  for (std::size_t i = 0; i < all.size() && i < kMaxPrinted; ++i) {
    std::cerr << format_diagnostic(file, all[i]) << "\n";
    if (all[i].code != "project-invalid") continue;
    for (const FailedFile& p : failed_projects) {
      if (p.ref.line == all[i].loc.line && p.ref.col == all[i].loc.col) {
        // Its errors first (why it was not counted), then its warnings.
        std::vector<Diagnostic> nested = p.diagnostics.sorted();
        std::stable_partition(nested.begin(), nested.end(),
                              [](const Diagnostic& x) { return x.severity == Severity::Error; });
        std::cerr << format_diagnostics(p.file, nested, "    ");
      }
    }
  }
  if (all.size() > kMaxPrinted) {
    std::cerr << file << ": 另有 " << all.size() - kMaxPrinted << " 条问题未列出\n  提示: 先改正上面的问题再检查\n";
  }
}

FileReader disk_reader() {
  return [](const std::string& name, std::string& error) -> std::optional<std::string> {
    std::error_code ec;
    if (!fs::is_regular_file(name, ec)) {
      error = kNoSuchFile;
      return std::nullopt;
    }
    return read_file(name, error);
  };
}

Loader::Loader(std::vector<fs::path> rules_search) : rules_(std::move(rules_search)), reader_(disk_reader()) {}

std::vector<const RuleSet*> Loader::rule_sets() const { return rules_.rule_sets(); }

std::string Loader::rules_fingerprint(const RuleSet* rules) const { return rules_.fingerprint(rules); }

const RuleSet* Loader::resolve_rules(const std::string& file, const std::string& id, Loc loc, Diagnostics& diags) {
  const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
  return rules_.resolve(id, dir, allow_rule_paths_, loc, diags);
}

int Loader::load(const std::string& file, Loaded& out) {
  // A file over the size limit is bad input like any other limit (exit 1),
  // found before reading it into memory.
  std::error_code ec;
  if (const auto size = fs::file_size(file, ec); !ec && fs::is_regular_file(file, ec) && size > load::kMaxYamlBytes) {
    Diagnostics d;
    d.error({0, 0}, "file-too-large",
            "文件过大（" + std::to_string(size / 1024) + " KB），上限为 " + std::to_string(load::kMaxYamlBytes / 1024) +
                " KB",
            "一个文件只写一个项目或部门");
    if (sink_) {
      sink_(file, d);
    } else {
      print_diagnostics(file, d);
    }
    out.failed = FailedFile{file, {}, d, {}, false};
    return kBadInput;
  }
  std::string err;
  auto text = read_file(file, err);
  if (!text) {
    std::cerr << file << ": 错误: " << err << "\n";
    Diagnostics d;
    d.error({0, 0}, "unreadable", err);
    out.failed = FailedFile{file, {}, d, {}, true};
    return kUsage;
  }
  return load_text(file, *text, out);
}

int Loader::load_text(const std::string& file, const std::string& text, Loaded& out) {
  Diagnostics all;
  int rc = kOk;
  if (load::document_kind(text) == "department") {
    rc = load_department(file, text, out.file.emplace<LoadedDepartment>(), all);
  } else {
    rc = load_project(file, text, out.file.emplace<LoadedProject>(), all, true);
  }
  if (rc != kOk) out.failed = FailedFile{file, load::read_file_header(text), std::move(all), {}, false};
  return rc;
}

int Loader::load_project(const std::string& file, const std::string& text, LoadedProject& out, Diagnostics& all,
                         bool report) {
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
  all = diags;
  if (diags.has_errors() || out.rules == nullptr) {
    if (report) {
      if (sink_) {
        sink_(file, diags);
      } else {
        print_diagnostics(file, diags);
      }
    }
    return kBadInput;
  }
  return kOk;
}

int Loader::load_department(const std::string& file, const std::string& text, LoadedDepartment& out, Diagnostics& all) {
  Diagnostics diags;
  auto dept = load::load_department(text, diags);
  out.file = file;
  int code = kOk;
  if (dept && !dept->rules.empty()) out.rules = resolve_rules(file, dept->rules, dept->rules_loc, diags);
  std::vector<ProjectSummary> summaries;
  if (dept) {
    const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
    for (const ProjectRef& ref : dept->projects) {
      // Named as the user would: no "./" before a file beside a department given without a folder.
      const fs::path path =
          fs::path(ref.path).is_absolute() || !fs::path(file).has_parent_path() ? fs::path(ref.path) : dir / ref.path;
      LoadedProject lp;
      lp.ref = ref.loc;
      std::string err;
      auto ptext = reader_(path.string(), err);
      if (!ptext && err == kNoSuchFile) {
        diags.error(ref.loc, "project-missing", "项目自评文件不存在：" + path.string(),
                    allow_rule_paths_ ? "路径相对于本文件所在目录：" + dir.string()
                                      : "把所附项目文件与部门文件一起上传（文件名与 projects 中写的一致）");
        continue;
      }
      if (!ptext) {
        diags.error(ref.loc, "project-unreadable", "无法读取项目自评文件 " + path.string() + "：" + err);
        continue;
      }
      Diagnostics pd;
      if (load_project(path.string(), *ptext, lp, pd, false) != kOk) {
        FailedFile failed{path.string(), load::read_file_header(*ptext), std::move(pd), ref.loc, false};
        std::size_t errors = 0;
        for (const Diagnostic& x : failed.diagnostics.items()) errors += x.severity == Severity::Error ? 1 : 0;
        diags.error(ref.loc, "project-invalid",
                    "所附项目“" + attached_name(failed.header.name, path.string()) + "”有错误，未计入（" +
                        std::to_string(errors) + " 个错误，列在下面）",
                    "改正项目自评文件 " + path.string() + " 后重新运行");
        out.failed_projects.push_back(std::move(failed));
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
  all = diags;
  if (diags.has_errors() || out.rules == nullptr) {
    if (sink_) {
      // A custom sink (batch) gets the department's diagnostics, then each
      // failed attached project's under its own file name.
      sink_(file, diags);
      for (const FailedFile& p : out.failed_projects) sink_(p.file, p.diagnostics);
    } else {
      print_department_diagnostics(file, diags, out.failed_projects);
    }
    code = kBadInput;
  }
  return code;
}

}  // namespace jx::app
