#include "engine/load/monitor_rules_loader.h"

#include <optional>

#include "engine/load/yaml_reader.h"

namespace jx::load {
namespace {

std::optional<Light> light_named(const std::string& s) {
  for (const Light l : {Light::Green, Light::Yellow, Light::Red, Light::Blue}) {
    if (s == light_id(l)) return l;
  }
  return std::nullopt;
}

Light read_light(const Node& n, Light fallback, Diagnostics& diags) {
  if (!n.IsDefined()) return fallback;
  if (n.IsScalar()) {
    if (auto l = light_named(n.Scalar())) return *l;
  }
  diags.error(loc_of(n), "bad-light", "灯色应为 green、yellow、red 或 blue");
  return fallback;
}

std::vector<std::string> words(const Node& n, const std::string& key, Diagnostics& diags) {
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    diags.error(loc_of(n), "wrong-type", "字段“" + key + "”应为列表");
    return out;
  }
  for (const auto& s : n) {
    if (s.IsScalar() && !s.Scalar().empty()) {
      out.push_back(s.Scalar());
    } else {
      diags.error(loc_of(s), "wrong-type", "字段“" + key + "”的每一项应为文字");
    }
  }
  return out;
}

std::vector<LightBand> bands(MapReader& m, const std::string& key, Diagnostics& diags) {
  std::vector<LightBand> out;
  if (!m.has(key)) {
    diags.error(m.loc(), "missing-key", "monitor 缺少 " + key);
    return out;
  }
  const Node list = m.get(key);
  if (!list.IsSequence() || list.size() == 0) {
    diags.error(loc_of(list), "wrong-type", key + " 应为非空列表，如 [{light: green, min: 80}, …]");
    return out;
  }
  for (const auto& n : list) {
    MapReader b(n, key + " ", {{"light", ""}, {"min", ""}}, diags);
    if (!b.ok()) continue;
    b.require("light", "light: green");
    b.require("min", "min: 80");
    LightBand band{read_light(b.get("light"), Light::Red, diags), b.number("min").value_or(Decimal())};
    if (!out.empty() && band.min >= out.back().min) {
      diags.error(b.loc(), "bands-order", key + " 应按 min 从高到低排列");
    }
    out.push_back(band);
  }
  return out;
}

// {within: green, over: red}-style pairs.
void pair(MapReader& m, const std::string& key, const std::string& a, Light& la, const std::string& b, Light& lb,
          Diagnostics& diags) {
  if (!m.has(key)) return;
  MapReader p(m.get(key), key + " ", {{a, ""}, {b, ""}}, diags);
  if (!p.ok()) return;
  la = read_light(p.get(a), la, diags);
  lb = read_light(p.get(b), lb, diags);
}

}  // namespace

MonitorRules read_monitor_rules(MapReader& top, Diagnostics& diags) {
  MonitorRules r;
  if (!top.has("monitor")) return r;
  MapReader m(top.get("monitor"), "monitor ",
              {{"v", ""},
               {"budget_bands", ""},
               {"positive_bands", ""},
               {"rates", ""},
               {"ceiling", ""},
               {"equal_zero", ""},
               {"deadline", ""},
               {"qualitative", ""},
               {"worst_first", ""},
               {"project_includes_budget", ""},
               {"labels", ""},
               {"reasons", ""},
               {"possibilities", ""},
               {"note_required", ""},
               {"red_then_grades", ""},
               {"forecast_deviation", ""}},
              diags);
  if (!m.ok()) return r;
  r.given = true;
  if (m.has("v")) {
    MapReader v(m.get("v"), "monitor.v ", {{"digits", ""}, {"mode", ""}}, diags);
    if (auto d = v.integer("digits")) {
      if (*d < 0 || *d > 4) {
        diags.error(v.loc("digits"), "bad-digits", "digits 应在 0～4 之间");
      } else {
        r.v_digits = *d;
      }
    }
    if (auto s = v.text("mode")) {
      if (*s == "half_up") {
        r.v_rounding = Rounding::HalfUp;
      } else if (*s == "truncate") {
        r.v_rounding = Rounding::Truncate;
      } else {
        diags.error(v.loc("mode"), "bad-mode", "mode 应为 half_up 或 truncate，而不是“" + *s + "”");
      }
    }
  }
  r.budget_bands = bands(m, "budget_bands", diags);
  r.positive_bands = bands(m, "positive_bands", diags);
  if (auto s = m.text("rates")) {
    if (*s == "whole_year") {
      r.rates_whole_year = true;
    } else if (*s == "prorate") {
      r.rates_whole_year = false;
    } else {
      diags.error(m.loc("rates"), "bad-mode", "rates 应为 whole_year 或 prorate，而不是“" + *s + "”");
    }
  }
  pair(m, "ceiling", "within", r.ceiling_within, "over", r.ceiling_over, diags);
  pair(m, "equal_zero", "met", r.equal_met, "missed", r.equal_missed, diags);
  if (m.has("deadline")) {
    MapReader d(m.get("deadline"), "monitor.deadline ", {{"on_time", ""}, {"late", ""}, {"pending", ""}, {"pending_words", ""}},
                diags);
    if (d.ok()) {
      r.deadline_on_time = read_light(d.get("on_time"), r.deadline_on_time, diags);
      r.deadline_late = read_light(d.get("late"), r.deadline_late, diags);
      r.deadline_pending = read_light(d.get("pending"), r.deadline_pending, diags);
      r.deadline_pending_words = words(d.get("pending_words"), "pending_words", diags);
    }
  }
  if (m.has("qualitative")) {
    const Node list = m.get("qualitative");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "monitor.qualitative 应为列表");
    } else {
      for (const auto& n : list) {
        MapReader q(n, "monitor.qualitative ", {{"light", ""}, {"words", ""}}, diags);
        if (!q.ok()) continue;
        r.qualitative.push_back({read_light(q.get("light"), Light::Red, diags), words(q.get("words"), "words", diags)});
      }
    }
  }
  if (m.has("worst_first")) {
    for (const std::string& s : words(m.get("worst_first"), "worst_first", diags)) {
      if (auto l = light_named(s)) {
        r.worst_first.push_back(*l);
      } else {
        diags.error(m.loc("worst_first"), "bad-light", "worst_first 中的“" + s + "”不是灯色");
      }
    }
  }
  if (r.worst_first.size() != 4) {
    diags.error(m.loc("worst_first"), "bad-light-order", "worst_first 应按从差到好的顺序列出 4 种灯色",
                "如 worst_first: [red, yellow, green, blue]");
  }
  r.project_includes_budget = m.boolean("project_includes_budget").value_or(true);
  if (m.has("labels")) {
    MapReader l(m.get("labels"), "monitor.labels ", {{"green", ""}, {"yellow", ""}, {"red", ""}, {"blue", ""}},
                diags);
    for (const Light light : {Light::Green, Light::Yellow, Light::Red, Light::Blue}) {
      if (auto s = l.text(light_id(light))) r.labels.emplace_back(light, *s);
    }
  }
  r.reasons = words(m.get("reasons"), "reasons", diags);
  // The 执行监控表 has one column per reason: five (lifecycle.md §2.2).
  if (r.reasons.size() != 5) {
    diags.error(m.loc("reasons"), "bad-reasons", "monitor.reasons 应列出 5 个偏差原因（监控表的五列）",
                "如 reasons: [经费保障, 制度保障, 人员保障, 硬件条件保障, 其他]");
  }
  r.possibilities = words(m.get("possibilities"), "possibilities", diags);
  if (m.has("note_required")) {
    MapReader n(m.get("note_required"), "monitor.note_required ",
                {{"reasons", ""}, {"possibilities", ""}, {"possibility_needs_reason", ""}}, diags);
    r.reason_needs_note = n.boolean("reasons").value_or(true);
    r.possibilities_needing_note = words(n.get("possibilities"), "possibilities", diags);
    r.possibility_needs_reason = n.boolean("possibility_needs_reason").value_or(false);
  }
  r.red_then_grades = words(m.get("red_then_grades"), "red_then_grades", diags);
  if (auto d = m.number("forecast_deviation")) {
    if (d->is_negative()) {
      diags.error(m.loc("forecast_deviation"), "bad-fraction", "forecast_deviation 应为不小于 0 的比例");
    } else {
      r.forecast_deviation = *d;
    }
  }
  return r;
}

}  // namespace jx::load
