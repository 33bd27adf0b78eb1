// The 模板 page (GET /templates): the `init` templates and the examples,
// each a download link to /templates/NAME, and a short guide to the keys of
// a project file. Which files exist is the server's business (it lists the
// data folder); this page only shows them.
#pragma once

#include <string>
#include <vector>

namespace jx::reports {

struct TemplateFile {
  std::string name;         ///< file name, served as /templates/NAME (e.g. "project.yaml")
  bool example = false;     ///< an example (indicators/examples) rather than an init template
  std::string description;  ///< Chinese, one line (e.g. the file's first comment); may be empty
};

std::string html_templates_page(const std::vector<TemplateFile>& files);

}  // namespace jx::reports
