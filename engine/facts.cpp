#include "engine/facts.h"

#include "engine/text.h"

namespace jx {
namespace {

// A formula echoed in a message: a long one (up to the 2000-character
// limit, or beyond it) is cut, so that the message stays readable.
std::string shown_formula(const std::string& text) {
  constexpr std::size_t kShown = 80;
  const std::u32string cps = utf8_decode(text);
  if (cps.size() <= kShown) return text;
  return utf8_encode(cps.substr(0, kShown)) + "…（共 " + std::to_string(cps.size()) + " 个字符）";
}

}  // namespace

FactTable::FactTable(const std::vector<Fact>& facts, Diagnostics& diags) : facts_(facts), diags_(diags) {
  for (const Fact& f : facts_) {
    if (auto [it, fresh] = by_name_.emplace(f.name, &f); !fresh) {
      diags_.error(f.loc, "duplicate-fact",
                   "重复的事实“" + f.name + "”（第 " + std::to_string(it->second->loc.line) + " 行已有）");
    }
  }
}

const Fact* FactTable::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

std::string FactTable::suggest(const std::string& name) const {
  std::string best;
  std::size_t best_d = std::string::npos;
  const std::size_t len = utf8_decode(name).size();
  const std::size_t limit = std::max<std::size_t>(1, len / 3);
  for (const auto& [other, fact] : by_name_) {
    // Lengths that differ by more than the limit cannot be near: skip the
    // quadratic distance (a file may have thousands of facts).
    const std::size_t other_len = utf8_decode(other).size();
    if ((other_len > len ? other_len - len : len - other_len) > limit) continue;
    const std::size_t d = edit_distance(name, other);
    if (d < best_d && d <= limit) {
      best = other;
      best_d = d;
    }
  }
  return best.empty() ? "在 facts 中定义它，或检查名称" : "是否为“" + best + "”？";
}

std::optional<Decimal> FactTable::value(const std::string& name, bool prior) {
  const Fact* f = find(name);
  if (f == nullptr) return std::nullopt;
  const auto key = std::make_pair(name, prior);
  State& st = state_[key];
  switch (st) {
    case State::Done: return cache_[key];
    case State::Failed: dependency_failed_ = true; return std::nullopt;
    case State::Busy: {
      std::string chain;
      bool in = false;
      for (const auto& n : stack_) {
        in = in || n == name;
        if (in) chain += n + " → ";
      }
      diags_.error(f->formula_loc, "fact-cycle", "计算事实之间存在循环引用：" + chain + name,
                   "改写其中一个公式，使计算不再绕回自身");
      st = State::Failed;
      dependency_failed_ = true;
      return std::nullopt;
    }
    case State::Todo: break;
  }
  std::optional<Decimal> v;
  if (f->formula && stack_.size() >= kMaxChain) {
    // Computed facts built on computed facts this deep are a mistake, and
    // each level costs stack: stop before the stack does.
    diags_.error(f->formula_loc, "fact-chain-too-long",
                 "计算事实“" + name + "”依赖的计算链超过 " + std::to_string(kMaxChain) + " 层",
                 "让公式直接引用决算数，而不是层层引用其他计算事实");
    st = State::Failed;
    dependency_failed_ = true;
    return std::nullopt;
  }
  if (f->formula) {
    st = State::Busy;
    stack_.push_back(name);
    FormulaError err;
    auto parsed = Formula::parse(*f->formula, err);
    if (!parsed) {
      diags_.error({f->formula_loc.line, f->formula_loc.col + err.offset}, "formula-syntax", err.message, err.hint);
    } else {
      v = eval_formula(*parsed, f->formula_loc, prior, nullptr);
    }
    stack_.pop_back();
  } else {
    v = prior ? f->prior : f->value;
  }
  // A cycle found below may already have marked this fact failed.
  State& now = state_[key];
  if (now == State::Failed || !v) {
    now = State::Failed;
    if (!v && !f->formula) {
      // A missing prior figure: the caller reports it. A missing current
      // figure was reported by the loader (not a number, out of range).
      if (!prior) dependency_failed_ = true;
      return std::nullopt;
    }
    dependency_failed_ = true;
    return std::nullopt;
  }
  now = State::Done;
  cache_[key] = *v;
  return v;
}

std::optional<Decimal> FactTable::eval_formula(const Formula& f, Loc loc, bool prior,
                                               std::vector<std::pair<std::string, Decimal>>* inputs) {
  // Names unknown to the table are all reported, not just the first.
  bool unknown = false;
  for (const auto& r : f.refs()) {
    if (find(r.name) == nullptr) {
      diags_.error({loc.line, loc.col + r.offset}, "unknown-fact", "公式中的事实“" + r.name + "”未定义",
                   suggest(r.name));
      unknown = true;
    }
  }
  if (unknown) return std::nullopt;
  dependency_failed_ = false;
  FormulaError err;
  auto v = f.eval(
      [&](const std::string& name, bool want_prior) -> std::optional<Decimal> {
        if (prior && want_prior) return std::nullopt;  // 上年 of 上年 is not known
        auto x = value(name, prior || want_prior);
        if (x && inputs != nullptr) inputs->emplace_back(want_prior ? "上年(" + name + ")" : name, *x);
        return x;
      },
      err);
  if (!v && !dependency_failed_) {
    diags_.error({loc.line, loc.col + err.offset}, "formula-eval",
                 err.message + "（公式：" + shown_formula(f.text()) + "）",
                 err.message.find("上年数") != std::string::npos ? "在 facts 中为它写 prior: 上年数" : err.hint);
  }
  return v;
}

std::optional<Decimal> FactTable::eval(const std::string& text, Loc loc,
                                       std::vector<std::pair<std::string, Decimal>>* inputs) {
  FormulaError err;
  auto f = Formula::parse(text, err);
  if (!f) {
    diags_.error({loc.line, loc.col + err.offset}, "formula-syntax",
                 err.message + "（公式：" + shown_formula(text) + "）", err.hint);
    return std::nullopt;
  }
  return eval_formula(*f, loc, false, inputs);
}

void FactTable::evaluate_all() {
  for (const Fact& f : facts_) {
    if (f.formula) value(f.name);
  }
}

}  // namespace jx
