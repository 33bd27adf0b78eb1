#include "cli/batch_text.h"

#include "engine/findings.h"
#include "engine/text.h"
#include "reports/summary_table.h"

namespace jx::cli {

namespace {

std::string signed2(Decimal d) {
  std::string s = d.to_string(2);
  if (!d.is_negative()) s.insert(s.begin(), '+');
  return s;
}

/// "89.50（上年 88.00，+1.50）" or "89.50（上年无数据）".
std::string with_prior(Decimal now, bool has_prior, Decimal prior) {
  if (!has_prior) return now.to_string(2) + "（上年无数据）";
  return now.to_string(2) + "（上年 " + prior.to_string(2) + "，" + signed2(now - prior) + "）";
}

std::string department_line(const DepartmentSummary& d) {
  std::string out = "  " + std::to_string(d.rank) + ". " + d.name + "  " + d.weighted_mean.to_string(2);
  if (d.prior_weighted_mean) out += "（较上年 " + signed2(d.weighted_mean - *d.prior_weighted_mean) + "）";
  out += "  " + std::to_string(d.projects) + " 个项目";
  if (d.invalid > 0) out += "，无效 " + std::to_string(d.invalid);
  if (d.department_total) out += "  部门整体 " + d.department_total->to_string(2) + " " + d.department_grade;
  return out + "\n";
}

std::string text_summary(const BatchSummary& s) {
  const Overview& o = s.overview;
  std::string out = reports::summary_title(s) + "\n";
  out += "收到 " + std::to_string(o.received) + " 份：已评分 " + std::to_string(o.scored) + "（项目 " +
         std::to_string(o.projects) + "），无效 " + std::to_string(o.invalid) + "\n";
  if (o.projects > 0) {
    out += "平均得分 " + with_prior(o.mean, o.has_prior, o.prior_mean) + "；预算加权平均 " +
           with_prior(o.weighted_mean, o.has_prior, o.prior_weighted_mean) + "\n";
  }
  out += "预算 " + o.budget.to_string(2) + " 万元，执行 " + o.executed.to_string(2) + " 万元，执行率 " +
         (o.rate ? percent_text(*o.rate) : std::string("—")) + "\n";
  std::string grades;
  for (const auto& g : s.grade_order) {
    const auto it = s.grade_counts.find(g);
    grades += (grades.empty() ? "" : "，") + g + " " + std::to_string(it == s.grade_counts.end() ? 0 : it->second);
    if (o.has_prior) {
      const auto p = o.prior_grade_counts.find(g);
      grades += "（上年 " + std::to_string(p == o.prior_grade_counts.end() ? 0 : p->second) + "）";
    }
  }
  out += "项目等级：" + (grades.empty() ? std::string("（无）") : grades) + "\n";
  std::string findings;
  for (const auto& f : o.findings) {
    if (f.findings == 0) continue;
    findings += (findings.empty() ? "" : "，") + std::string(finding_kind_label(f.code)) + " " +
                std::to_string(f.projects) + " 个项目/" + std::to_string(f.departments) + " 个部门";
  }
  out += "问题：" + (findings.empty() ? std::string("（无）") : findings) + "\n";
  std::string causes;
  for (const auto& f : o.causes) {
    if (f.findings == 0) continue;
    causes += (causes.empty() ? "" : "，") + reports::cause_label(f.code) + " " + std::to_string(f.findings) + " 份";
  }
  if (!causes.empty()) out += "退回原因：" + causes + "\n";
  std::vector<const DepartmentSummary*> ranked;
  for (const auto& d : s.departments) {
    if (d.projects > 0) ranked.push_back(&d);
  }
  constexpr std::size_t kShown = 5;
  if (!ranked.empty()) {
    out += "按部门（预算加权平均得分，共 " + std::to_string(ranked.size()) + " 个）：\n";
    if (ranked.size() <= 2 * kShown) {
      for (const auto* d : ranked) out += department_line(*d);
    } else {
      out += " 前 " + std::to_string(kShown) + " 名：\n";
      for (std::size_t i = 0; i < kShown; ++i) out += department_line(*ranked[i]);
      out += " 后 " + std::to_string(kShown) + " 名：\n";
      for (std::size_t i = ranked.size() - kShown; i < ranked.size(); ++i) out += department_line(*ranked[i]);
    }
  }
  if (!s.movers.empty()) {
    out += "得分变动超过 " + s.mover_threshold.to_plain() + " 分的项目：" + std::to_string(s.movers.size()) +
           " 个（见“变动较大”）\n";
  }
  for (const auto& f : s.invalid) {
    const std::string& first = f.messages.front();
    out += "无效：" + first.substr(0, first.find('\n')) + "\n";
  }
  return out;
}

}  // namespace

std::string text_summaries(const std::vector<BatchSummary>& all) {
  std::string out;
  if (all.size() > 1) {
    std::string years;
    for (const auto& s : all) years += (years.empty() ? "" : "、") + std::to_string(s.year);
    out += "本次共有 " + std::to_string(all.size()) + " 个年度：" + years + "（各年度分别排名、汇总）\n\n";
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += "\n";
    out += text_summary(all[i]);
  }
  return out;
}


}  // namespace jx::cli
