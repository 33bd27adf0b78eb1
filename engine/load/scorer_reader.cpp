#include "engine/load/scorer_reader.h"

#include "engine/text.h"

namespace jx::load {

Loc content_loc(const Node& scalar) {
  Loc l = loc_of(scalar);
  if (scalar.IsDefined() && scalar.IsScalar() && scalar.Tag() == "!") ++l.col;  // quoted: skip the quote
  return l;
}

std::optional<Decimal> read_fraction_or_percent(MapReader& m, const std::string& key, Diagnostics& diags) {
  auto t = m.text(key);
  if (!t) return std::nullopt;
  std::string s = trim(*t);
  bool pct = false;
  for (const char* suffix : {"%", "％"}) {
    const std::string sf(suffix);
    if (s.size() >= sf.size() && s.compare(s.size() - sf.size(), sf.size(), sf) == 0) {
      s.erase(s.size() - sf.size());
      pct = true;
      break;
    }
  }
  auto d = parse_number_text(s);
  if (!d) {
    diags.error(m.loc(key), "not-a-number", "字段“" + key + "”应为数字或百分比，而不是“" + *t + "”", "例如 90% 或 0.9");
    return std::nullopt;
  }
  return pct ? div(*d, Decimal(100)) : *d;
}

namespace {

const std::vector<KeySpec> kScorerKeys{
    {"kind", "类型"}, {"target", "目标"},    {"reference", "基准"}, {"direction", "方向"}, {"deduct", "扣分"},
    {"per", "每"},    {"partial", "按比例"}, {"count", "次数"},     {"steps", "档次"},     {"items", "条目"}};

const std::vector<std::pair<std::string, Scorer::Kind>> kKinds{{"linear", Scorer::Kind::Linear},
                                                               {"reverse", Scorer::Kind::Reverse},
                                                               {"steps", Scorer::Kind::Steps},
                                                               {"deduct_per_pp", Scorer::Kind::DeductPerPP},
                                                               {"checklist", Scorer::Kind::Checklist},
                                                               {"per_violation", Scorer::Kind::PerViolation},
                                                               {"projects_mean", Scorer::Kind::ProjectsMean},
                                                               {"projects_weighted", Scorer::Kind::ProjectsWeighted}};

std::optional<Scorer> read_scorer(const Node& node, Diagnostics& diags) {
  MapReader m(node, "scorer ", kScorerKeys, diags);
  if (!m.ok()) return std::nullopt;
  Scorer s;
  s.loc = m.loc();
  m.require("kind", "kind: linear");
  auto kind = m.text("kind");
  if (!kind) return std::nullopt;
  bool found = false;
  std::string names;
  for (const auto& [name, k] : kKinds) {
    names += (names.empty() ? "" : " / ") + name;
    if (name == *kind) {
      s.kind = k;
      found = true;
    }
  }
  if (!found) {
    diags.error(m.loc("kind"), "unknown-scorer", "未知的评分方法“" + *kind + "”", "可用：" + names);
    return std::nullopt;
  }
  if (auto v = read_fraction_or_percent(m, "target", diags)) s.target = *v;
  if (auto v = read_fraction_or_percent(m, "reference", diags)) s.reference = *v;
  if (auto v = m.number("deduct", "（分）")) s.deduct = *v;
  if (auto v = m.number("per", "（百分点）")) s.per = *v;
  if (auto v = m.number("count", "（次）")) s.count = *v;
  if (auto v = m.boolean("partial")) s.partial = *v;
  if (auto dir = m.text("direction")) {
    if (*dir == "above" || *dir == "高于") {
      s.above = true;
    } else if (*dir == "below" || *dir == "低于") {
      s.above = false;
    } else {
      diags.error(m.loc("direction"), "bad-direction", "direction 应为 above（高于基准扣分）或 below（低于基准扣分）");
    }
  }
  if (s.kind == Scorer::Kind::DeductPerPP) m.require("deduct", "deduct: 0.5");
  if (s.kind == Scorer::Kind::PerViolation) {
    m.require("deduct", "deduct: 1");
    m.require("count", "count: 0");
  }
  if (m.has("steps")) {
    const Node list = m.get("steps");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "steps 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader st(n, "档次", {{"min", "下限"}, {"max", "上限"}, {"points", "得分"}}, diags);
        if (!st.ok()) continue;
        Scorer::Step step;
        step.loc = st.loc();
        st.require("points", "points: 5");
        step.points = st.number("points", "（分）").value_or(Decimal());
        if (auto v = read_fraction_or_percent(st, "min", diags)) {
          step.has_min = true;
          step.bound = *v;
        }
        if (auto v = read_fraction_or_percent(st, "max", diags)) {
          step.has_max = true;
          step.bound = *v;
        }
        s.steps.push_back(step);
      }
    }
  } else if (s.kind == Scorer::Kind::Steps) {
    m.require("steps", "steps: [{min: 90%, points: 5}, {points: 0}]");
  }
  if (m.has("items")) {
    const Node list = m.get("items");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "items 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader it(n, "清单条目", {{"name", "名称"}, {"points", "分值"}, {"met", "是否满足"}, {"note", "说明"}},
                     diags);
        if (!it.ok()) continue;
        it.require("points", "points: 1");
        it.require("met", "met: true");
        s.items.push_back({it.text("name").value_or(""), it.number("points", "（分）").value_or(Decimal()),
                           it.boolean("met").value_or(false), it.loc()});
      }
    }
  } else if (s.kind == Scorer::Kind::Checklist) {
    m.require("items", "items: [{name: 制度健全, points: 1, met: true}]");
  }
  return s;
}

}  // namespace

void read_computed(MapReader& m, Indicator& ind, Diagnostics& diags) {
  if (m.has("formula")) {
    ind.formula = m.text("formula");
    ind.formula_loc = content_loc(m.get("formula"));
  }
  if (m.has("scorer")) {
    ind.scorer = read_scorer(m.get("scorer"), diags);
    // A bad scorer is reported; a placeholder keeps the leaf from raising follow-up errors.
    if (!ind.scorer) ind.scorer = Scorer{};
  }
  if (auto d = m.text("display")) {
    if (*d == "percent") {
      ind.percent = true;
    } else if (*d == "number") {
      ind.percent = false;
    } else {
      diags.error(m.loc("display"), "bad-display", "display 应为 percent 或 number");
    }
  }
}

}  // namespace jx::load
