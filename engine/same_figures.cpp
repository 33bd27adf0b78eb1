#include "engine/same_figures.h"

#include <array>
#include <utility>

namespace jx {
namespace {

// The funds rows by name, with the label the 自评表 prints.
struct RowName {
  const char* key;
  const char* label;
};
constexpr std::array<RowName, 6> kRows{{{"total", "年度资金总额"},
                                        {"appropriation", "当年财政拨款"},
                                        {"carryover", "上年结转资金"},
                                        {"other", "其他资金"},
                                        {"basic", "基本支出"},
                                        {"project", "项目支出"}}};
struct ColumnName {
  const char* key;
  const char* label;
};
constexpr std::array<ColumnName, 3> kColumns{
    {{"initial", "年初预算数"}, {"budget", "全年预算数"}, {"executed", "全年执行数"}}};

const FundRow* row_of(const Funds& f, std::string_view key) {
  if (key == "total") return &f.total;
  if (key == "appropriation") return &f.appropriation;
  if (key == "carryover") return &f.carryover;
  if (key == "other") return &f.other;
  if (key == "basic") return &f.basic;
  if (key == "project") return &f.project;
  return nullptr;
}

Decimal column_of(const FundRow& r, std::string_view key) {
  return key == "initial" ? r.initial : key == "budget" ? r.budget : r.executed;
}

std::pair<std::string_view, std::string_view> split(const std::string& path) {
  const auto dot = path.find('.');
  if (dot == std::string::npos) return {};
  return {std::string_view(path).substr(0, dot), std::string_view(path).substr(dot + 1)};
}

std::string label_of(const std::string& path) {
  const auto [row, column] = split(path);
  std::string out;
  for (const auto& r : kRows) {
    if (row == r.key) out = r.label;
  }
  for (const auto& c : kColumns) {
    if (column == c.key) out += std::string(" ") + c.label;
  }
  return out;
}

}  // namespace

bool is_funds_path(const std::string& path) {
  const auto [row, column] = split(path);
  bool row_ok = false;
  bool column_ok = false;
  for (const auto& r : kRows) row_ok = row_ok || row == r.key;
  for (const auto& c : kColumns) column_ok = column_ok || column == c.key;
  return row_ok && column_ok;
}

std::optional<Decimal> funds_cell(const Funds& funds, const std::string& path, Loc* loc) {
  if (!is_funds_path(path)) return std::nullopt;
  const auto [row, column] = split(path);
  const FundRow* r = row_of(funds, row);
  if (r->invalid) return std::nullopt;  // already an error
  if (r->present) {
    if (loc != nullptr) *loc = r->loc;
    return column_of(*r, column);
  }
  if (row != "total") return std::nullopt;
  // No total row: the 自评表's total is the sum of the sources.
  Decimal sum;
  bool any = false;
  for (const FundRow* part : {&funds.appropriation, &funds.carryover, &funds.other}) {
    if (part->invalid) return std::nullopt;
    if (!part->present) continue;
    sum += column_of(*part, column);
    any = true;
    if (loc != nullptr && loc->line == 0) *loc = part->loc;
  }
  return any ? std::optional<Decimal>(sum) : std::nullopt;
}

void check_same_figures(const Department& d, FactTable& table, Diagnostics& diags) {
  static const Decimal kTolerance = Decimal::from_raw(10'000);  // 0.01 万元
  for (const SameFigure& s : d.same_figures) {
    const Fact* fact = table.find(s.fact);
    if (fact == nullptr) continue;  // given once only: nothing to compare
    Loc funds_loc;
    const auto cell = funds_cell(d.funds, s.funds, &funds_loc);
    auto value = table.value(s.fact);
    if (!cell || !value) continue;
    if (fact->unit == "元") {
      value = mul_div(*value, Decimal(1), Decimal(10'000));
    } else if (fact->unit != "万元") {
      diags.warning(fact->loc, "same-figure-unit",
                    "事实“" + s.fact + "”的单位是“" + fact->unit + "”，不是金额，无法与 funds 的 " + s.funds + " 核对",
                    "same_figures 只用于以万元（或元）计的金额");
      continue;
    }
    const Decimal diff = *value - *cell;
    if ((diff.is_negative() ? Decimal(0) - diff : diff) <= kTolerance) continue;
    const std::string funds_line = funds_loc.line > 0 ? "，第 " + std::to_string(funds_loc.line) + " 行" : "";
    diags.warning(fact->loc, "same-figure-differs",
                  "同一个数写了两处而不一致：facts 的“" + s.fact + "”（第 " + std::to_string(fact->loc.line) +
                      " 行）为 " + value->to_string(2) + " 万元，funds 的 " + s.funds + "（" + label_of(s.funds) +
                      funds_line + "）为 " + cell->to_string(2) + " 万元，相差 " + (diff.is_negative() ? "" : "+") +
                      diff.to_string(2) + " 万元",
                  "核对决算报表，改正其中一处（对应关系见文件中的 same_figures）");
  }
}

}  // namespace jx
