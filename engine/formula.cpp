#include "engine/formula.h"

#include "engine/text.h"

namespace jx {

namespace {

bool is_op_char(char32_t c) {
  return c == U'+' || c == U'-' || c == U'*' || c == U'/' || c == U'(' || c == U')' || c == U',' || c == U'×' ||
         c == U'÷' || c == 0xFF0B || c == 0xFF0D || c == 0xFF0A || c == 0xFF0F || c == 0xFF0C;
}
bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x3000 || c == U'\n' || c == U'\r';
}
bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19);
}

char32_t canonical_op(char32_t c) {
  switch (c) {
    case U'×':
    case 0xFF0A: return U'*';
    case U'÷':
    case 0xFF0F: return U'/';
    case 0xFF0B: return U'+';
    case 0xFF0D: return U'-';
    case 0xFF0C: return U',';
    default: return c;
  }
}

struct Token {
  enum Kind { End, Num, Name, Op } kind = End;
  std::string text;
  char32_t op = 0;
  Decimal num;
  int offset = 0;
};

}  // namespace

class FormulaParser {
 public:
  FormulaParser(std::string_view text, Formula& f, FormulaError& err) : s_(utf8_decode(text)), f_(f), err_(err) {}

  bool run() {
    if (s_.size() > Formula::kMaxLength) {
      return fail(
          0, "公式过长（" + std::to_string(s_.size()) + " 个字符，上限 " + std::to_string(Formula::kMaxLength) + "）",
          "把公式拆成几个计算事实（facts 中的 {formula: …}）");
    }
    next();
    f_.root_ = expr();
    if (f_.root_ < 0) return false;
    if (tok_.kind != Token::End) return fail(tok_.offset, "公式在“" + tok_.text + "”处多出内容", "检查运算符和括号");
    return true;
  }

 private:
  bool fail(int offset, std::string msg, std::string hint = {}) {
    if (!failed_) err_ = {offset, std::move(msg), std::move(hint)};
    failed_ = true;
    return false;
  }

  void next() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    tok_ = Token{};
    tok_.offset = static_cast<int>(pos_);
    if (pos_ >= s_.size()) return;
    const char32_t c = s_[pos_];
    if (is_op_char(c)) {
      tok_.kind = Token::Op;
      tok_.op = canonical_op(c);
      tok_.text = utf8_encode(std::u32string(1, c));
      ++pos_;
      return;
    }
    const std::size_t start = pos_;
    while (pos_ < s_.size() && !is_space(s_[pos_]) && !is_op_char(s_[pos_])) ++pos_;
    const std::u32string word = s_.substr(start, pos_ - start);
    tok_.text = utf8_encode(word);
    bool numeric = is_digit(word[0]);
    for (char32_t ch : word) numeric = numeric && (is_digit(ch) || ch == U'.' || ch == 0xFF0E);
    if (numeric) {
      std::string ascii;
      for (char32_t ch : fold_width(word)) ascii.push_back(static_cast<char>(ch));
      if (auto d = Decimal::parse(ascii)) {
        tok_.kind = Token::Num;
        tok_.num = *d;
        return;
      }
      tok_.kind = Token::End;
      fail(tok_.offset, "无法识别的数字“" + tok_.text + "”", "最多 6 位小数，绝对值不超过 1 万亿（10^12）");
      return;
    }
    tok_.kind = Token::Name;
  }

  int add(Formula::Node n) {
    f_.nodes_.push_back(n);
    return static_cast<int>(f_.nodes_.size()) - 1;
  }

  int expr() {
    int lhs = term();
    while (lhs >= 0 && tok_.kind == Token::Op && (tok_.op == U'+' || tok_.op == U'-')) {
      const auto kind = tok_.op == U'+' ? Formula::Node::Add : Formula::Node::Sub;
      const int off = tok_.offset;
      next();
      const int rhs = term();
      if (rhs < 0) return -1;
      lhs = add({kind, {}, -1, lhs, rhs, off});
    }
    return lhs;
  }

  int term() {
    int lhs = unary();
    while (lhs >= 0 && tok_.kind == Token::Op && (tok_.op == U'*' || tok_.op == U'/')) {
      const auto kind = tok_.op == U'*' ? Formula::Node::Mul : Formula::Node::Div;
      const int off = tok_.offset;
      next();
      const int rhs = unary();
      if (rhs < 0) return -1;
      lhs = add({kind, {}, -1, lhs, rhs, off});
    }
    return lhs;
  }

  // Counts the recursion of unary(): every ( … ), function call and sign.
  struct Nest {
    explicit Nest(int& depth) : depth_(depth) { ++depth_; }
    ~Nest() { --depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    int& depth_;
  };

  int unary() {
    const Nest nest(depth_);
    if (depth_ > Formula::kMaxNesting + 1) {  // the formula itself is the first level
      fail(tok_.offset, "公式嵌套过深（超过 " + std::to_string(Formula::kMaxNesting) + " 层括号或正负号）",
           "去掉多余的括号，或把公式拆成几个计算事实");
      return -1;
    }
    if (tok_.kind == Token::Op && (tok_.op == U'-' || tok_.op == U'+')) {
      const bool neg = tok_.op == U'-';
      const int off = tok_.offset;
      next();
      const int x = unary();
      if (x < 0 || !neg) return x;
      return add({Formula::Node::Neg, {}, -1, x, -1, off});
    }
    return primary();
  }

  bool expect(char32_t op, int open_offset) {
    if (tok_.kind == Token::Op && tok_.op == op) {
      next();
      return true;
    }
    if (op == U')') return fail(open_offset, "括号没有闭合", "每个“(”都要有对应的“)”");
    return fail(tok_.offset, std::string("此处应为“") + (op == U',' ? "," : ")") + "”");
  }

  int primary() {
    if (failed_) return -1;
    const Token t = tok_;
    switch (t.kind) {
      case Token::End: fail(t.offset, "公式不完整", "运算符后面缺少数值或名称"); return -1;
      case Token::Num: next(); return add({Formula::Node::Num, t.num, -1, -1, -1, t.offset});
      case Token::Op:
        if (t.op == U'(') {
          next();
          const int x = expr();
          if (x < 0 || !expect(U')', t.offset)) return -1;
          return x;
        }
        fail(t.offset, "公式在“" + t.text + "”处不完整", "运算符两边都需要数值或名称");
        return -1;
      case Token::Name: break;
    }
    next();
    if (tok_.kind == Token::Op && tok_.op == U'(') {
      const int open = tok_.offset;
      next();
      if (t.text == "上年") {
        if (tok_.kind != Token::Name) {
          fail(tok_.offset, "上年(…) 中应为一个事实名称");
          return -1;
        }
        const Token name = tok_;
        next();
        if (!expect(U')', open)) return -1;
        f_.refs_.push_back({name.text, true, name.offset});
        return add({Formula::Node::Ref, {}, static_cast<int>(f_.refs_.size()) - 1, -1, -1, name.offset});
      }
      Formula::Node::Kind k;
      int args;
      if (t.text == "min") {
        k = Formula::Node::Min;
        args = 2;
      } else if (t.text == "max") {
        k = Formula::Node::Max;
        args = 2;
      } else if (t.text == "abs") {
        k = Formula::Node::Abs;
        args = 1;
      } else {
        fail(t.offset, "未知的函数“" + t.text + "”", "可用：上年(名称)、min(a, b)、max(a, b)、abs(x)");
        return -1;
      }
      const int a = expr();
      if (a < 0) return -1;
      int b = -1;
      if (args == 2) {
        if (!expect(U',', open)) return -1;
        b = expr();
        if (b < 0) return -1;
      }
      if (!expect(U')', open)) return -1;
      return add({k, {}, -1, a, b, t.offset});
    }
    f_.refs_.push_back({t.text, false, t.offset});
    return add({Formula::Node::Ref, {}, static_cast<int>(f_.refs_.size()) - 1, -1, -1, t.offset});
  }

  std::u32string s_;
  std::size_t pos_ = 0;
  Token tok_;
  Formula& f_;
  FormulaError& err_;
  bool failed_ = false;
  int depth_ = 0;
};

std::optional<Formula> Formula::parse(std::string_view text, FormulaError& error) {
  Formula f;
  f.text_ = std::string(text);
  FormulaParser p(text, f, error);
  if (!p.run()) return std::nullopt;
  return f;
}

std::optional<Decimal> Formula::eval(const Lookup& lookup, FormulaError& error) const {
  return eval_node(root_, lookup, error);
}

std::optional<Decimal> Formula::eval_node(int i, const Lookup& lookup, FormulaError& error) const {
  const Node& n = nodes_[static_cast<std::size_t>(i)];
  const Decimal limit(Decimal::kMaxMagnitude);
  auto checked = [&](Decimal v) -> std::optional<Decimal> {
    if (v > limit || v < Decimal(0) - limit) {
      error = {n.offset, "计算结果过大（绝对值超过 1 万亿，即 10^12）", "检查公式和各事实的单位（金额以万元计）"};
      return std::nullopt;
    }
    return v;
  };
  switch (n.kind) {
    case Node::Num: return n.num;
    case Node::Ref: {
      const Ref& r = refs_[static_cast<std::size_t>(n.ref)];
      auto v = lookup(r.name, r.prior);
      if (!v) error = {r.offset, (r.prior ? "事实“" + r.name + "”没有上年数" : "未知的事实“" + r.name + "”"), ""};
      return v;
    }
    case Node::Neg: {
      auto a = eval_node(n.lhs, lookup, error);
      if (!a) return std::nullopt;
      return Decimal(0) - *a;
    }
    case Node::Abs: {
      auto a = eval_node(n.lhs, lookup, error);
      if (!a) return std::nullopt;
      return a->is_negative() ? Decimal(0) - *a : *a;
    }
    default: break;
  }
  auto a = eval_node(n.lhs, lookup, error);
  if (!a) return std::nullopt;
  auto b = eval_node(n.rhs, lookup, error);
  if (!b) return std::nullopt;
  // Keep both operands inside the range where products fit 128 bits.
  switch (n.kind) {
    case Node::Add: return checked(*a + *b);
    case Node::Sub: return checked(*a - *b);
    case Node::Mul:
      if (auto p = checked_mul(*a, *b)) return p;
      error = {n.offset, "计算结果过大（绝对值超过 1 万亿，即 10^12）", "检查公式和各事实的单位（金额以万元计）"};
      return std::nullopt;
    case Node::Div:
      if (b->is_zero()) {
        error = {n.offset, "除数为 0", ""};
        return std::nullopt;
      }
      if (auto q = checked_div(*a, *b)) return q;
      error = {n.offset, "计算结果过大（绝对值超过 1 万亿，即 10^12）", "检查公式和各事实的单位（金额以万元计）"};
      return std::nullopt;
    case Node::Min: return min(*a, *b);
    case Node::Max: return max(*a, *b);
    default: return std::nullopt;
  }
}

}  // namespace jx
