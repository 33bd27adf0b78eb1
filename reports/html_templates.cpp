#include "reports/html_templates.h"

#include "reports/html_document.h"

namespace jx::reports {

namespace {

std::string list(const std::vector<TemplateFile>& files, bool examples) {
  std::string out = "<ul class=\"downloads\">\n";
  bool any = false;
  for (const TemplateFile& f : files) {
    if (f.example != examples) continue;
    any = true;
    // The name goes into a path: percent-encoding is the server's router's
    // business; names are plain file names from the data folder, escaped
    // here for HTML.
    out += "<li><a href=\"/templates/" + html_escape(f.name) + "\" download>" + html_escape(f.name) + "</a>";
    if (!f.description.empty()) out += " — " + html_escape(f.description);
    out += "</li>\n";
  }
  if (!any) return "<p>（无）</p>\n";
  return out + "</ul>\n";
}

// A short guide to a project file's keys; the annotated example and the
// README carry the full description.
constexpr const char* kGuide = R"(<div class="table-wrap"><table class="guide">
<caption>项目自评文件的主要字段</caption>
<thead><tr><th scope="col">字段</th><th scope="col">含义</th><th scope="col">示例</th></tr></thead>
<tbody>
<tr><th scope="row"><code>kind</code></th><td>文件类型：项目 <code>project</code>，部门整体 <code>department</code></td><td><code>kind: project</code></td></tr>
<tr><th scope="row"><code>year</code></th><td>年度</td><td><code>year: 2022</code></td></tr>
<tr><th scope="row"><code>rules</code></th><td>规则集：财政部 <code>mof2020</code>，四川 <code>sichuan2023</code> 等</td><td><code>rules: mof2020</code></td></tr>
<tr><th scope="row"><code>project</code> / <code>department</code> / <code>unit</code></th><td>项目名称、主管部门、实施单位</td><td><code>project: 省级科普专项经费</code></td></tr>
<tr><th scope="row"><code>declared_score</code></th><td>单位自报总分（可不填）</td><td><code>declared_score: 100</code></td></tr>
<tr><th scope="row"><code>funds</code></th><td>项目资金（万元）：年初预算数 <code>initial</code>、全年预算数 <code>budget</code>、全年执行数 <code>executed</code>；<code>reason</code> 写预算调整或执行率低的原因</td><td><code>appropriation: {initial: 135, budget: 89.66, executed: 89.66}</code></td></tr>
<tr><th scope="row"><code>goals</code></th><td>年度总体目标：预期目标 <code>expected</code>、实际完成情况 <code>achieved</code></td><td><code>goals: {expected: "…", achieved: "…"}</code></td></tr>
<tr><th scope="row"><code>indicators</code></th><td>指标树：一级、二级、三级指标，各有 <code>name</code>，三级指标写分值 <code>weight</code>、年度指标值 <code>target</code>、实际完成值 <code>actual</code>、偏差原因 <code>note</code></td><td><code>{name: 走访对接县（区）, weight: 5, target: "≥5个", actual: "5个"}</code></td></tr>
<tr><th scope="row"><code>grade</code> / <code>score</code></th><td>定性指标的等级（达成 / 部分达成 / 未达成）和评定得分</td><td><code>grade: 达成, score: 4.5</code></td></tr>
<tr><th scope="row"><code>applicable</code></th><td>不适用的指标写 <code>false</code>，总分按适用分值折算</td><td><code>applicable: false</code></td></tr>
</tbody></table></div>
<p>以 <code>&gt;</code>、<code>&lt;</code>、<code>=</code>、<code>%</code>、<code>@</code> 开头的值要加引号（如 <code>"≥98%"</code> 不必，<code>"&gt;=5个"</code> 必须）。
填好后在<a href="/">评分 / 复核</a>页上传，错误会逐条标出行号。</p>
)";

}  // namespace

std::string html_templates_page(const std::vector<TemplateFile>& files) {
  std::string body =
      "<p>下载模板，按说明填写后上传评分。模板和示例都是 YAML 文本文件，可以用记事本等任何文本编辑器打开"
      "（保存为 UTF-8 编码）。</p>\n<h2>模板</h2>\n";
  body += list(files, false);
  body += "<h2>示例</h2>\n";
  body += list(files, true);
  body += "<h2>文件怎么写</h2>\n";
  body += kGuide;
  return html_document({"模板", NavItem::Templates, body});
}

}  // namespace jx::reports
