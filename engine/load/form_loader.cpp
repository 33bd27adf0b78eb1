#include "engine/load/form_loader.h"

#include <algorithm>

namespace jx::load {
namespace {

using Labels = FormLayout::Labels;

struct LabelKey {
  const char* key;
  std::string Labels::*field;
};

const LabelKey kLabelKeys[] = {
    {"project", &Labels::project},
    {"department", &Labels::department},
    {"unit", &Labels::unit},
    {"basics", &Labels::basics},
    {"goals", &Labels::goals},
    {"goal_expected", &Labels::goal_expected},
    {"goal_achieved", &Labels::goal_achieved},
    {"content", &Labels::content},
    {"budget", &Labels::budget},
    {"budget_rows", &Labels::budget_rows},
    {"indicators", &Labels::indicators},
    {"total", &Labels::total},
    {"grade", &Labels::grade},
    {"declared", &Labels::declared},
    {"conclusion", &Labels::conclusion},
    {"problems", &Labels::problems},
    {"improvements", &Labels::improvements},
    {"project_lead", &Labels::project_lead},
    {"finance_lead", &Labels::finance_lead},
    {"qualitative", &Labels::qualitative},
    {"not_shown", &Labels::not_shown},
    {"not_applicable", &Labels::not_applicable},
};

constexpr std::size_t kBudgetColumns = 7;
constexpr std::size_t kIndicatorColumns = 10;
constexpr std::size_t kColumns = 11;

std::vector<std::string> texts(MapReader& m, const std::string& key, std::size_t count, Diagnostics& diags) {
  std::vector<std::string> out;
  const Node n = m.get(key);
  if (!n.IsSequence()) {
    diags.error(m.loc(key), "wrong-type", "form 的“" + key + "”应为 " + std::to_string(count) + " 项的列表");
    return out;
  }
  for (const auto& s : n) {
    if (s.IsScalar() && !s.Scalar().empty()) {
      out.push_back(s.Scalar());
    } else {
      diags.error(loc_of(s), "wrong-type", "form 的“" + key + "”的每一项应为文字");
    }
  }
  if (out.size() != count) {
    diags.error(
        m.loc(key), "form-columns",
        "form 的“" + key + "”应有 " + std::to_string(count) + " 项，而不是 " + std::to_string(out.size()) + " 项");
  }
  return out;
}

std::size_t errors(const Diagnostics& diags) {
  return static_cast<std::size_t>(std::count_if(diags.items().begin(), diags.items().end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

}  // namespace

std::optional<FormLayout> read_form_layout(MapReader& top, Diagnostics& diags) {
  if (!top.has("form")) return std::nullopt;
  const std::size_t errors_before = errors(diags);
  MapReader m(top.get("form"), "form ",
              {{"id", ""},
               {"title", ""},
               {"widths", ""},
               {"labels", ""},
               {"budget_columns", ""},
               {"indicator_columns", ""},
               {"fund_rows", ""}},
              diags);
  if (!m.ok()) return std::nullopt;
  for (const char* key : {"id", "title", "widths", "labels", "budget_columns", "indicator_columns", "fund_rows"}) {
    m.require(key, "");
  }
  FormLayout f;
  f.id = m.text("id").value_or("");
  f.title = m.text("title").value_or("");
  if (m.has("widths")) {
    const Node w = m.get("widths");
    if (w.IsSequence()) {
      for (const auto& x : w) {
        const auto d = x.IsScalar() ? parse_number_text(x.Scalar()) : std::nullopt;
        if (!d || *d <= Decimal(0) || *d > Decimal(100)) {
          diags.error(loc_of(x), "bad-width", "列宽应为 0～100 之间的数");
        } else {
          f.widths.push_back(d->to_double());
        }
      }
    }
    if (f.widths.size() != kColumns) {
      diags.error(m.loc("widths"), "form-columns", "form 的“widths”应有 " + std::to_string(kColumns) + " 项");
    }
  }
  if (m.has("labels")) {
    std::vector<KeySpec> keys;
    for (const auto& k : kLabelKeys) keys.push_back({k.key, ""});
    MapReader l(m.get("labels"), "form labels ", keys, diags);
    if (l.ok()) {
      for (const auto& k : kLabelKeys) {
        l.require(k.key, "");
        f.labels.*k.field = l.text(k.key, kMaxNameChars).value_or("");
      }
    }
  }
  if (m.has("budget_columns")) f.budget_columns = texts(m, "budget_columns", kBudgetColumns, diags);
  if (m.has("indicator_columns")) f.indicator_columns = texts(m, "indicator_columns", kIndicatorColumns, diags);
  if (m.has("fund_rows")) {
    const Node rows = m.get("fund_rows");
    if (!rows.IsSequence() || rows.size() == 0) {
      diags.error(m.loc("fund_rows"), "wrong-type", "form 的“fund_rows”应为非空列表");
    } else {
      for (const auto& n : rows) {
        MapReader r(n, "资金行", {{"label", ""}, {"sources", ""}}, diags);
        if (!r.ok()) continue;
        r.require("label", "label: 总额");
        r.require("sources", "sources: [total]");
        FormLayout::FundRowSpec spec;
        spec.label = r.text("label", kMaxNameChars).value_or("");
        const Node s = r.get("sources");
        if (s.IsSequence()) {
          for (const auto& x : s) {
            const std::string name = x.IsScalar() ? x.Scalar() : "";
            if (std::find(kFundSources.begin(), kFundSources.end(), name) == kFundSources.end()) {
              diags.error(loc_of(x), "bad-fund-source", "未知的资金来源“" + name + "”",
                          "可用：total、appropriation、carryover、special、unit_funds、other");
            } else {
              spec.sources.push_back(name);
            }
          }
        } else if (s.IsDefined()) {
          diags.error(r.loc("sources"), "wrong-type", "sources 应为列表，如 [appropriation, carryover]");
        }
        f.fund_rows.push_back(std::move(spec));
      }
      if (f.fund_rows.front().sources != std::vector<std::string>{"total"}) {
        diags.error(loc_of(rows), "form-total-row", "fund_rows 的第一行应为计分的总额行（sources: [total]）");
      }
    }
  }
  if (errors(diags) != errors_before) return std::nullopt;
  return f;
}

}  // namespace jx::load
