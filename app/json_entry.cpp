#include "app/json_entry.h"

#include <algorithm>

namespace jx::app {
namespace {

reports::ScoredFile json_entry(const LoadedProject& p) {
  reports::ScoredFile f;
  f.file = p.file;
  f.project = &p.project;
  f.rules = p.rules;
  f.score = &p.score;
  return f;
}

reports::ScoredFile json_entry(const FailedFile& failed) {
  reports::ScoredFile f;
  f.file = failed.file;
  f.failed = &failed.header;
  f.diagnostics = &failed.diagnostics;
  return f;
}

reports::ScoredFile json_entry(const LoadedDepartment& d) {
  reports::ScoredFile f;
  f.file = d.file;
  f.rules = d.rules;
  f.department = &d.department;
  f.department_score = &d.score;
  // The attached projects in the order the department lists them, those
  // with errors included.
  std::vector<std::pair<Loc, reports::ScoredFile>> projects;
  for (const auto& p : d.projects) projects.emplace_back(p.ref, json_entry(p));
  for (const auto& p : d.failed_projects) projects.emplace_back(p.ref, json_entry(p));
  std::stable_sort(projects.begin(), projects.end(), [](const auto& a, const auto& b) {
    return a.first.line != b.first.line ? a.first.line < b.first.line : a.first.col < b.first.col;
  });
  for (auto& [loc, p] : projects) f.projects.push_back(std::move(p));
  return f;
}

}  // namespace

reports::ScoredFile json_entry(const Loaded& l) {
  if (l.failed) {
    reports::ScoredFile f = json_entry(*l.failed);
    if (l.department()) {
      const reports::ScoredFile d = json_entry(*l.department());
      f.projects = d.projects;
      f.department = &l.department()->department;
    }
    return f;
  }
  return l.department() ? json_entry(*l.department()) : json_entry(*l.project());
}

}  // namespace jx::app
