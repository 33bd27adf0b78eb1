#include "engine/load/rules_loader.h"

#include "engine/load/form_loader.h"
#include "engine/load/monitor_rules_loader.h"
#include "engine/load/yaml_reader.h"

namespace jx::load {
namespace {

std::vector<std::string> string_list(MapReader& m, const std::string& key, Diagnostics& diags) {
  std::vector<std::string> out;
  const Node n = m.get(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    diags.error(loc_of(n), "wrong-type", "字段“" + key + "”应为列表");
    return out;
  }
  for (const auto& s : n) {
    if (s.IsScalar()) {
      out.push_back(s.Scalar());
    } else {
      diags.error(loc_of(s), "wrong-type", "字段“" + key + "”的每一项应为文字");
    }
  }
  return out;
}

void read_fraction(MapReader& m, const std::string& key, Decimal& into, Diagnostics& diags) {
  if (auto d = m.number(key)) {
    if (d->is_negative() || *d > Decimal(10)) {
      diags.error(m.loc(key), "bad-fraction", "字段“" + key + "”应为 0～1 之间的比例");
    } else {
      into = *d;
    }
  }
}

}  // namespace

std::optional<RuleSet> load_rules(std::string_view text, Diagnostics& diags) {
  const SourceScope source(text);
  const Node root = parse_yaml(text, diags);
  if (!root.IsDefined()) return std::nullopt;
  MapReader top(root, "规则集",
                {{"id", ""},
                 {"version", ""},
                 {"name", ""},
                 {"source", ""},
                 {"levels", ""},
                 {"total", ""},
                 {"budget", ""},
                 {"first_levels", ""},
                 {"first_level_weights", ""},
                 {"quantitative", ""},
                 {"qualitative", ""},
                 {"grades", ""},
                 {"deadline_actuals", ""},
                 {"template_text", ""},
                 {"goal_checks", ""},
                 {"rounding", ""},
                 {"form", ""},
                 {"monitor", ""}},
                diags);
  if (!top.ok()) return std::nullopt;
  RuleSet r;
  top.require("id", "id: mof2020");
  top.require("levels", "levels: [一级指标, 二级指标, 三级指标]");
  top.require("qualitative", "");
  top.require("grades", "");
  r.id = top.text("id").value_or("");
  r.name = top.text("name").value_or(r.id);
  r.version = top.text("version").value_or("");
  r.source = top.text("source").value_or("");
  r.level_names = string_list(top, "levels", diags);
  if (top.has("levels") && r.level_names.empty()) diags.error(top.loc("levels"), "bad-levels", "levels 不能为空");
  if (auto t = top.number("total")) r.total_weight = *t;
  if (top.has("budget")) {
    MapReader b(top.get("budget"), "budget ", {{"weight", ""}, {"low_execution", ""}}, diags);
    if (auto w = b.number("weight")) r.budget_weight = *w;
    read_fraction(b, "low_execution", r.low_execution, diags);
  }
  if (auto mode = top.text("first_level_weights")) {
    if (*mode == "error") {
      r.first_level_weights_strict = true;
    } else if (*mode != "warn") {
      diags.error(top.loc("first_level_weights"), "bad-mode", "first_level_weights 应为 warn 或 error");
    }
  }
  if (top.has("first_levels")) {
    const Node list = top.get("first_levels");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "first_levels 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader f(n, "一级指标", {{"name", ""}, {"weight", ""}, {"second_level", ""}}, diags);
        if (!f.ok()) continue;
        FirstLevel fl;
        f.require("name", "name: 产出指标");
        fl.name = f.text("name").value_or("");
        if (auto w = f.number("weight")) {
          fl.has_weight = true;
          fl.weight = *w;
        }
        fl.second_level = string_list(f, "second_level", diags);
        r.first_levels.push_back(std::move(fl));
      }
    }
  }
  if (top.has("quantitative")) {
    MapReader q(
        top.get("quantitative"), "quantitative ",
        {{"reverse", ""}, {"equal", ""}, {"too_low_ratio", ""}, {"reverse_second_level", ""}, {"late_fraction", ""}},
        diags);
    if (auto s = q.text("reverse")) {
      if (*s == "ratio") {
        r.reverse = ReverseMode::Ratio;
      } else if (*s == "linear_2x") {
        r.reverse = ReverseMode::Linear2x;
      } else {
        diags.error(q.loc("reverse"), "bad-mode", "reverse 应为 ratio 或 linear_2x，而不是“" + *s + "”");
      }
    }
    if (auto s = q.text("equal")) {
      if (*s == "positive") {
        r.equal = EqualMode::Positive;
      } else if (*s == "symmetric") {
        r.equal = EqualMode::Symmetric;
      } else {
        diags.error(q.loc("equal"), "bad-mode", "equal 应为 positive 或 symmetric，而不是“" + *s + "”");
      }
    }
    if (auto d = q.number("too_low_ratio")) r.too_low_ratio = *d;
    read_fraction(q, "late_fraction", r.late_fraction, diags);
    r.reverse_second_level = string_list(q, "reverse_second_level", diags);
  }
  if (top.has("deadline_actuals")) {
    MapReader w(top.get("deadline_actuals"), "deadline_actuals ", {{"on_time", ""}, {"late", ""}}, diags);
    r.deadline_actuals.on_time = string_list(w, "on_time", diags);
    r.deadline_actuals.late = string_list(w, "late", diags);
  }
  r.template_text = string_list(top, "template_text", diags);
  // The goal checks' data (engine/goal_checks.h): absent → no goal checks.
  if (top.has("goal_checks")) {
    MapReader g(top.get("goal_checks"), "goal_checks ",
                {{"require_cost", ""}, {"cost_names", ""}, {"require_basis", ""}, {"vague_words", ""}, {"placeholders", ""}},
                diags);
    r.goal_checks.require_cost = g.boolean("require_cost").value_or(false);
    r.goal_checks.cost_names = string_list(g, "cost_names", diags);
    r.goal_checks.require_basis = g.boolean("require_basis").value_or(false);
    r.goal_checks.vague_words = string_list(g, "vague_words", diags);
    r.goal_checks.placeholders = string_list(g, "placeholders", diags);
    if (r.goal_checks.require_cost && r.goal_checks.cost_names.empty()) {
      diags.error(g.loc("require_cost"), "bad-goal-checks", "require_cost 为 true 时 cost_names 不能为空");
    }
  }
  if (top.has("qualitative")) {
    const Node list = top.get("qualitative");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "qualitative 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader b(
            n, "定性等级",
            {{"name", ""}, {"synonyms", ""}, {"low", ""}, {"high", ""}, {"high_inclusive", ""}, {"default", ""}},
            diags);
        if (!b.ok()) continue;
        QualitativeBand band;
        b.require("name", "name: 达成");
        b.require("low", "low: 0.8");
        b.require("high", "high: 1");
        band.name = b.text("name").value_or("");
        band.synonyms = string_list(b, "synonyms", diags);
        read_fraction(b, "low", band.low, diags);
        read_fraction(b, "high", band.high, diags);
        band.high_inclusive = b.boolean("high_inclusive").value_or(false);
        band.default_fraction = band.high;
        read_fraction(b, "default", band.default_fraction, diags);
        if (band.high < band.low) diags.error(b.loc(), "bad-band", "等级“" + band.name + "”的 high 小于 low");
        r.bands.push_back(std::move(band));
      }
    }
  }
  if (top.has("grades")) {
    const Node list = top.get("grades");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "grades 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader g(n, "等级", {{"name", ""}, {"min", ""}}, diags);
        if (!g.ok()) continue;
        g.require("name", "name: 优");
        g.require("min", "min: 90");
        GradeBand gb{g.text("name").value_or(""), g.number("min").value_or(Decimal())};
        if (!r.grades.empty() && gb.min >= r.grades.back().min) {
          diags.error(g.loc(), "grades-order", "grades 应按 min 从高到低排列");
        }
        r.grades.push_back(std::move(gb));
      }
    }
  }
  if (top.has("rounding")) {
    MapReader m(top.get("rounding"), "rounding ", {{"digits", ""}, {"mode", ""}}, diags);
    if (auto d = m.integer("digits")) {
      if (*d > 4) {
        diags.error(m.loc("digits"), "bad-digits", "digits 应在 0～4 之间");
      } else {
        r.digits = *d;
      }
    }
    if (auto s = m.text("mode")) {
      if (*s == "half_up") {
        r.rounding = Rounding::HalfUp;
      } else if (*s == "truncate") {
        r.rounding = Rounding::Truncate;
      } else {
        diags.error(m.loc("mode"), "bad-mode", "mode 应为 half_up 或 truncate，而不是“" + *s + "”");
      }
    }
  }
  r.form = read_form_layout(top, diags);
  r.monitor = read_monitor_rules(top, diags);
  if (diags.has_errors()) return std::nullopt;
  return r;
}

}  // namespace jx::load
