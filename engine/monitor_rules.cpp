#include "engine/monitor_rules.h"

#include <algorithm>

namespace jx {

const char* light_id(Light light) {
  switch (light) {
    case Light::Green: return "green";
    case Light::Yellow: return "yellow";
    case Light::Red: return "red";
    case Light::Blue: return "blue";
  }
  return "red";
}

std::string light_label(const MonitorRules& rules, Light light) {
  for (const auto& [l, label] : rules.labels) {
    if (l == light) return label;
  }
  return light_id(light);
}

Light worse(const MonitorRules& rules, Light a, Light b) {
  const auto rank = [&rules](Light l) {
    return std::find(rules.worst_first.begin(), rules.worst_first.end(), l) - rules.worst_first.begin();
  };
  return rank(b) < rank(a) ? b : a;
}

}  // namespace jx
