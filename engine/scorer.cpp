#include "engine/scorer.h"

namespace jx {

bool scorer_needs_value(const Scorer& s) {
  switch (s.kind) {
    case Scorer::Kind::Linear:
    case Scorer::Kind::Reverse:
    case Scorer::Kind::Steps:
    case Scorer::Kind::DeductPerPP: return true;
    default: return false;
  }
}

bool validate_scorer(const Scorer& s, Decimal weight, Diagnostics& diags) {
  bool ok = true;
  if (s.kind == Scorer::Kind::Steps) {
    if (s.steps.empty()) {
      diags.error(s.loc, "steps-empty", "阶梯评分没有任何档次", "例如 steps: [{min: 90%, points: 5}, {points: 0}]");
      return false;
    }
    const bool by_min = s.steps.front().has_min;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
      const auto& st = s.steps[i];
      const bool bounded = st.has_min || st.has_max;
      if (!bounded && i + 1 != s.steps.size()) {
        diags.error(st.loc, "steps-catch-all", "没有 min / max 的档次只能放在最后", "它匹配所有剩余的值");
        ok = false;
      }
      if (bounded && (st.has_min != by_min || (st.has_min && st.has_max))) {
        diags.error(st.loc, "steps-mixed", "阶梯评分的档次须全部用 min（从高到低）或全部用 max（从低到高）");
        ok = false;
        continue;
      }
      if (st.points > weight || st.points.is_negative()) {
        diags.error(st.loc, "steps-points", "档次得分 " + st.points.to_plain() + " 超出分值 " + weight.to_plain());
        ok = false;
      }
      if (i > 0 && bounded && (s.steps[i - 1].has_min || s.steps[i - 1].has_max)) {
        const Decimal prev = s.steps[i - 1].bound;
        const bool sorted = by_min ? st.bound < prev : st.bound > prev;
        if (!sorted) {
          diags.error(st.loc, st.bound == prev ? "steps-overlap" : "steps-unsorted",
                      st.bound == prev ? "阶梯评分的档次重叠：" + std::string(by_min ? "min" : "max") + " " +
                                             percent_text(st.bound) + " 出现两次"
                                       : std::string("阶梯评分的档次未排序：") +
                                             (by_min ? "min 应从高到低排列" : "max 应从低到高排列"),
                      "按顺序写出各档，例如 min: 90% → 80% → 70%");
          ok = false;
        }
      }
    }
  }
  if (s.kind == Scorer::Kind::Checklist) {
    Decimal sum;
    for (const auto& it : s.items) sum += it.points;
    if (s.items.empty()) {
      diags.error(s.loc, "checklist-empty", "清单评分没有任何条目");
      ok = false;
    } else if (sum != weight) {
      diags.error(s.loc, "checklist-points",
                  "清单各条分值之和 " + sum.to_plain() + " 与指标分值 " + weight.to_plain() + " 不符");
      ok = false;
    }
  }
  if ((s.kind == Scorer::Kind::Linear || s.kind == Scorer::Kind::Reverse) && s.target <= Decimal(0)) {
    diags.error(s.loc, "scorer-target", "scorer 的 target 必须大于 0");
    ok = false;
  }
  if (s.kind == Scorer::Kind::DeductPerPP && s.per <= Decimal(0)) {
    diags.error(s.loc, "scorer-per", "scorer 的 per 必须大于 0");
    ok = false;
  }
  return ok;
}

ScorerOutcome apply_scorer(const Scorer& s, Decimal w, std::optional<Decimal> value, const ProjectsAggregate& projects,
                           const RuleSet& rules) {
  ScorerOutcome out;
  out.ok = true;
  const int dg = rules.digits;
  const Rounding rd = rules.rounding;
  const Decimal v = value.value_or(Decimal());
  switch (s.kind) {
    case Scorer::Kind::Linear:
      out.score = v <= Decimal(0) ? Decimal(0) : v >= s.target ? w : mul_div(v, w, s.target, dg, rd);
      out.basis = "按完成比例计分：" + percent_text(v) + " / " + percent_text(s.target) + "，满分为止";
      break;
    case Scorer::Kind::Reverse:
      out.score = v <= s.target ? w : mul_div(s.target, w, v, dg, rd);
      out.basis = v <= s.target ? "不超过 " + percent_text(s.target) + "，得满分"
                                : "超过 " + percent_text(s.target) + "，按比例扣分";
      break;
    case Scorer::Kind::Steps: {
      out.score = Decimal(0);
      out.basis = "未达到任何档次";
      for (const auto& st : s.steps) {
        const bool hit = st.has_min ? v >= st.bound : st.has_max ? v <= st.bound : true;
        if (hit) {
          out.score = st.points.rounded(dg, rd);
          out.basis = st.has_min   ? "≥ " + percent_text(st.bound) + "：" + st.points.to_plain() + " 分"
                      : st.has_max ? "≤ " + percent_text(st.bound) + "：" + st.points.to_plain() + " 分"
                                   : "其余：" + st.points.to_plain() + " 分";
          break;
        }
      }
      break;
    }
    case Scorer::Kind::DeductPerPP: {
      const Decimal diff = s.above ? v - s.reference : s.reference - v;
      const Decimal pp = diff * Decimal(100);
      Decimal steps = pp <= Decimal(0) ? Decimal(0) : div(pp, s.per);
      if (!s.partial) steps = steps.rounded(0, Rounding::Truncate);
      const Decimal deduction = (steps * s.deduct).rounded(dg, rd);
      out.score = deduction >= w ? Decimal(0) : w - deduction;
      out.basis = pp <= Decimal(0)
                      ? std::string(s.above ? "未高于 " : "未低于 ") + percent_text(s.reference) + "，不扣分"
                      : std::string(s.above ? "高于 " : "低于 ") + percent_text(s.reference) + " " + pp.to_string(2) +
                            " 个百分点，扣 " + deduction.to_plain() + " 分";
      break;
    }
    case Scorer::Kind::Checklist: {
      Decimal sum;
      int met = 0;
      for (const auto& it : s.items) {
        if (it.met) {
          sum += it.points;
          ++met;
        }
      }
      out.score = sum.rounded(dg, rd);
      out.basis = "满足 " + std::to_string(met) + " / " + std::to_string(s.items.size()) + " 项";
      break;
    }
    case Scorer::Kind::PerViolation: {
      const Decimal deduction = (s.deduct * s.count).rounded(dg, rd);
      out.score = deduction >= w ? Decimal(0) : w - deduction;
      out.basis = "违规 " + s.count.to_plain() + " 次，每次扣 " + s.deduct.to_plain() + " 分";
      break;
    }
    case Scorer::Kind::ProjectsMean:
    case Scorer::Kind::ProjectsWeighted: {
      const bool weighted = s.kind == Scorer::Kind::ProjectsWeighted;
      const Decimal m = weighted ? projects.weighted : projects.mean;
      out.score = mul_div(m, w, Decimal(100), dg, rd);
      out.basis = std::string(weighted ? "按全年预算数加权的" : "") + "项目自评平均分 " + m.to_string(2) + "（" +
                  std::to_string(projects.count) + " 个项目）";
      break;
    }
  }
  return out;
}

}  // namespace jx
