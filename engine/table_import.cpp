#include "engine/table_import.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <utility>

#include "engine/text.h"
#include "engine/value.h"

namespace jx {
namespace {

// Is `s` made only of ASCII and of 3-byte characters whose lead byte is E1,
// E4–EC or EE (U+1000–U+1FFF, U+4000–U+CFFF, U+E000–U+EFFF: CJK text and
// most else in a table)? Such text is valid UTF-8 (these leads have no
// overlong or surrogate forms), fold_width changes none of its characters
// and the only spaces in it are ASCII ones, so norm() and trim() reduce to
// dropping or stripping ASCII bytes. Anything else (full-width forms, U+3000,
// U+00A0, dashes, ≥, invalid bytes …) takes the full UTF-32 way. Speed only:
// that round trip cost a third of reading a workbook (bench/RESULTS.md).
bool plain_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) continue;
    const bool lead = b == 0xE1 || (b >= 0xE4 && b <= 0xEC) || b == 0xEE;
    if (!lead || i + 2 >= s.size() || (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80 ||
        (static_cast<unsigned char>(s[i + 2]) & 0xC0) != 0x80) {
      return false;
    }
    i += 2;
  }
  return true;
}

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// jx::trim (engine/text.h) with the plain_text() shortcut.
std::string trimmed(std::string_view s) {
  if (!plain_text(s)) return trim(s);
  std::size_t b = 0, e = s.size();
  while (b < e && ascii_space(s[b])) ++b;
  while (e > b && ascii_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Label text for matching: full-width forms folded, every space removed.
std::string norm(std::string_view s) {
  if (plain_text(s)) {
    std::string plain;
    plain.reserve(s.size());
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (!ascii_space(s[i])) continue;
      plain.append(s.data() + run, i - run);
      run = i + 1;
    }
    plain.append(s.data() + run, s.size() - run);
    return plain;
  }
  std::u32string out;
  for (char32_t c : fold_width(utf8_decode(s))) {
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0) continue;
    out.push_back(c);
  }
  return utf8_encode(out);
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

// The label matching modes of engine/layout.h, on norm()ed text against a
// layout whose labels went through norm() too (normalised(), once per run).

// "label": exactly one of `names`, possibly followed by "(…)" or ":" ("年度指标值(A)", "实施单位(盖章)").
// A leading enumeration ("1.", "2、") is not part of the label ("2.项目实施内容及过程概述").
// `n` is already norm()ed.
bool is_normed_label(std::string_view n, const Labels& names) {
  std::size_t digits = 0;
  while (digits < n.size() && n[digits] >= '0' && n[digits] <= '9') ++digits;
  if (digits > 0 && digits < n.size() && n[digits] == '.') {
    n.remove_prefix(digits + 1);
  } else if (digits > 0 && n.compare(digits, 3, "、") == 0) {
    n.remove_prefix(std::min(n.size(), digits + 3));
  }
  for (const auto& name : names) {
    if (n == name ||
        (starts_with(n, name) && n.size() > name.size() && (n[name.size()] == '(' || n[name.size()] == ':')))
      return true;
  }
  return false;
}
bool is_label(std::string_view text, const Labels& names) {
  return is_normed_label(norm(text), names);
}
bool has_prefix(std::string_view normed, const Labels& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& x) { return starts_with(normed, x); });
}
bool has_part(std::string_view normed, const Labels& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& x) { return contains(normed, x); });
}
bool is_one_of(std::string_view normed, const Labels& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& x) { return normed == x; });
}

bool is_blank_mark(std::string_view text, const Layout& layout) {
  const std::string n = norm(text);
  return n.empty() || is_one_of(n, layout.blank);
}

bool is_placeholder(std::string_view text, const Layout& layout) {
  const std::string n = norm(text);
  return is_one_of(n, layout.placeholder) || is_blank_mark(n, layout);
}

Loc at(int row, int col) {
  return Loc{row + 1, col + 1};
}

// Cell lookup over a sparse grid. Every loop walks the cells that exist,
// never the rectangle they span (a lone cell at XFD1048576 must not cost
// 17 billion steps); merges are found by a per-column index built on first use.
class View {
 public:
  explicit View(const Grid& g) : g_(g) {
    normed_.reserve(g.cells.size());
    for (const auto& c : g.cells) {
      normed_.push_back(norm(c.text));
      cells_[{c.row, c.col}] = &c;
      rows_[c.row].push_back(&c);
    }
  }
  /// Rows holding at least one cell, in order, from `first` on (before `last` when ≥ 0).
  [[nodiscard]] std::vector<int> rows(int first, int last = -1) const {
    std::vector<int> out;
    for (auto it = rows_.lower_bound(first); it != rows_.end() && (last < 0 || it->first < last); ++it) {
      out.push_back(it->first);
    }
    return out;
  }
  /// The cells written in row r, left to right.
  [[nodiscard]] const std::vector<const GridCell*>& row(int r) const {
    static const std::vector<const GridCell*> kNone;
    auto it = rows_.find(r);
    return it == rows_.end() ? kNone : it->second;
  }
  [[nodiscard]] const GridMerge* merge_of(int r, int c) const {
    auto it = by_col_.find(c);
    if (it == by_col_.end()) {
      std::vector<const GridMerge*> list;
      for (const auto& m : g_.merges) {
        if (c >= m.c1 && c <= m.c2) list.push_back(&m);
      }
      std::stable_sort(list.begin(), list.end(), [](const GridMerge* a, const GridMerge* b) { return a->r1 < b->r1; });
      it = by_col_.emplace(c, std::move(list)).first;
    }
    const auto& list = it->second;
    // The last merge starting at or above r; overlapping merges (a broken file) may hide one another.
    auto pos = std::upper_bound(list.begin(), list.end(), r, [](int row, const GridMerge* m) { return row < m->r1; });
    if (pos == list.begin()) return nullptr;
    const GridMerge* m = *(pos - 1);
    return r <= m->r2 ? m : nullptr;
  }
  /// The cell written at (r, c) itself.
  [[nodiscard]] const GridCell* raw(int r, int c) const {
    auto it = cells_.find({r, c});
    return it == cells_.end() ? nullptr : it->second;
  }
  /// What (r, c) shows: its own cell, or the first cell of the merge covering it.
  [[nodiscard]] const GridCell* get(int r, int c) const {
    if (c < 0) return nullptr;
    if (const GridMerge* m = merge_of(r, c)) return raw(m->r1, m->c1);
    return raw(r, c);
  }
  [[nodiscard]] std::string text(int r, int c) const {
    const GridCell* x = get(r, c);
    return x ? trimmed(x->text) : std::string();
  }
  /// (row, col) of the first cell whose label is one of `names`, searching rows [r1, r2).
  [[nodiscard]] std::optional<std::pair<int, int>> find(const Labels& names, int r1 = 0, int r2 = -1) const {
    for (const auto& c : g_.cells) {
      if (c.row < r1 || (r2 >= 0 && c.row >= r2)) continue;
      if (is_normed_label(normed(c), names)) return std::make_pair(c.row, c.col);
    }
    return std::nullopt;
  }
  /// norm(c.text) of a cell of this grid, computed once (find() runs over every cell for each label).
  [[nodiscard]] const std::string& normed(const GridCell& c) const {
    return normed_[static_cast<std::size_t>(&c - g_.cells.data())];
  }
  /// The first non-empty text right of (r, c), outside the label's own merge.
  [[nodiscard]] std::pair<std::string, int> right_of(int r, int c) const {
    const GridMerge* own = merge_of(r, c);
    const int start = own ? own->c2 + 1 : c + 1;
    for (const GridCell* x : row(r)) {
      if (x->col >= start && !trimmed(x->text).empty()) return {trimmed(x->text), x->col};
    }
    return {"", -1};
  }

 private:
  const Grid& g_;
  std::vector<std::string> normed_;  ///< norm() of each cell's text, parallel to g_.cells
  std::map<std::pair<int, int>, const GridCell*> cells_;
  std::map<int, std::vector<const GridCell*>> rows_;
  mutable std::map<int, std::vector<const GridMerge*>> by_col_;
};

// A number of points ("10", 10, "10%", "10分", 0.1 shown as 10%); nullopt when
// blank, a dash, or not a number (`bad` is set then unless blank).
std::optional<Decimal> points(const GridCell* c, bool& bad, const Layout& layout) {
  bad = false;
  if (c == nullptr) return std::nullopt;
  if (c->number) return c->percent ? *c->number * Decimal(100) : *c->number;
  if (is_blank_mark(c->text, layout)) return std::nullopt;
  std::string t = norm(c->text);
  if (t.size() >= 3 && t.substr(t.size() - 3) == "分") t.resize(t.size() - 3);
  if (!t.empty() && t.back() == '%') t.pop_back();
  if (auto d = Decimal::parse(t)) return d;
  const Value v = parse_value(t);
  if (v.kind == Value::Kind::Number && v.op == Op::None && v.unit.empty()) return v.amount;
  bad = true;
  return std::nullopt;
}

// A target written into the indicator's name with the target cell left
// blank ("年度资金支付完成率100%", "培训人次≥400人次"): the shortest number,
// range or comparator suffix the value parser reads as a quantity; "" when none.
std::string target_in_name(const std::string& name) {
  const std::u32string u = utf8_decode(name);
  auto digit = [](char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); };
  auto comparator = [](char32_t c) {
    return c == U'≥' || c == U'≤' || c == U'≧' || c == U'≦' || c == U'>' || c == U'<' || c == U'=' || c == U'＞' ||
           c == U'＜' || c == U'＝';
  };
  for (std::size_t i = 1; i < u.size(); ++i) {
    const bool start =
        comparator(u[i]) || (digit(u[i]) && !digit(u[i - 1]) && u[i - 1] != U'.' && !comparator(u[i - 1]));
    if (!start) continue;
    const std::string suffix = utf8_encode(u.substr(i));
    const Value v = parse_value(suffix);
    if (v.kind == Value::Kind::Number || v.kind == Value::Kind::Range) return suffix;
  }
  return "";
}

// A target that is a comparator followed by words, no number ("=较上年提高",
// "≥上年水平"): qualitative text, not a malformed number. "≥**人" (a
// template's placeholder) stays malformed.
bool is_comparator_text(std::string_view text) {
  const std::u32string u = fold_width(utf8_decode(text));
  return !u.empty() && std::none_of(u.begin(), u.end(), [](char32_t c) {
    return (c >= U'0' && c <= U'9') || c == U'*' || c == U'×' || c == U'x' || c == U'X';
  });
}

// "(50分)" at the end of a 一级 / 二级 name is its weight, not part of the name.
std::string strip_points(const std::string& name) {
  const std::string n = trimmed(name);
  for (std::string_view open : {"（", "("}) {
    const auto pos = n.rfind(open);
    if (pos == std::string::npos || pos == 0) continue;
    const std::string inner = norm(n.substr(pos + open.size()));
    if (inner.size() < 5 || inner.substr(inner.size() - 4) != "分)") continue;
    if (Decimal::parse(inner.substr(0, inner.size() - 4))) return trimmed(n.substr(0, pos));
  }
  return n;
}

int find_year(const Grid& g, int last_row) {
  for (const auto& x : g.cells) {
    if (x.row > last_row) continue;
    const std::string t = norm(x.text);
    for (std::size_t i = 0; i + 7 <= t.size(); ++i) {
      if (!std::all_of(t.begin() + static_cast<long>(i), t.begin() + static_cast<long>(i) + 4,
                       [](char ch) { return ch >= '0' && ch <= '9'; })) {
        continue;
      }
      if ((i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9') || t.compare(i + 4, 3, "年") != 0) continue;
      const int y = std::stoi(t.substr(i, 4));
      if (y >= 1990 && y <= 2100) return y;
    }
  }
  return 0;
}

struct Columns {
  int l1 = -1, l2 = -1, l3 = -1, op = -1, target = -1, unit = -1, actual = -1, weight = -1, score = -1, note = -1;
};

// The layout with every label normalised as cell text is (norm). Batch
// asks for it several times per sheet with the same layout, so the last one
// is kept per thread (compared by content: cheap next to norm()); the
// shared_ptr keeps a caller's copy alive when another layout replaces it.
std::shared_ptr<const Layout> normalised(const Layout& layout) {
  thread_local Layout source;
  thread_local std::shared_ptr<const Layout> cached;
  const bool same = cached && std::all_of(layout_lists().begin(), layout_lists().end(), [&](const auto& entry) {
                      return layout.*entry.second == source.*entry.second;
                    });
  if (same) return cached;
  auto out = std::make_shared<Layout>(layout);
  for (const auto& [key, member] : layout_lists()) {
    for (std::string& label : (*out).*member) label = norm(label);
  }
  source = layout;
  cached = std::move(out);
  return cached;
}

class Importer {
 public:
  Importer(const Grid& g, const RuleSet& rules, const Layout& layout) : g_(g), v_(g), rules_(rules), L_(layout) {}

  /// False when the sheet holds no 自评表 (no 三级指标 header).
  bool run(ImportedTable& out) {
    out_ = &out;
    out.sheet = g_.sheet;
    const auto l3 = v_.find(L_.indicator_l3);
    if (!l3) return false;
    // The department table written by the engine has the same indicator block.
    for (const auto& c : g_.cells) {
      if (c.row < l3->first && has_part(v_.normed(c), L_.not_project)) return false;
    }
    Project& p = out.project;
    p.rules = rules_.id;
    p.indicators_given = true;
    p.indicators_loc = at(l3->first, l3->second);
    header(l3->first);
    funds(l3->first);
    goals(l3->first);
    split_code();
    indicators(l3->first);
    texts(l3->first);
    return true;
  }

 private:
  Diagnostics& diags() { return out_->diagnostics; }

  void header(int limit) {
    Project& p = out_->project;
    if (auto n = v_.find(L_.project, 0, limit)) {
      auto [text, col] = v_.right_of(n->first, n->second);
      p.name = text;
      p.name_loc = at(n->first, col >= 0 ? col : n->second);
    }
    if (p.name.empty()) {
      diags().warning(p.name_loc.line ? p.name_loc : Loc{}, "table-no-name", "表中没有填写项目名称",
                      "项目名称写在“项目名称”右侧的单元格中");
      p.name = g_.sheet;
    }
    if (auto n = v_.find(L_.department, 0, limit)) p.department = v_.right_of(n->first, n->second).first;
    if (auto n = v_.find(L_.unit, 0, limit)) p.unit = v_.right_of(n->first, n->second).first;
    p.year = find_year(g_, limit);
    if (p.year == 0) {
      diags().warning({}, "table-no-year", "表中找不到年度（如“2022年度”）",
                      "导入的年度记为 0；时效指标中未写年份的期限无法按年度判断，请在 YAML 中补写 year");
    }
  }

  std::optional<Decimal> amount(int r, int c, bool yuan) {
    if (c < 0) return Decimal();
    const GridCell* x = v_.raw(r, c);
    if (x == nullptr) return Decimal();
    if (x->number) return yuan ? div(*x->number, Decimal(10000)) : *x->number;
    if (is_blank_mark(x->text, L_)) return Decimal();
    if (auto d = Decimal::parse(trimmed(x->text))) return yuan ? div(*d, Decimal(10000)) : *d;
    const Value val = parse_value(x->text);
    if (val.kind == Value::Kind::Number && val.op == Op::None && (val.unit.empty() || val.unit == "元")) {
      if (val.unit == "元") return div(val.amount, Decimal(10000));  // "89.66万元" and "896600元" alike
      return yuan ? div(val.amount, Decimal(10000)) : val.amount;
    }
    diags().error(at(r, c), "table-bad-amount", "资金数“" + x->text + "”不是数字", "填写以万元为单位的金额，如 89.66");
    return std::nullopt;
  }

  void funds(int limit) {
    Funds& f = out_->project.funds;
    const auto budget = v_.find(L_.funds_budget, 0, limit);
    if (!budget) {
      diags().error({}, "table-no-funds", "找不到项目资金表头（全年预算数 / 全年执行数）",
                    "自评表应有“年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分”一行");
      return;
    }
    const int hr = budget->first;
    f.given = true;
    f.loc = at(hr, budget->second);
    auto col = [&](const Labels& names) {
      for (int r = std::max(0, hr - 1); r <= hr + 1; ++r) {
        for (const GridCell* x : v_.row(r)) {
          if (is_label(x->text, names)) return x->col;
        }
      }
      return -1;
    };
    const int c_init = col(L_.funds_initial);
    const int c_budget = budget->second;
    const int c_exec = col(L_.funds_executed);
    const int c_weight = col(L_.funds_weight);
    const int c_score = col(L_.funds_score);
    const int c_reason = col(L_.funds_reason);
    if (c_exec < 0) {
      diags().error(at(hr, c_budget), "table-no-funds", "项目资金表头中找不到“全年执行数”");
      return;
    }
    // 元 or 万元: what the block's labels say (万元 unless only 元 is written).
    bool yuan = false, wan = false;
    for (int r = std::max(0, hr - 3); r <= hr; ++r) {
      for (const GridCell* x : v_.row(r)) {
        const std::string t = norm(x->text);
        if (has_part(t, L_.funds_wan))
          wan = true;
        else if (has_part(t, L_.funds_yuan))
          yuan = true;
      }
    }
    yuan = yuan && !wan;
    const int first_amount = std::min({c_init < 0 ? c_budget : c_init, c_budget, c_exec});
    bool any_part = false;
    for (const int r : v_.rows(hr + 1, limit)) {
      std::string label;
      int label_col = -1;
      bool stop = false;
      for (const GridCell* x : v_.row(r)) {
        const int c = x->col;
        if (c >= first_amount || trimmed(x->text).empty()) continue;
        label = norm(x->text);
        label_col = c;
        if (has_part(label, L_.funds_end)) stop = true;
      }
      if (stop) break;
      if (label.empty()) continue;
      FundRow* row = nullptr;
      bool add = false;
      if (has_part(label, L_.funds_total)) {
        row = &f.total;
      } else if (has_part(label, L_.funds_appropriation)) {
        row = &f.appropriation;
      } else if (has_part(label, L_.funds_carryover)) {
        row = &f.carryover;
      } else if (has_part(label, L_.funds_special)) {
        row = &f.special;
      } else if (has_part(label, L_.funds_unit)) {
        row = &f.unit_funds;
      } else if (has_part(label, L_.funds_other)) {
        row = &f.other;
        add = f.other.present;
      } else {
        const GridCell* xb = v_.raw(r, c_budget);
        const GridCell* xe = v_.raw(r, c_exec);
        if (!(xb && xb->number) && !(xe && xe->number)) break;  // the end of the funds block
        diags().warning(at(r, label_col), "table-unknown-funds-row", "无法识别的资金行“" + v_.text(r, label_col) + "”",
                        "资金行应为 年度资金总额、当年财政拨款、上年结转资金、其他资金；该行未导入");
        continue;
      }
      const auto i = amount(r, c_init, yuan);
      const auto b = amount(r, c_budget, yuan);
      const auto e = amount(r, c_exec, yuan);
      if (!i || !b || !e) continue;
      // A source row of zeros says nothing (the engine's own table prints all three sources).
      if (row != &f.total && i->is_zero() && b->is_zero() && e->is_zero()) continue;
      if (add) {
        row->initial += *i;
        row->budget += *b;
        row->executed += *e;
      } else {
        row->present = true;
        row->loc = at(r, label_col);
        row->initial = *i;
        row->budget = *b;
        row->executed = *e;
      }
      if (row == &f.total) {
        if (c_reason >= 0 && !is_blank_mark(v_.text(r, c_reason), L_)) f.reason = v_.text(r, c_reason);
        bool bad = false;
        if (c_weight >= 0) out_->declared_budget_weight = points(v_.raw(r, c_weight), bad, L_);
        if (c_score >= 0) {
          f.declared_score = points(v_.raw(r, c_score), bad, L_);
          f.declared_loc = at(r, c_score);
          if (bad) {
            diags().warning(at(r, c_score), "table-bad-score",
                            "预算执行得分“" + v_.text(r, c_score) + "”不是数字，按未填写处理");
          }
        }
      } else {
        any_part = true;
      }
    }
    if (f.total.present && any_part && f.total.budget.is_zero() && f.total.executed.is_zero() &&
        (f.appropriation.budget > Decimal(0) || f.other.budget > Decimal(0) || f.carryover.budget > Decimal(0) ||
         f.special.budget > Decimal(0) || f.unit_funds.budget > Decimal(0))) {
      diags().warning(f.total.loc, "table-total-zero", "年度资金总额一行为 0，金额填在各来源行上",
                      "按各来源之和计算年度资金总额");
      f.total.present = false;
    }
    if (!f.total.present && !any_part) {
      diags().error(f.loc, "table-no-funds", "项目资金表头下没有资金行（年度资金总额、当年财政拨款……）");
    }
  }

  // The text of a field label in rows [first, limit): the first text to its
  // right (a row form: 项目年度目标 | text), else the cell below it (a column
  // form: 预期目标 over its text, 实际完成情况 to its right); never another
  // field's label. `below` false: a row-form field only (项目实施内容及过程概述,
  // whose empty cell would otherwise read the funds header under it).
  std::string field(const Labels& names, int first, int limit, bool below_ok = true) {
    auto pos = v_.find(names, first, limit);
    if (!pos) return "";
    auto other_label = [&](const std::string& t) {
      return is_label(t, L_.goal_expected) || is_label(t, L_.goal_achieved) || is_label(t, L_.content);
    };
    if (const std::string right = v_.right_of(pos->first, pos->second).first; !right.empty() && !other_label(right)) {
      return right;
    }
    if (!below_ok) return "";
    const GridMerge* m = v_.merge_of(pos->first, pos->second);
    const int below = m ? m->r2 + 1 : pos->first + 1;
    if (limit >= 0 && below >= limit) return "";
    const std::string t = v_.text(below, pos->second);
    return other_label(t) ? "" : t;
  }

  void goals(int limit) {
    Project& p = out_->project;
    p.goal_expected = field(L_.goal_expected, 0, limit);
    p.goal_achieved = field(L_.goal_achieved, 0, limit);
    p.content = field(L_.content, 0, limit, false);
  }

  // 项目名称 written 编码-名称 (the Sichuan form): a code is 15 or more letters
  // and digits with at least one digit, before the first '-'.
  void split_code() {
    Project& p = out_->project;
    const auto dash = p.name.find('-');
    if (dash == std::string::npos || dash < 15 || dash + 1 >= p.name.size()) return;
    const std::string code = p.name.substr(0, dash);
    const bool alnum =
        std::all_of(code.begin(), code.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    if (alnum && std::any_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      p.code = code;
      p.name = trimmed(p.name.substr(dash + 1));
    }
  }

  // The Sichuan form's text fields and signatures below the indicator block
  // (right of their label). An empty signature cell is not filled with the
  // next label or a blank mark.
  void texts(int hr) {
    Project& p = out_->project;
    const std::pair<std::string*, const Labels*> fields[] = {{&p.conclusion, &L_.conclusion},
                                                             {&p.problems, &L_.problems},
                                                             {&p.improvements, &L_.measures},
                                                             {&p.project_lead, &L_.leader},
                                                             {&p.finance_lead, &L_.finance_leader}};
    for (const auto& [target, labels] : fields) {
      const auto pos = v_.find(*labels, hr + 1);
      if (!pos) continue;
      std::string t = v_.right_of(pos->first, pos->second).first;
      if (t.empty() || is_blank_mark(t, L_)) continue;
      bool other = false;
      for (const auto& [_, l] : fields) other = other || is_label(t, *l);
      if (!other) *target = std::move(t);
    }
  }

  Columns columns(int hr, int& data_start) {
    Columns k;
    data_start = hr + 1;
    bool second_row = false;
    auto scan = [&](int r, bool sub) {
      for (const GridCell* x : v_.row(r)) {
        const int c = x->col;
        const std::string& t = x->text;
        int* slot = nullptr;
        if (is_label(t, L_.col_l1))
          slot = &k.l1;
        else if (is_label(t, L_.col_l2))
          slot = &k.l2;
        else if (is_label(t, L_.indicator_l3))
          slot = &k.l3;
        else if (is_label(t, L_.col_op))
          slot = &k.op;
        else if (is_label(t, L_.col_target))
          slot = &k.target;
        else if (is_label(t, L_.col_unit))
          slot = &k.unit;
        else if (is_label(t, L_.col_actual))
          slot = &k.actual;
        else if (is_label(t, L_.col_weight))
          slot = &k.weight;
        else if (is_label(t, L_.col_score))
          slot = &k.score;
        else if (has_prefix(norm(t), L_.col_note))
          slot = &k.note;
        if (slot == nullptr) continue;
        // A sub-header below a merged header replaces it ("年度指标值" over 指标性质 | 指标值 | 度量单位).
        if (*slot < 0 || sub) *slot = c;
        if (sub) second_row = true;
      }
    };
    scan(hr, false);
    scan(hr + 1, true);
    if (second_row) data_start = hr + 2;
    return k;
  }

  std::string target_text(int r, const Columns& k) {
    std::string value = k.target >= 0 ? v_.text(r, k.target) : "";
    if (k.op < 0 && k.unit < 0) return value;
    if (is_blank_mark(value, L_)) return "";
    std::string op = k.op >= 0 ? norm(v_.text(r, k.op)) : "";
    if (is_one_of(op, L_.op_not_comparator) || is_blank_mark(op, L_)) op.clear();
    std::string unit = k.unit >= 0 ? v_.text(r, k.unit) : "";
    if (is_blank_mark(unit, L_)) unit.clear();
    if (is_one_of(norm(unit), L_.unit_percent)) unit = "%";
    if (!unit.empty() && value.size() >= unit.size() && value.substr(value.size() - unit.size()) == unit) unit.clear();
    // "≤ | 2021年11月" is a deadline: "2021年11月前".
    const Value date = parse_value(value);
    if (unit.empty() && (date.kind == Value::Kind::Date || date.kind == Value::Kind::Deadline)) {
      return date.kind == Value::Kind::Date && (op == "≤" || op == "<" || op == "=") ? value + "前" : value;
    }
    return op + value + unit;
  }

  // Is the level cell at (r, c) empty so that it inherits from above?
  std::string level_text(int r, int c) { return c < 0 ? "" : strip_points(v_.text(r, c)); }

  // Qualitative rows: the grade the table shows (the actual is a grade word,
  // or contains one: "基本达成预期指标" → 达成), else the band of the declared
  // score, else the top band. A grade the table does not show is recorded
  // in `unverified` (the review lists it as 无法核实).
  void qualitative(Indicator& leaf) {
    const std::string target_text = leaf.target.value_or("");
    const Value t = parse_value(target_text);
    const bool quantitative = t.kind == Value::Kind::Number || t.kind == Value::Kind::Range ||
                              t.kind == Value::Kind::Deadline || t.kind == Value::Kind::Date ||
                              t.kind == Value::Kind::Empty;
    if (quantitative || (is_malformed_number(target_text) && !is_comparator_text(target_text))) return;
    const Value a = parse_actual(leaf.actual.value_or(""), t, rules_.deadline_actuals);
    if (t.kind == Value::Kind::OnTime && (a.kind == Value::Kind::OnTime || a.kind == Value::Kind::Late)) return;
    if (!leaf.weight || !leaf.applicable) return;
    const Decimal w = *leaf.weight;
    auto inside = [&](const QualitativeBand& b, Decimal s) {
      const Decimal lo = (b.low * w).rounded(rules_.digits);
      const Decimal hi = (b.high * w).rounded(rules_.digits);
      return s >= lo && (b.high_inclusive ? s <= hi : s < hi);
    };
    const std::string actual = trimmed(leaf.actual.value_or(""));
    const QualitativeBand* band = implied_band(actual);
    const int line = leaf.loc.line;
    if (band == nullptr && leaf.declared_score) {
      for (const auto& b : rules_.bands) {
        if (inside(b, *leaf.declared_score)) band = &b;
      }
      if (band == nullptr && *leaf.declared_score > w && !rules_.bands.empty()) {
        band = &rules_.bands.front();  // above the weight: at most the top band (the review reports it)
        out_->unverified[line] = "实际完成值“" + actual + "”不含等级词，至多按最高等级“" + band->name + "”计";
      } else if (band != nullptr) {
        out_->unverified[line] = "实际完成值“" + actual + "”不含等级词，自报 " + leaf.declared_score->to_plain() +
                                 " 分无法核实（按其所在等级“" + band->name + "”计）";
      }
    }
    if (band == nullptr) {
      if (rules_.bands.empty()) return;
      diags().warning(leaf.loc, "table-grade-unknown",
                      "定性指标“" + leaf.name + "”既无等级词也无得分，按“" + rules_.bands.front().name + "”计",
                      "在实际完成值中写明等级（如“达成预期指标”）或填写得分");
      band = &rules_.bands.front();
      out_->unverified[line] =
          "实际完成值“" + actual + "”不含等级词，也没有自报得分，无法核实（按“" + band->name + "”计）";
    }
    leaf.grade = band->name;
    leaf.grade_loc = leaf.actual_loc;
    if (leaf.declared_score && inside(*band, *leaf.declared_score)) {
      leaf.score = leaf.declared_score;
      leaf.score_loc = leaf.declared_loc;
    }
  }

  // The band whose name or synonym the actual is, or else contains (the
  // longest one: "未达成" before "达成"); nullptr when none. A shorter word
  // of another band that overlaps the longest one and starts before it wins:
  // the qualifier comes first in Chinese, so "部分达成预期指标" is 部分达成
  // (its "部分达成" begins before "达成预期指标"), not 达成.
  const QualitativeBand* implied_band(const std::string& actual) const {
    if (const QualitativeBand* exact = find_band(rules_, actual)) return exact;
    const std::string a = norm(actual);
    struct Match {
      const QualitativeBand* band;
      std::size_t start, len;
    };
    std::vector<Match> found;
    for (const auto& b : rules_.bands) {
      std::vector<std::string> words = b.synonyms;
      words.push_back(b.name);
      for (const auto& w : words) {
        const std::string n = norm(w);
        if (n.empty()) continue;
        for (std::size_t at = a.find(n); at != std::string::npos; at = a.find(n, at + 1)) {
          found.push_back({&b, at, n.size()});
        }
      }
    }
    const Match* longest = nullptr;
    for (const auto& m : found) {
      if (longest == nullptr || m.len > longest->len) longest = &m;
    }
    const Match* best = longest;
    if (longest != nullptr) {
      for (const auto& m : found) {
        const bool overlaps = m.start < longest->start + longest->len && longest->start < m.start + m.len;
        if (m.band != longest->band && overlaps && m.start < best->start) best = &m;
      }
    }
    // "未能达成", "没有达成": a negation outside the grade word leaves the grade unknown.
    if (best == nullptr) return nullptr;
    std::string rest = a;
    rest.erase(best->start, best->len);
    if (has_part(rest, L_.grade_negation)) return nullptr;
    return best->band;
  }

  void indicators(int hr) {
    Project& p = out_->project;
    int r0 = 0;
    const Columns k = columns(hr, r0);
    auto need = [&](int c, const char* what) {
      if (c < 0) {
        diags().error(at(hr, k.l3), "table-missing-column", std::string("绩效指标表头中找不到“") + what + "”列",
                      "表头应为 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分");
      }
      return c >= 0;
    };
    // Every missing column is reported, not just the first.
    const bool found[] = {need(k.l1, "一级指标"),       need(k.l2, "二级指标"), need(k.target, "年度指标值"),
                          need(k.actual, "实际完成值"), need(k.weight, "分值"), need(k.score, "得分")};
    const bool ok = std::all_of(std::begin(found), std::end(found), [](bool b) { return b; });
    if (!ok) return;
    const int last_label_col = std::min({k.target, k.actual, k.weight, k.score});
    std::string l1, l2;
    bool total_seen = false;
    int subtotal_from = r0 + 1;  // line of the first row a 小计 covers
    for (const int r : v_.rows(r0)) {
      // 总分 / 合计 (with 自评等级) and 小计 rows.
      std::string row_label;
      int label_col = -1;
      for (const GridCell* x : v_.row(r)) {
        if (x->col < std::max(1, last_label_col) && !trimmed(x->text).empty()) {
          row_label = norm(x->text);
          label_col = x->col;
          break;
        }
      }
      // The declared total is the 总分 cell as the unit saved it; rows after
      // it (the engine's own 单位自报总分, signatures, notes) are not read.
      if (has_prefix(row_label, L_.row_total)) {
        if (total_seen) continue;
        total_seen = true;
        out_->total_loc = at(r, label_col);
        bool bad = false;
        p.declared_score = points(v_.get(r, k.score), bad, L_);
        p.declared_loc = at(r, k.score);
        if (bad) diags().warning(at(r, k.score), "table-bad-score", "总分“" + v_.text(r, k.score) + "”不是数字");
        out_->declared_total_weight = points(v_.get(r, k.weight), bad, L_);
        for (const GridCell* x : v_.row(r)) {
          const std::string t = norm(x->text);
          for (const GradeBand& g : rules_.grades) {
            if (t == g.name || (has_part(t, L_.grade_label) && contains(t, g.name))) out_->declared_grade = g.name;
          }
        }
        continue;
      }
      if (total_seen) continue;
      if (has_prefix(row_label, L_.row_subtotal) || has_prefix(norm(v_.text(r, k.l3)), L_.row_subtotal)) {
        // A 小计 covers the indicator rows since the previous 小计 (or the header).
        bool bad = false;
        Subtotal sub;
        sub.first_level = l1;
        sub.declared = points(v_.get(r, k.score), bad, L_);
        sub.loc = at(r, k.score);
        sub.first_line = subtotal_from;
        sub.last_line = r;  // lines are rows + 1: rows before this one
        if (sub.declared) out_->subtotals.push_back(sub);
        subtotal_from = r + 1;
        continue;
      }

      // 一级 and 二级: a merged cell spans its rows; a blank unmerged cell inherits.
      const std::string t1 = level_text(r, k.l1);
      if (!t1.empty() && t1 != l1) {
        l1 = t1;
        l2.clear();
      }
      const std::string t2 = level_text(r, k.l2);
      if (!t2.empty()) l2 = t2;
      if (is_blank_mark(t2, L_) && v_.raw(r, k.l2) != nullptr) l2.clear();

      const std::string name = v_.text(r, k.l3);
      bool bad_w = false, bad_s = false;
      const GridCell* wcell = v_.raw(r, k.weight);
      const GridCell* scell = v_.raw(r, k.score);
      const auto weight = points(wcell, bad_w, L_);
      const std::string score_text = scell ? norm(scell->text) : "";
      const bool not_applicable =
          is_one_of(score_text, L_.not_applicable) || is_one_of(norm(v_.text(r, k.weight)), L_.not_applicable);
      const auto score = not_applicable ? std::nullopt : points(scell, bad_s, L_);
      const std::string target = target_text(r, k);
      const std::string actual = v_.text(r, k.actual);
      const bool row_empty = !weight && !score && !bad_w && is_blank_mark(target, L_) && is_blank_mark(actual, L_);
      const bool blank_row = row_empty && name.empty() && t1.empty() && t2.empty();
      if (blank_row) continue;
      if (!weight && !bad_w && has_prefix(norm(name), L_.row_part)) continue;  // 其中… sub-rows carry no weight
      if (row_empty || (is_placeholder(name, L_) && !weight)) {
        if (!l1.empty() && !l2.empty() && !is_placeholder(l2, L_)) ensure_second(l1, l2, r, k);
        continue;
      }
      if (l1.empty()) {
        diags().error(at(r, k.l1), "table-no-first-level", "第 " + std::to_string(r + 1) + " 行的指标没有一级指标",
                      "在一级指标列填写（或合并）产出指标、效益指标、满意度指标");
        continue;
      }
      if (l2.empty()) {
        diags().error(at(r, k.l2), "table-no-second-level", "第 " + std::to_string(r + 1) + " 行的指标没有二级指标",
                      "在二级指标列填写（或合并）数量指标、质量指标……");
        continue;
      }
      Indicator leaf;
      leaf.name = name;
      leaf.loc = at(r, k.l3);
      if (name.empty() || is_placeholder(name, L_)) {
        diags().error(leaf.loc, "table-no-name", "第 " + std::to_string(r + 1) + " 行有分值或得分，但三级指标名称为空");
        continue;
      }
      if (bad_w) {
        diags().error(at(r, k.weight), "table-bad-weight", "分值“" + v_.text(r, k.weight) + "”不是数字",
                      "填写分值，如 5 或 5%");
      } else if (!weight) {
        diags().error(at(r, k.weight), "table-no-weight", "指标“" + name + "”没有分值");
      }
      leaf.weight = weight;
      leaf.weight_loc = at(r, k.weight);
      if (!is_blank_mark(target, L_)) {
        leaf.target = target;
      } else if (const std::string t = target_in_name(name); !t.empty()) {
        leaf.target = t;
        diags().warning(leaf.loc, "table-target-in-name", "指标“" + name + "”的年度指标值为空，取名称中的“" + t + "”",
                        "年度指标值应写在年度指标值列");
      }
      leaf.target_loc = at(r, k.target);
      if (!is_blank_mark(actual, L_)) leaf.actual = actual;
      leaf.actual_loc = at(r, k.actual);
      if (k.note >= 0) leaf.note = v_.text(r, k.note);
      if (is_blank_mark(leaf.note, L_)) leaf.note.clear();
      leaf.applicable = !not_applicable;
      if (bad_s) {
        diags().warning(at(r, k.score), "table-bad-score", "得分“" + v_.text(r, k.score) + "”不是数字，按未填写处理");
      }
      leaf.declared_score = score;
      leaf.declared_loc = at(r, k.score);
      qualitative(leaf);
      ensure_second(l1, l2, r, k).children.push_back(std::move(leaf));
    }
    if (p.indicators.empty()) {
      diags().error(p.indicators_loc, "table-no-indicators", "绩效指标表头下没有指标行");
    }
    if (!total_seen) {
      diags().warning(p.indicators_loc, "table-no-total", "表中找不到“总分”（或“合计”）一行，自报总分未知");
    }
  }

  // The 二级 node (l1, l2), appended when the last one differs.
  Indicator& ensure_second(const std::string& l1, const std::string& l2, int r, const Columns& k) {
    auto& firsts = out_->project.indicators;
    if (firsts.empty() || firsts.back().name != l1) {
      Indicator f;
      f.name = l1;
      f.loc = at(r, k.l1);
      f.has_children_key = true;
      firsts.push_back(std::move(f));
    }
    auto& seconds = firsts.back().children;
    if (seconds.empty() || seconds.back().name != l2) {
      Indicator s;
      s.name = l2;
      s.loc = at(r, k.l2);
      s.has_children_key = true;
      seconds.push_back(std::move(s));
    }
    return seconds.back();
  }

  const Grid& g_;
  View v_;
  const RuleSet& rules_;
  const Layout& L_;  ///< labels already normalised
  ImportedTable* out_ = nullptr;
};

}  // namespace

namespace {

bool row_has(const Grid& g, int row, const Labels& names) {
  return std::any_of(g.cells.begin(), g.cells.end(),
                     [&](const GridCell& c) { return c.row == row && has_part(norm(c.text), names); });
}

// table_regions on a layout already normalised.
std::vector<Grid> regions(const Grid& g, const Layout& labels) {
  std::vector<int> starts;
  for (const GridCell& c : g.cells) {
    if (is_label(c.text, labels.project) && (starts.empty() || starts.back() != c.row)) starts.push_back(c.row);
  }
  if (starts.size() < 2) return {g};
  // Each table but the first begins at its title when one stands within
  // three rows above its 项目名称 (below the previous one), else at 项目名称.
  for (std::size_t k = 1; k < starts.size(); ++k) {
    const int s = starts[k];
    for (int r = s - 1; r >= std::max(s - 3, starts[k - 1] + 1); --r) {
      if (row_has(g, r, labels.title)) {
        starts[k] = r;
        break;
      }
    }
  }
  starts.front() = 0;
  std::vector<Grid> out;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const int lo = starts[k];
    const int hi = k + 1 < starts.size() ? starts[k + 1] : std::numeric_limits<int>::max();
    Grid part;
    part.sheet = g.sheet;
    part.first_row = lo;
    for (const GridCell& c : g.cells) {
      if (c.row >= lo && c.row < hi) part.cells.push_back(c);
    }
    for (const GridMerge& m : g.merges) {
      if (m.r1 >= lo && m.r1 < hi) part.merges.push_back(m);
    }
    for (const GridCell& c : g.uncomputed) {
      if (c.row >= lo && c.row < hi) part.uncomputed.push_back(c);
    }
    part.uncomputed_count = static_cast<int>(part.uncomputed.size());
    out.push_back(std::move(part));
  }
  // Formula cells counted but not kept (past the first few) go to the last table.
  out.back().uncomputed_count += g.uncomputed_count - static_cast<int>(g.uncomputed.size());
  return out;
}

}  // namespace

std::vector<Grid> table_regions(const Grid& grid, const Layout& layout) {
  return regions(grid, *normalised(layout));
}

std::vector<std::string> missing_labels(const Grid& grid, const Layout& layout) {
  const std::shared_ptr<const Layout> keep = normalised(layout);
  const Layout& labels = *keep;
  std::vector<std::string> normed;
  normed.reserve(grid.cells.size());
  for (const GridCell& c : grid.cells) normed.push_back(norm(c.text));
  std::vector<std::string> missing;
  for (const Labels* names : {&labels.project, &labels.indicator_l3, &labels.col_target, &labels.col_actual,
                              &labels.col_weight, &labels.col_score}) {
    if (names->empty()) continue;
    const bool found =
        std::any_of(normed.begin(), normed.end(), [&](const std::string& n) { return is_normed_label(n, *names); });
    if (!found) missing.push_back(names->front());
  }
  return missing;
}

std::vector<ImportedTable> import_tables(const std::vector<Grid>& grids, const RuleSet& rules, const Layout& layout,
                                         Diagnostics& diags) {
  const std::shared_ptr<const Layout> keep = normalised(layout);
  const Layout& labels = *keep;
  std::vector<ImportedTable> out;
  std::vector<Grid> parts;
  for (const Grid& whole : grids) {
    for (Grid& part : regions(whole, labels)) parts.push_back(std::move(part));
  }
  for (const Grid& g : parts) {
    ImportedTable t;
    t.first_row = g.first_row;
    if (Importer(g, rules, labels).run(t)) {
      if (g.uncomputed_count > 0) {
        const GridCell& c = g.uncomputed.front();
        t.diagnostics.warning(at(c.row, c.col), "formula-without-result",
                              "有 " + std::to_string(g.uncomputed_count) + " 个公式单元格没有保存计算结果（如 " +
                                  cell_address(c.row, c.col) + "），它们按“未填”读取",
                              "用 Excel 或 WPS 打开并保存这个文件（保存时会算出结果），再复核");
      }
      out.push_back(std::move(t));
    }
  }
  if (out.empty()) {
    std::string names;
    for (const Grid& g : grids) names += (names.empty() ? "" : "、") + g.sheet;
    diags.error({}, "no-table", "工作簿中找不到项目支出绩效自评表（工作表：" + names + "）",
                "自评表应有“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头");
  }
  return out;
}

std::string rules_hint(const Grid& grid) {
  std::string form;
  for (const auto& c : grid.cells) {
    // The Sichuan form's title names its rule set when no note does. norm()
    // makes no CJK character out of others, so a cell without "部" cannot
    // start with it: most cells are passed over without norm() (speed only).
    if (form.empty() && c.text.find("部") != std::string::npos &&
        norm(c.text).rfind("部门预算项目支出绩效自评表", 0) == 0) {
      form = "sichuan2023";
    }
    const auto pos = c.text.find("按规则集");
    if (pos == std::string::npos) continue;
    const auto close = c.text.find("）计算", pos);
    if (close == std::string::npos) continue;
    const auto open = c.text.rfind("（", close);
    if (open == std::string::npos || open < pos) continue;
    return c.text.substr(open + 3, close - open - 3);
  }
  return form;
}

std::string format_table_diagnostic(const std::string& file, const std::string& sheet, const Diagnostic& d) {
  std::string s = file;
  if (!sheet.empty()) {
    s += ":" + sheet;
    if (d.loc.line > 0 && d.loc.col > 0) s += "!" + cell_address(d.loc.line - 1, d.loc.col - 1);
  }
  s += d.severity == Severity::Error ? ": 错误: " : ": 警告: ";
  s += d.message;
  if (!d.hint.empty()) s += "\n  提示: " + d.hint;
  return s;
}

}  // namespace jx
