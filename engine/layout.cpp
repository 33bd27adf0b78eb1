#include "engine/layout.h"

namespace jx {

const std::vector<std::pair<std::string_view, Labels Layout::*>>& layout_lists() {
  static const std::vector<std::pair<std::string_view, Labels Layout::*>> list{
      {"title", &Layout::title},
      {"indicator_l3", &Layout::indicator_l3},
      {"not_project", &Layout::not_project},
      {"project", &Layout::project},
      {"department", &Layout::department},
      {"unit", &Layout::unit},
      {"goal_expected", &Layout::goal_expected},
      {"goal_achieved", &Layout::goal_achieved},
      {"content", &Layout::content},
      {"funds_budget", &Layout::funds_budget},
      {"funds_initial", &Layout::funds_initial},
      {"funds_executed", &Layout::funds_executed},
      {"funds_weight", &Layout::funds_weight},
      {"funds_score", &Layout::funds_score},
      {"funds_reason", &Layout::funds_reason},
      {"funds_yuan", &Layout::funds_yuan},
      {"funds_wan", &Layout::funds_wan},
      {"funds_total", &Layout::funds_total},
      {"funds_appropriation", &Layout::funds_appropriation},
      {"funds_carryover", &Layout::funds_carryover},
      {"funds_special", &Layout::funds_special},
      {"funds_unit", &Layout::funds_unit},
      {"funds_other", &Layout::funds_other},
      {"funds_end", &Layout::funds_end},
      {"col_l1", &Layout::col_l1},
      {"col_l2", &Layout::col_l2},
      {"col_op", &Layout::col_op},
      {"col_target", &Layout::col_target},
      {"col_unit", &Layout::col_unit},
      {"col_actual", &Layout::col_actual},
      {"col_weight", &Layout::col_weight},
      {"col_score", &Layout::col_score},
      {"col_note", &Layout::col_note},
      {"op_not_comparator", &Layout::op_not_comparator},
      {"unit_percent", &Layout::unit_percent},
      {"row_total", &Layout::row_total},
      {"row_subtotal", &Layout::row_subtotal},
      {"row_part", &Layout::row_part},
      {"grade_label", &Layout::grade_label},
      {"not_applicable", &Layout::not_applicable},
      {"grade_negation", &Layout::grade_negation},
      {"conclusion", &Layout::conclusion},
      {"problems", &Layout::problems},
      {"measures", &Layout::measures},
      {"leader", &Layout::leader},
      {"finance_leader", &Layout::finance_leader},
      {"blank", &Layout::blank},
      {"placeholder", &Layout::placeholder},
  };
  return list;
}

}  // namespace jx
