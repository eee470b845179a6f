// Operators: arithmetic, concatenation, comparison, like; and the cache of run-time regexes.
#include "compiler/expr/expr_ops.hpp"

#include <re2/re2.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "compiler/expr/expr_utf8.hpp"
#include "runtime/match/regex_compile.hpp"

namespace sigma::expr {

// --- regex cache -----------------------------------------------------------------------------

struct RegexCache::Impl {
  static constexpr std::size_t kMaxEntries = 64;
  std::unordered_map<std::string, std::unique_ptr<re2::RE2>> map;
};

RegexCache::RegexCache() : impl_(std::make_unique<Impl>()) {}
RegexCache::~RegexCache() = default;

const re2::RE2* RegexCache::get(std::string_view pattern) {
  auto it = impl_->map.find(std::string(pattern));
  if (it == impl_->map.end()) {
    // Patterns computed per event could grow this without bound; start over when full.
    if (impl_->map.size() >= Impl::kMaxEntries) impl_->map.clear();
    it = impl_->map.emplace(std::string(pattern), match::compile_regex(pattern)).first;
  }
  return it->second->ok() ? it->second.get() : nullptr;
}

namespace ops {
namespace {

// `+` treats only numbers and a field's numeric text as numbers (see Value::from_field).
std::optional<Number> addable(const Value& v) {
  if (v.is_number()) return numeric(v);
  if (v.kind == Value::Kind::String && v.from_field) return parse_number(v.text);
  return std::nullopt;
}

Value concat(const Value& a, const Value& b, Scratch& scratch) {
  TextBuffer ba, bb;
  auto ta = scalar_text(a, ba);
  auto tb = scalar_text(b, bb);
  if (!ta || !tb) return Value::null();
  char* out = static_cast<char*>(scratch.allocate(ta->size() + tb->size(), 1));
  if (!ta->empty()) std::memcpy(out, ta->data(), ta->size());
  if (!tb->empty()) std::memcpy(out + ta->size(), tb->data(), tb->size());
  return Value::string(std::string_view(out, ta->size() + tb->size()));
}

Value int_op(Op op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  switch (op) {
    case Op::Add:
      if (!__builtin_add_overflow(x, y, &r)) return Value::from_int(r);
      return Value::from_double(static_cast<double>(x) + static_cast<double>(y));
    case Op::Sub:
      if (!__builtin_sub_overflow(x, y, &r)) return Value::from_int(r);
      return Value::from_double(static_cast<double>(x) - static_cast<double>(y));
    case Op::Mul:
      if (!__builtin_mul_overflow(x, y, &r)) return Value::from_int(r);
      return Value::from_double(static_cast<double>(x) * static_cast<double>(y));
    case Op::Div:
      if (y == 0) return Value::null();
      if (!(x == INT64_MIN && y == -1) && x % y == 0) return Value::from_int(x / y);
      return Value::from_double(static_cast<double>(x) / static_cast<double>(y));
    case Op::Mod:
      if (y == 0) return Value::null();
      if (y == -1) return Value::from_int(0);  // INT64_MIN % -1 overflows in C++
      return Value::from_int(x % y);
    default:
      return Value::null();
  }
}

Value double_op(Op op, double x, double y) {
  switch (op) {
    case Op::Add:
      return Value::from_double(x + y);
    case Op::Sub:
      return Value::from_double(x - y);
    case Op::Mul:
      return Value::from_double(x * y);
    case Op::Div:
      return y == 0 ? Value::null() : Value::from_double(x / y);
    case Op::Mod:
      return y == 0 ? Value::null() : Value::from_double(std::fmod(x, y));
    default:
      return Value::null();
  }
}

Value number_op(Op op, const Number& x, const Number& y) {
  if (x.is_int && y.is_int) return int_op(op, x.i, y.i);
  return double_op(op, x.as_double(), y.as_double());
}

template <class T>
bool ordered(Op op, const T& a, const T& b) {
  switch (op) {
    case Op::Eq:
      return a == b;
    case Op::Ne:
      return a != b;
    case Op::Lt:
      return a < b;
    case Op::Le:
      return a <= b;
    case Op::Gt:
      return a > b;
    case Op::Ge:
      return a >= b;
    default:
      return false;
  }
}

}  // namespace

Value arithmetic(Op op, const Value& a, const Value& b, Scratch& scratch) {
  // Two integers (a score's weights and flags): what numeric() and number_op() would do.
  if (a.kind == Value::Kind::Int && b.kind == Value::Kind::Int && op != Op::Cat)
    return int_op(op, a.integer, b.integer);
  if (a.is_null() || b.is_null()) return Value::null();
  if (op == Op::Cat) return concat(a, b, scratch);
  if (op == Op::Add) {
    auto x = addable(a), y = addable(b);
    if (x && y) return number_op(op, *x, *y);
    if (a.kind == Value::Kind::String && b.kind == Value::Kind::String)
      return concat(a, b, scratch);
    return Value::null();
  }
  auto x = numeric(a), y = numeric(b);
  if (!x || !y) return Value::null();
  return number_op(op, *x, *y);
}

Value negate(const Value& v) {
  auto n = numeric(v);
  if (!n) return Value::null();
  if (!n->is_int) return Value::from_double(-n->d);
  if (n->i == INT64_MIN) return Value::from_double(-static_cast<double>(n->i));
  return Value::from_int(-n->i);
}

bool compare_scalars(Op op, const Value& a, const Value& b) {
  if (op == Op::Like) {
    TextBuffer ba, bb;
    auto ta = scalar_text(a, ba), tb = scalar_text(b, bb);
    return ta && tb && like(*ta, *tb);
  }
  if (a.kind == Value::Kind::Bool && b.kind == Value::Kind::Bool)
    return ordered(op, a.boolean, b.boolean);
  auto x = numeric(a), y = numeric(b);
  if (x && y) {
    if (x->is_int && y->is_int) return ordered(op, x->i, y->i);
    return ordered(op, x->as_double(), y->as_double());
  }
  TextBuffer ba, bb;
  auto ta = scalar_text(a, ba), tb = scalar_text(b, bb);
  if (!ta || !tb) return false;
  return ordered(op, *ta, *tb);
}

Value compare(Op op, const Value& a, const Value& b) {
  // Two integers (`Risk > 0`): what compare_scalars() would do.
  if (a.kind == Value::Kind::Int && b.kind == Value::Kind::Int && op != Op::Like)
    return Value::from_bool(ordered(op, a.integer, b.integer));
  if (a.is_null() || b.is_null()) return Value::null();
  if (op == Op::Like && b.kind == Value::Kind::Multi) return Value::null();
  bool r = any_of_values(a, [&](const Value& x) {
    return any_of_values(b, [&](const Value& y) { return compare_scalars(op, x, y); });
  });
  return Value::from_bool(r);
}

bool like(std::string_view text, std::string_view pattern) {
  // Greedy wildcard matching with one backtrack point (the last `%`): linear in practice,
  // O(text * pattern) at worst, never recursive.
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t t = 0, p = 0, star_p = npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char c = pattern[p];
      if (c == '%') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (c == '_') {
        t += utf8::char_length(text, t);
        ++p;
        continue;
      }
      std::size_t step = 1;
      if (c == '\\' && p + 1 < pattern.size()) c = pattern[p + 1], step = 2;
      if (text[t] == c) {
        ++t;
        p += step;
        continue;
      }
    }
    if (star_p == npos) return false;
    star_t += utf8::char_length(text, star_t);
    t = star_t;
    p = star_p;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace ops
}  // namespace sigma::expr
