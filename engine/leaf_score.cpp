#include "engine/leaf_score.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "engine/text.h"
#include "engine/value.h"

namespace jx {
namespace {

// The kind of rate a leaf's name ends with when that rate is a share of a
// whole (it cannot pass 100 %), e.g. "满意度" for 参与群众满意度; nullopt for
// rates that can (完成率, 增长率 …).
std::optional<std::string> bounded_rate(std::string_view name) {
  static constexpr std::string_view kBounded[] = {"满意度", "满意率", "合格率", "覆盖率", "达标率",
                                                  "知晓率", "及格率", "通过率", "准确率", "正确率",
                                                  "到位率", "完好率", "普及率", "入学率", "占比"};
  for (std::string_view w : kBounded) {
    if (name.size() >= w.size() && name.substr(name.size() - w.size()) == w) return std::string(w);
  }
  return std::nullopt;
}

std::string band_names(const RuleSet& rules) {
  std::string s;
  for (const auto& b : rules.bands) s += (s.empty() ? "" : " / ") + b.name;
  return s;
}

// The judged score: an explicit `score` must lie in the band; otherwise the
// band's default point, kept inside the band after rounding.
LeafOutcome judged(const Indicator& leaf, const QualitativeBand& band, Decimal w, const RuleSet& rules,
                   Diagnostics& diags) {
  LeafOutcome out;
  const Decimal low = (band.low * w).rounded(rules.digits);
  const Decimal high = (band.high * w).rounded(rules.digits);
  std::int64_t unit = 1;  // one step at the printed digits: 0.01 for 2 digits
  for (int i = rules.digits; i < Decimal::kScaleDigits; ++i) unit *= 10;
  const Decimal step = Decimal::from_raw(unit);
  if (leaf.score) {
    const Decimal s = *leaf.score;
    const bool inside = s >= low && (band.high_inclusive ? s <= high : s < high);
    if (!inside) {
      const std::string range = "[" + low.to_plain() + ", " + high.to_plain() + (band.high_inclusive ? "]" : ")");
      diags.error(leaf.score_loc, "score-outside-band",
                  "得分 " + s.to_plain() + " 不在等级“" + band.name + "”的区间 " + range + " 内",
                  "等级“" + band.name + "”对应分值的 " + percent_text(band.low) + "～" + percent_text(band.high) +
                      "；请调整 score 或 grade");
      return out;
    }
    out.score = s.rounded(rules.digits, rules.rounding);
    out.basis = "定性：" + band.name + "，自评 " + out.score.to_plain() + " 分";
  } else {
    Decimal s = (band.default_fraction * w).rounded(rules.digits, rules.rounding);
    if (!band.high_inclusive && s >= high) s = high - step;
    if (s < low) s = low;
    out.score = s;
    out.basis = "定性：" + band.name + "，取 " + percent_text(band.default_fraction) + " 分值";
  }
  out.ok = true;
  return out;
}

std::string trim_text(const std::string& s) {
  return trim(s);
}

Decimal clamp0(Decimal d) {
  return d.is_negative() ? Decimal(0) : d;
}

Decimal reverse_score(Decimal a, Decimal t, Decimal w, const RuleSet& r) {
  if (a <= t) return w;
  if (t <= Decimal(0)) return Decimal(0);
  if (r.reverse == ReverseMode::Linear2x) {
    return mul_div(clamp0(t + t - a), w, t, r.digits, r.rounding);
  }
  return mul_div(t, w, a, r.digits, r.rounding);
}

Decimal positive_score(Decimal a, Decimal t, Decimal w, const RuleSet& r) {
  if (t <= Decimal(0) || a >= t) return w;
  return mul_div(a, w, t, r.digits, r.rounding);
}

}  // namespace

LeafOutcome score_leaf(const Indicator& leaf, std::string_view second_level, const RuleSet& rules, int year,
                       Diagnostics& diags) {
  LeafOutcome out;
  const Decimal w = leaf.weight.value_or(Decimal(0));

  if (leaf.grade) {
    const QualitativeBand* band = find_band(rules, *leaf.grade);
    if (band == nullptr) {
      diags.error(leaf.grade_loc, "unknown-grade", "未知的等级“" + *leaf.grade + "”",
                  "可用的等级：" + band_names(rules));
      return out;
    }
    return judged(leaf, *band, w, rules, diags);
  }
  if (leaf.score) {
    diags.error(leaf.score_loc, "score-without-grade", "给出了 score 但没有 grade",
                "score 只用于定性指标，须同时填写 grade（" + band_names(rules) + "）；定量指标的得分由引擎计算");
    return out;
  }

  const Value target = parse_value(leaf.target.value_or(""));
  const Value actual = parse_actual(leaf.actual.value_or(""), target, rules.deadline_actuals);
  if (target.kind == Value::Kind::Empty) {
    diags.error(leaf.target_loc.line ? leaf.target_loc : leaf.loc, "missing-target",
                "指标“" + leaf.name + "”缺少年度指标值", "填写 target，例如 target: \"≥5个\"");
  }
  if (actual.kind == Value::Kind::Empty) {
    diags.error(leaf.actual_loc.line ? leaf.actual_loc : leaf.loc, "missing-actual",
                "指标“" + leaf.name + "”缺少实际完成值", "填写 actual；不适用的指标写 applicable: false");
  }
  if (target.kind == Value::Kind::Empty || actual.kind == Value::Kind::Empty) return out;

  // Qualitative targets: the actual may itself be a grade word (达成预期指标).
  // A target that is a date ("2022年12月31日") or "按时完成" is a 时效 target too.
  const bool timed =
      target.kind == Value::Kind::Deadline || target.kind == Value::Kind::Date ||
      (target.kind == Value::Kind::OnTime &&
       (actual.kind == Value::Kind::OnTime || actual.kind == Value::Kind::Late || actual.kind == Value::Kind::Date));
  if (!timed && (target.kind == Value::Kind::Qualitative || target.kind == Value::Kind::OnTime ||
                 target.kind == Value::Kind::Late)) {
    if (is_malformed_number(*leaf.target)) {
      diags.error(leaf.target_loc, "bad-number", "无法识别的年度指标值“" + *leaf.target + "”",
                  "写成数字加单位，例如 \"≥98%\"、\"≤202.6万元\"；最多 6 位小数，不超过 1 万亿，不用 1e9 这样的写法");
      return out;
    }
    if (const QualitativeBand* band = find_band(rules, *leaf.actual)) return judged(leaf, *band, w, rules, diags);
    diags.error(leaf.target_loc, "needs-grade", "定性指标“" + leaf.name + "”需要评定等级",
                "填写 grade（" + band_names(rules) + "），可选 score 在该等级区间内");
    return out;
  }

  if (timed) {
    switch (actual.kind) {
      case Value::Kind::OnTime:
        out.score = w;
        out.basis = "时效：按时完成";
        break;
      case Value::Kind::Date: {
        if (compare_dates(actual.date, target.date, year) <= 0) {
          out.score = w;
          out.basis = "时效：在期限内完成";
        } else {
          out.score = (rules.late_fraction * w).rounded(rules.digits, rules.rounding);
          out.basis = "时效：超过期限";
        }
        break;
      }
      case Value::Kind::Late:
        out.score = (rules.late_fraction * w).rounded(rules.digits, rules.rounding);
        out.basis = "时效：未按时完成";
        break;
      default:
        diags.error(leaf.actual_loc, "deadline-actual",
                    "时效指标“" + leaf.name + "”的实际完成值“" + *leaf.actual + "”不是日期，也不是完成用语",
                    "写完成日期（如 \"2022年11月30日\"）或规则集 " + rules.id +
                        " 的完成用语（如 \"按时完成\"、\"已完成\"、\"达成预期指标\" / \"未按时完成\"），或填写 grade");
        return out;
    }
    out.ok = true;
    return out;
  }

  // Quantitative: number or range target.
  if (actual.kind != Value::Kind::Number) {
    // A bare number too large once given the target's scale is malformed too.
    const bool bad = is_malformed_number(*leaf.actual) || parse_value(*leaf.actual).kind == Value::Kind::Number;
    diags.error(leaf.actual_loc, bad ? "bad-number" : "actual-not-number",
                (bad ? "无法识别的实际完成值“" : "实际完成值“") + *leaf.actual +
                    (bad ? "”" : "”不是数值，而年度指标值“" + *leaf.target + "”是定量的"),
                bad ? "写成数字加单位，如 \"5个\"；最多 6 位小数，不超过 1 万亿，不用 1e9 这样的写法"
                    : "写成数值（如 \"5个\"），或填写 grade 按定性指标评分");
    return out;
  }
  if (!units_compatible(target.unit, actual.unit)) {
    diags.error(
        leaf.actual_loc, "unit-mismatch",
        "实际完成值的单位" + unit_label(actual.unit) + "与年度指标值的单位" + unit_label(target.unit) + "不一致",
        "金额可在 元 / 万元 / 亿元 间换算，其他单位须与年度指标值相同");
    return out;
  }
  if (auto what = bounded_rate(leaf.name); what && target.unit == "%") {
    // A share of a whole (满意度, 合格率 …) cannot pass 100 %: a typo, not an over-fulfilment.
    const Decimal hundred(100);
    const bool bad_actual = actual.amount > hundred;
    const bool bad_target = target.amount > hundred || (target.kind == Value::Kind::Range && target.high > hundred);
    if (bad_actual || bad_target) {
      diags.error(bad_actual ? leaf.actual_loc : leaf.target_loc, "percent-over-100",
                  "指标“" + leaf.name + "”的" +
                      (bad_actual ? "实际完成值“" + *leaf.actual : "年度指标值“" + *leaf.target) + "”超过 100%，" +
                      *what + "不可能超过 100%",
                  "检查是否多打了数字，例如 93% 写成了 193%");
      return out;
    }
  }
  if (actual.unit_from_target && target.unit == "%" && actual.amount <= Decimal(1) && actual.amount > Decimal(0)) {
    // "0.985" against "≥98%": 0.985 % or a fraction meaning 98.5 %? Read as
    // written it would score almost nothing, read as a fraction it would not
    // be what was written: refuse when only the fraction reading makes sense.
    const Decimal as_percent = actual.amount * Decimal(100);
    const Decimal ref = target.amount;
    if (ref > Decimal(0) && as_percent * Decimal(2) >= ref && as_percent <= ref * Decimal(2)) {
      diags.error(leaf.actual_loc, "ambiguous-fraction",
                  "实际完成值“" + *leaf.actual + "”含义不明：年度指标值“" + *leaf.target + "”是百分数，“" +
                      *leaf.actual + "”可能是比例（即 " + as_percent.to_plain() + "%），也可能是 " +
                      actual.amount.to_plain() + "%",
                  "写明百分号：\"" + as_percent.to_plain() + "%\"（比例 " + actual.amount.to_plain() + "）或 \"" +
                      actual.amount.to_plain() + "%\"");
      return out;
    }
  }
  if (target.kind == Value::Kind::Number && target.op == Op::None && target.unit.empty() &&
      target.scale == Decimal(1) && !actual.unit.empty() && !actual.unit_from_target) {
    diags.warning(leaf.target_loc, "target-without-unit",
                  "年度指标值“" + *leaf.target + "”既无比较符也无单位，而实际完成值“" + *leaf.actual + "”有单位" +
                      unit_label(actual.unit) + "：自评表上将只印一个数字",
                  "写成 \"≥" + trim_text(*leaf.target) + written_unit(actual.unit, actual.scale) + "\" 这样的形式");
  }

  enum class Dir { Positive, Reverse, Equal, Range } dir = Dir::Positive;
  if (target.kind == Value::Kind::Range) {
    dir = Dir::Range;
  } else if (leaf.direction) {
    dir = *leaf.direction == "reverse" ? Dir::Reverse : Dir::Positive;
  } else if (target.op == Op::Le || target.op == Op::Lt) {
    dir = Dir::Reverse;
  } else if (target.op == Op::Eq) {
    dir = Dir::Equal;
  } else if (target.op == Op::None && std::find(rules.reverse_second_level.begin(), rules.reverse_second_level.end(),
                                                second_level) != rules.reverse_second_level.end()) {
    dir = Dir::Reverse;
  }
  const Decimal t = target.amount;
  // The score of an actual amount a (already clamped) under this target.
  auto quantity = [&](Decimal a, LeafOutcome& o) {
    switch (dir) {
      case Dir::Positive:
        o.score = positive_score(a, t, w, rules);
        o.basis = t > Decimal(0) ? "正向：完成率 " + percent_text(div(a, t)) : "正向：目标为 0，得满分";
        o.target_too_low = t > Decimal(0) && a >= t * rules.too_low_ratio;
        break;
      case Dir::Reverse:
        o.score = reverse_score(a, t, w, rules);
        o.basis =
            a <= t ? "反向：未超过目标值，得满分"
                   : "反向：超出目标值 " + (t > Decimal(0) ? percent_text(div(a - t, t)) : std::string("（目标为 0）"));
        o.target_too_low = a > Decimal(0) && t >= a * rules.too_low_ratio;
        break;
      case Dir::Equal:
        if (t.is_zero() || t.is_negative()) {
          o.score = a <= Decimal(0) ? w : Decimal(0);
          o.basis = a <= Decimal(0) ? "等于：实际为 0，得满分" : "等于：目标为 0 而实际不为 0，不得分";
        } else if (rules.equal == EqualMode::Symmetric) {
          const Decimal dev = a >= t ? a - t : t - a;
          o.score = mul_div(clamp0(t - dev), w, t, rules.digits, rules.rounding);
          o.basis = "等于：偏离 " + percent_text(div(dev, t));
        } else {
          o.score = positive_score(a, t, w, rules);
          o.basis = "等于（按正向）：完成率 " + percent_text(div(a, t));
          o.target_too_low = a >= t * rules.too_low_ratio;
        }
        break;
      case Dir::Range:
        if (a < t) {
          o.score = positive_score(a, t, w, rules);
          o.basis = "区间：低于下限，完成率 " + percent_text(div(a, t));
        } else if (a > target.high) {
          o.score = reverse_score(a, target.high, w, rules);
          o.basis = "区间：高于上限";
        } else {
          o.score = w;
          o.basis = "区间：在区间内，得满分";
        }
        break;
    }
  };
  const Decimal a = clamp0(actual.amount);
  quantity(a, out);

  // A probable unit slip: judged against the bound the actual is compared with.
  const Decimal bound = dir == Dir::Range && a > target.high ? target.high : t;
  out.slip = detect_unit_slip(a, bound, target.unit, target.scale);
  if (out.slip) {
    const UnitSlip& sl = *out.slip;
    std::string msg = "指标“" + leaf.name + "”实际完成值“" + *leaf.actual + "”与年度指标值“" + *leaf.target +
                      "”之比为 " + percent_text(sl.ratio) + "，";
    std::string hint;
    if (sl.has_reading) {
      LeafOutcome fixed;
      quantity(sl.reading, fixed);
      out.slip_score = fixed.score;
      msg += "疑似" + sl.what + "：若实际为 " + sl.reading_text + "，完成率 " + percent_text(sl.reading_ratio) +
             "，得 " + fixed.score.to_plain() + " 分（现按所写数值得 " + out.score.to_plain() + " 分）";
      hint = "核对实际完成值的单位；不写单位的数字按年度指标值的单位（" +
             unit_label(written_unit(target.unit, target.scale)) + "）读取";
    } else {
      msg += sl.what;
      hint = "核对实际完成值和年度指标值的单位与数量级";
    }
    diags.warning(leaf.actual_loc, "unit-slip", msg, hint);
    out.target_too_low = false;  // the slip is the finding, not the target
  }
  if (out.target_too_low) {
    const std::string threshold = percent_of(rules.too_low_ratio).to_plain() + "%";
    const std::string msg =
        dir == Dir::Reverse
            ? "指标“" + leaf.name + "”实际完成值“" + *leaf.actual + "”远低于上限“" + *leaf.target + "”（上限是实际的 " +
                  percent_text(div(t, a)) + "，≥ " + threshold + "），目标值可能设置过宽"
            : "指标“" + leaf.name + "”实际完成值“" + *leaf.actual + "”远超年度指标值“" + *leaf.target + "”（完成率 " +
                  percent_text(div(a, t)) + "，≥ " + threshold + "），目标值可能设置偏低";
    diags.warning(leaf.actual_loc, "target-too-low", msg,
                  "按财预〔2020〕10号，目标明显偏离实际的应分析原因，在 note 中说明");
  }
  out.ok = true;
  return out;
}

}  // namespace jx
