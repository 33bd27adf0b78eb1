#include "engine/form_layout.h"

namespace jx {

FundRow form_fund_row(const FormLayout::FundRowSpec& spec, const Funds& funds, const FundRow& total) {
  FundRow sum;
  sum.present = true;
  for (const std::string& source : spec.sources) {
    const FundRow* row = source == "total"           ? &total
                         : source == "appropriation" ? &funds.appropriation
                         : source == "carryover"     ? &funds.carryover
                         : source == "special"       ? &funds.special
                         : source == "unit_funds"    ? &funds.unit_funds
                         : source == "other"         ? &funds.other
                                                     : nullptr;
    if (row == nullptr || !row->present) continue;
    sum.initial += row->initial;
    sum.budget += row->budget;
    sum.executed += row->executed;
  }
  return sum;
}

}  // namespace jx
