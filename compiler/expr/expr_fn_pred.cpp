// Built-ins that test values: is*(), typeof, match, like, in, cidrmatch.
#include <re2/re2.h>

#include <algorithm>

#include "compiler/expr/expr_ops.hpp"
#include "runtime/match/regex_literals.hpp"
#include "runtime/match/regex_run.hpp"
#include "runtime/text/casefold.hpp"

namespace sigma::expr {
namespace {

// Whether `text`, folded, holds a literal of each of `needs` (a literal regex's
// Program::regex_needs), as the rule engine checks its regex leaves.
bool may_match(std::string_view text, std::span<const std::vector<std::string>> needs,
               std::string& buf) {
  return needs.empty() || match::holds_each(text::folded_view(text, buf), needs);
}

// A field's numeric text is a number to SPL's type tests; a string literal is not.
std::optional<Number> field_number(const Value& v) {
  if (v.is_number()) return numeric(v);
  if (v.kind == Value::Kind::String && v.from_field) return parse_number(v.text);
  return std::nullopt;
}

Value match(std::span<const Value> args, Env& env) {
  const Value& s = args[0];
  const Value& pattern = args[1];
  if (s.is_null() || pattern.is_null()) return Value::null();
  const re2::RE2* re = env.literal_regex;
  if (re == nullptr) {
    TextBuffer buf;
    auto text = scalar_text(pattern, buf);
    if (!text) return Value::null();
    re = env.regexes.get(*text);
    if (re == nullptr) return Value::null();
  }
  return Value::from_bool(ops::any_of_values(s, [&](const Value& v) {
    TextBuffer buf;
    auto text = scalar_text(v, buf);
    static const match::RegexShortcut kNone;  // a pattern computed per event: RE2 alone
    return text && may_match(*text, env.literal_needs, env.tmp) &&
           match::search(*re, env.literal_shortcut ? *env.literal_shortcut : kNone, *text);
  }));
}

Value in(std::span<const Value> args) {
  const Value& x = args[0];
  if (x.is_null()) return Value::null();
  return Value::from_bool(ops::any_of_values(x, [&](const Value& v) {
    for (const Value& candidate : args.subspan(1)) {
      if (candidate.is_null()) continue;
      bool hit = ops::any_of_values(
          candidate, [&](const Value& c) { return ops::compare_scalars(Op::Eq, v, c); });
      if (hit) return true;
    }
    return false;
  }));
}

Value cidrmatch(std::span<const Value> args, Env& env) {
  const Value& block_text = args[0];
  const Value& ip = args[1];
  if (block_text.is_null() || ip.is_null()) return Value::null();
  std::optional<CidrBlock> parsed;
  const CidrBlock* block = env.literal_cidr;
  if (block == nullptr) {
    TextBuffer buf;
    if (auto text = scalar_text(block_text, buf)) parsed = parse_cidr(*text);
    if (!parsed) return Value::from_bool(false);
    block = &*parsed;
  }
  return Value::from_bool(ops::any_of_values(ip, [&](const Value& v) {
    return v.kind == Value::Kind::String && cidr_contains(*block, v.text);
  }));
}

std::string_view type_name(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null:
      return "Invalid";
    case Value::Kind::Bool:
      return "Boolean";
    case Value::Kind::Int:
    case Value::Kind::Float:
      return "Number";
    case Value::Kind::String:
      return field_number(v) ? "Number" : "String";
    case Value::Kind::Multi:
      return "Multivalue";
  }
  return "Invalid";
}

}  // namespace

Value call_predicate(Fn fn, std::span<const Value> args, Env& env) {
  const Value& x = args[0];
  switch (fn) {
    case Fn::IsNull:
      return Value::from_bool(x.is_null());
    case Fn::IsNotNull:
      return Value::from_bool(!x.is_null());
    case Fn::IsNum:
      return Value::from_bool(field_number(x).has_value());
    case Fn::IsInt: {
      auto n = field_number(x);
      return Value::from_bool(n && n->is_int);
    }
    case Fn::IsStr:
      return Value::from_bool(x.kind == Value::Kind::String && !field_number(x));
    case Fn::IsBool:
      return Value::from_bool(x.kind == Value::Kind::Bool);
    case Fn::TypeOf:
      return Value::string(type_name(x));
    case Fn::Match:
      return match(args, env);
    case Fn::Like:
      return ops::compare(Op::Like, args[0], args[1]);
    case Fn::In:
      return in(args);
    case Fn::CidrMatch:
      return cidrmatch(args, env);
    default:
      return Value::null();
  }
}

}  // namespace sigma::expr
