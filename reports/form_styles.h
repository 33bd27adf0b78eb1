// The cell styles the official self-evaluation forms share (the MOF 附件1
// table in project_table.cpp and the Sichuan 510000_0013zp form in
// sichuan_table.cpp): bordered, wrapped, 宋体-sized text; money and scores to
// 2 decimals, rates as percentages, weights as written. Each form keeps only
// its own extra styles (title size, cells outside the frame).
#pragma once

#include "reports/workbook.h"

namespace jx::reports::form_style {

inline const xlsx::Style kHead{.bold = true, .num_format = ""};
inline const xlsx::Style kText{.align = xlsx::Align::Center, .num_format = ""};
inline const xlsx::Style kLeft{.align = xlsx::Align::Left, .num_format = ""};
inline const xlsx::Style kMoney{.num_format = "0.00"};
inline const xlsx::Style kWeight{.num_format = "General"};
inline const xlsx::Style kScore{.num_format = "0.00"};
inline const xlsx::Style kRate{.num_format = "0.00%"};
inline const xlsx::Style kTotal{.bold = true, .num_format = "0.00"};

}  // namespace jx::reports::form_style
