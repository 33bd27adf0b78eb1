#include "engine/target_split.h"

#include "engine/decimal.h"
#include "engine/text.h"
#include "engine/value.h"

namespace jx {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The unit as written and its scale: "万人次" (10000) when the parser's base
// unit "人次" stands after 万 in the text (also before 以上 / 以下), else the
// base unit (scale 1: "％" and "百分比" print as "%").
std::pair<std::string, Decimal> written_unit(std::string_view text, const std::string& unit) {
  const std::size_t at = unit.empty() ? text.size() : text.rfind(unit);
  if (at != std::string_view::npos) {
    const std::string_view before = text.substr(0, at);
    for (const auto& [prefix, scale] : {std::pair<const char*, std::int64_t>{"亿", 100'000'000}, {"万", 10'000}}) {
      if (ends_with(before, prefix)) return {prefix + unit, Decimal(scale)};
    }
  }
  return {unit, Decimal(1)};
}

bool same_reading(const Value& a, const Value& b) {
  return a.kind == b.kind && a.amount == b.amount && a.high == b.high && a.unit == b.unit;
}

}  // namespace

TargetCells split_target(std::string_view target, const std::optional<std::string>& direction, bool ceiling,
                         std::string_view qualitative, std::string_view blank) {
  const std::string text = trim(target);
  if (text.empty()) return {};
  const Value v = parse_value(text);
  TargetCells out;
  std::string op_for_join;  // what `import` puts before 指标值
  switch (v.kind) {
    case Value::Kind::Number: {
      if (direction) {
        out.op = *direction == "reverse" ? "≤" : "≥";
      } else if (v.op == Op::Ge || v.op == Op::Gt) {
        out.op = "≥";
      } else if (v.op == Op::Le || v.op == Op::Lt) {
        out.op = "≤";
      } else if (v.op == Op::Eq) {
        out.op = "=";
      } else {
        out.op = ceiling ? "≤" : "≥";
      }
      op_for_join = out.op;
      const auto [unit, scale] = written_unit(text, v.unit);
      out.value = div(v.amount, scale).to_plain();
      out.unit = unit;
      break;
    }
    case Value::Kind::Range: {
      out.op = std::string(blank);
      const auto [unit, scale] = written_unit(text, v.unit);
      out.value = div(v.amount, scale).to_plain() + "-" + div(v.high, scale).to_plain();
      out.unit = unit;
      break;
    }
    case Value::Kind::Deadline: return {"≤", text, ""};
    default: return {std::string(qualitative), text, ""};
  }
  if (!same_reading(parse_value(op_for_join + out.value + out.unit), v)) return {std::string(blank), text, ""};
  return out;
}

}  // namespace jx
