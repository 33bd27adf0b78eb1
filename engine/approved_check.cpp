#include "engine/approved_check.h"

#include <optional>

#include "engine/goal_checks.h"
#include "engine/text.h"
#include "engine/value.h"

namespace jx {
namespace {

std::string folded(std::string_view s) {
  std::string out;
  for (char32_t c : fold_width(utf8_decode(trim(s)))) {
    if (c != U' ' && c != U'\t' && c != U'\n') utf8_append(out, c);
  }
  return out;
}

std::string join(const std::vector<std::string>& path) {
  std::string s;
  for (std::size_t i = 0; i < path.size(); ++i) s += (i ? "/" : "") + path[i];
  return s;
}

bool names(const Adjustment& a, const std::vector<std::string>& path) {
  const std::string want = folded(a.indicator);
  return (!path.empty() && want == folded(path.back())) || want == folded(join(path));
}

// Index of the entry of `list` matching `path`: the same path, else the only one with the same last name.
template <class T, class PathOf>
std::optional<std::size_t> match(const std::vector<T>& list, const std::vector<std::string>& path, PathOf path_of) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (path_of(list[i]) == path) return i;
  }
  std::optional<std::size_t> only;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& p = path_of(list[i]);
    if (!p.empty() && !path.empty() && p.back() == path.back()) {
      if (only) return std::nullopt;
      only = i;
    }
  }
  return only;
}

std::string shown(const std::optional<std::string>& t) { return t ? "“" + *t + "”" : "（无此指标）"; }

}  // namespace

bool same_target(std::string_view a, std::string_view b) {
  const std::string fa = folded(a);
  const std::string fb = folded(b);
  if (fa == fb) return true;
  const Value va = parse_value(a);
  const Value vb = parse_value(b);
  if (va.kind != vb.kind || va.kind == Value::Kind::Qualitative || va.kind == Value::Kind::Empty) return false;
  if (va.kind == Value::Kind::Number) return va.op == vb.op && va.amount == vb.amount && va.unit == vb.unit;
  if (va.kind == Value::Kind::Range) return va.amount == vb.amount && va.high == vb.high && va.unit == vb.unit;
  if (va.kind == Value::Kind::Deadline) {
    return va.date.year == vb.date.year && va.date.month == vb.date.month && va.date.day == vb.date.day;
  }
  return false;
}

std::vector<ApprovedTarget> approved_targets(const Project& approved) {
  std::vector<ApprovedTarget> out;
  for (const LeafRef& l : leaves_of(approved.indicators)) {
    out.push_back({l.path, l.leaf->target.value_or("")});
  }
  return out;
}

Diagnostics check_against_approved(const Project& current, const std::vector<ApprovedTarget>& approved) {
  Diagnostics d;
  const std::vector<LeafRef> leaves = leaves_of(current.indicators);
  const auto& adjustments = current.goals.adjustments;
  std::vector<bool> adjustment_used(adjustments.size(), false);
  std::vector<bool> approved_seen(approved.size(), false);

  // Follows the target in force through the adjustments of one indicator;
  // reports each `from` that does not match. Returns the target in force and
  // whether any adjustment applied.
  auto follow = [&](const std::vector<std::string>& path, std::optional<std::string> in_force) {
    bool adjusted = false;
    for (std::size_t i = 0; i < adjustments.size(); ++i) {
      const Adjustment& a = adjustments[i];
      if (!names(a, path)) continue;
      adjustment_used[i] = true;
      adjusted = true;
      const bool from_ok = a.from ? in_force && same_target(*a.from, *in_force) : !in_force;
      if (!from_ok) {
        d.warning(a.from_loc, "adjustment-from-mismatch",
                  "“" + a.indicator + "”的调整记录原指标值为" + shown(a.from) + "，而当时的指标值为" + shown(in_force),
                  in_force ? "from 应写批复（或上一次调整后）的指标值 " + *in_force
                           : "批复的目标中没有此指标：新增指标的调整不写 from");
      }
      in_force = a.to;
    }
    return std::make_pair(in_force, adjusted);
  };

  for (const LeafRef& ref : leaves) {
    const Indicator& leaf = *ref.leaf;
    const Loc at = leaf.target_loc.line ? leaf.target_loc : leaf.loc;
    const std::string now = leaf.target.value_or("");
    std::optional<std::string> approved_target;
    if (const auto i = match(approved, ref.path, [](const ApprovedTarget& t) -> const auto& { return t.path; })) {
      approved_seen[*i] = true;
      approved_target = approved[*i].target;
    }
    const auto [in_force, adjusted] = follow(ref.path, approved_target);
    if (in_force && same_target(now, *in_force)) continue;
    if (!approved_target && !adjusted) {
      d.warning(leaf.loc, "indicator-added", "指标“" + join(ref.path) + "”不在批复的绩效目标中，也没有调整记录",
                "新增指标须经批准，并在 adjustments 中记录（indicator、to、date、reason）");
    } else if (!adjusted) {
      d.warning(at, "target-changed",
                "指标“" + leaf.name + "”的年度指标值“" + now + "”与批复的“" + *approved_target + "”不同，没有调整记录",
                "改回批复的指标值，或在 adjustments 中记录经批准的调整（indicator、from、to、date、reason）");
    } else {
      d.warning(at, "adjustment-to-mismatch",
                "指标“" + leaf.name + "”的年度指标值“" + now + "”与调整后的" + shown(in_force) + "不同",
                "年度指标值应为最后一次调整的 to");
    }
  }
  for (std::size_t i = 0; i < approved.size(); ++i) {
    if (approved_seen[i]) continue;
    const auto [in_force, adjusted] = follow(approved[i].path, approved[i].target);
    if (!in_force) continue;  // removed by an adjustment
    d.warning(current.indicators_loc, "indicator-removed",
              "批复的指标“" + join(approved[i].path) + "”（" + approved[i].target + "）" +
                  (adjusted ? "按调整记录仍应保留，却不在自评表中" : "不在自评表中，也没有调整记录"),
              "保留该指标并如实填报，或在 adjustments 中记录经批准的取消（indicator、from、date、reason，不写 to）");
  }
  for (std::size_t i = 0; i < adjustments.size(); ++i) {
    if (adjustment_used[i]) continue;
    d.warning(adjustments[i].loc, "adjustment-unknown",
              "调整记录中的指标“" + adjustments[i].indicator + "”在批复的目标和自评表中都找不到",
              "indicator 写三级指标名称，或“一级/二级/三级”");
  }
  return d;
}

}  // namespace jx
