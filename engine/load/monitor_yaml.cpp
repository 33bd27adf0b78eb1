#include "engine/load/monitor_yaml.h"

#include <set>

#include "engine/load/project_writer.h"
#include "engine/load/yaml_reader.h"
#include "engine/text.h"

namespace jx::load {
namespace {

const std::vector<KeySpec> kFundsSnapshotKeys{{"executed", "执行数"}, {"forecast", "全年预计执行数"}};
const std::vector<KeySpec> kIndicatorSnapshotKeys{{"value", "执行情况"},
                                                  {"forecast", "全年预计完成情况"},
                                                  {"reasons", "偏差原因"},
                                                  {"possibility", "完成目标可能性"},
                                                  {"note", "备注"}};

// The month of a key, 1–12: "7", and as officers also write it "7月",
// "1-7月" / "1～7月" / "1至7月" (full-width folded). Anything else is nullopt.
std::optional<int> month_of(const Node& key) {
  if (!key.IsScalar()) return std::nullopt;
  std::string text = trim(utf8_encode(fold_width(utf8_decode(key.Scalar()))));
  const std::string month_sign = "月";
  if (text.size() > month_sign.size() && text.compare(text.size() - month_sign.size(), month_sign.size(), month_sign) == 0) {
    text.resize(text.size() - month_sign.size());
  }
  for (const std::string prefix : {"1-", "1~", "1至", "1到"}) {
    if (text.size() > prefix.size() && text.rfind(prefix, 0) == 0) {
      text = text.substr(prefix.size());
      break;
    }
  }
  if (text.empty() || text.size() > 2) return std::nullopt;
  int m = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    m = m * 10 + (c - '0');
  }
  if (m < 1 || m > 12) return std::nullopt;
  return m;
}

// Walks a month map, calling `one(month, key, value)` for each valid month;
// reports bad and repeated months.
template <typename F>
void for_each_month(const Node& node, Diagnostics& diags, F&& one) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    diags.error(loc_of(node), "wrong-type", "字段“monitor”应为按月份填写的监控数据",
                "例如 monitor: {7: {executed: 52.3, forecast: 89.66}}（7 表示 1-7月）");
    return;
  }
  std::set<int> seen;
  for (const auto& kv : node) {
    const auto month = month_of(kv.first);
    if (!month) {
      diags.error(loc_of(kv.first), "bad-month",
                  "监控月份“" + (kv.first.IsScalar() ? kv.first.Scalar() : std::string("？")) + "”应为 1～12 的整数",
                  "写截至的月份，如 7 或 1-7月（表示 1-7月的数据）");
      continue;
    }
    if (!seen.insert(*month).second) {
      diags.error(loc_of(kv.first), "duplicate-month", std::to_string(*month) + " 月的监控数据写了两次",
                  "每个月份只写一次");
      continue;
    }
    one(*month, kv.first, kv.second);
  }
}

}  // namespace

FundsMonitor read_funds_monitor(const Node& node, Diagnostics& diags) {
  FundsMonitor out;
  for_each_month(node, diags, [&](int month, const Node& key, const Node& value) {
    MapReader m(value, "资金 " + std::to_string(month) + " 月监控数据", &kFundsSnapshotKeys, diags);
    if (!m.ok()) return;
    FundsSnapshot s;
    s.loc = loc_of(key);
    m.require("executed", "executed: 52.3");
    s.executed = m.number("executed", "（万元）");
    s.executed_loc = m.loc("executed");
    s.forecast = m.number("forecast", "（万元）");
    s.forecast_loc = m.loc("forecast");
    out.emplace(month, s);
  });
  return out;
}

IndicatorMonitor read_indicator_monitor(const Node& node, Diagnostics& diags) {
  IndicatorMonitor out;
  for_each_month(node, diags, [&](int month, const Node& key, const Node& value) {
    MapReader m(value, std::to_string(month) + " 月监控数据", &kIndicatorSnapshotKeys, diags);
    if (!m.ok()) return;
    IndicatorSnapshot s;
    s.loc = loc_of(key);
    m.require("value", "value: \"3个\"");
    if (m.has("value")) {
      s.value = trim(m.text("value").value_or(""));
      s.value_loc = m.loc("value");
    }
    if (m.has("forecast")) {
      s.forecast = trim(m.text("forecast").value_or(""));
      s.forecast_loc = m.loc("forecast");
    }
    if (m.has("reasons")) {
      const Node r = m.get("reasons");
      if (r.IsScalar()) {
        s.reasons.push_back(trim(r.Scalar()));
        s.reason_locs.push_back(loc_of(r));
      } else if (r.IsSequence()) {
        for (const auto& item : r) {
          if (!item.IsScalar()) {
            diags.error(loc_of(item), "wrong-type", "偏差原因的每一项应为文字", "例如 reasons: [经费保障, 其他]");
            continue;
          }
          s.reasons.push_back(trim(item.Scalar()));
          s.reason_locs.push_back(loc_of(item));
        }
      } else if (!r.IsNull()) {
        diags.error(loc_of(r), "wrong-type", "字段“reasons”应为列表", "例如 reasons: [经费保障, 其他]");
      }
    }
    if (m.has("possibility")) {
      const std::string p = trim(m.text("possibility", kMaxNameChars).value_or(""));
      if (!p.empty()) s.possibility = p;
      s.possibility_loc = m.loc("possibility");
    }
    s.note = trim(m.text("note").value_or(""));
    s.note_loc = m.loc("note");
    out.emplace(month, s);
  });
  return out;
}

std::string write_funds_monitor(const FundsMonitor& m, const std::string& indent) {
  if (m.empty()) return {};
  std::string out = indent + "monitor:\n";
  for (const auto& [month, s] : m) {
    out += indent + "  " + std::to_string(month) + ": {";
    std::string sep;
    if (s.executed) {
      out += "executed: " + s.executed->to_plain();
      sep = ", ";
    }
    if (s.forecast) out += sep + "forecast: " + s.forecast->to_plain();
    out += "}\n";
  }
  return out;
}

std::string write_indicator_monitor(const IndicatorMonitor& m, const std::string& indent) {
  if (m.empty()) return {};
  std::string out = indent + "monitor:\n";
  for (const auto& [month, s] : m) {
    const std::string in = indent + "    ";
    out += indent + "  " + std::to_string(month) + ":\n";
    const std::size_t before = out.size();
    if (s.value) out += in + "value: " + yaml_quote(*s.value) + "\n";
    if (s.forecast) out += in + "forecast: " + yaml_quote(*s.forecast) + "\n";
    if (!s.reasons.empty()) {
      out += in + "reasons: [";
      for (std::size_t i = 0; i < s.reasons.size(); ++i) out += (i ? ", " : "") + yaml_quote(s.reasons[i]);
      out += "]\n";
    }
    if (s.possibility) out += in + "possibility: " + yaml_quote(*s.possibility) + "\n";
    if (!s.note.empty()) out += in + "note: " + yaml_quote(s.note) + "\n";
    if (out.size() == before) out.insert(before - 1, " {}");  // an empty snapshot stays a map
  }
  return out;
}

}  // namespace jx::load
