// Values that become one typed predicate each: regular expressions (RE2, compiled here once),
// CIDR networks, numeric and time-part comparisons, existence checks and field references.
#include <fmt/format.h>
#include <re2/re2.h>

#include <memory>

#include "compiler/modifiers/lower.hpp"
#include "compiler/modifiers/sigma_string.hpp"
#include "compiler/modifiers/values.hpp"
#include "runtime/match/regex_compile.hpp"

namespace sigma::modifiers {
namespace {

std::optional<ir::Node> lower_regex(const ast::Value& v, const ValueScope& scope) {
  const ModifierChain& c = scope.chain;
  ir::RegexMatch m;
  m.pattern = value_text(v);
  m.i = c.re_i;
  m.m = c.re_m;
  m.s = c.re_s;
  // Flags as a prefix group: RE2::Options has no multi-line switch outside POSIX syntax.
  std::string flags;
  if (m.i) flags += 'i';
  if (m.m) flags += 'm';
  if (m.s) flags += 's';
  std::shared_ptr<const RE2> re =
      match::compile_regex(flags.empty() ? m.pattern : "(?" + flags + ")" + m.pattern);
  if (!re->ok()) {
    scope.ctx.diags.error(diag::code::kInvalidRegex, v.pos,
                          fmt::format("invalid regular expression: {}", re->error()),
                          "RE2 syntax: no backreferences or lookaround");
    return std::nullopt;
  }
  m.re = std::move(re);
  return make_leaf(scope, std::move(m));
}

std::optional<ir::Node> lower_cidr(const ast::Value& v, const ValueScope& scope) {
  const std::string text = value_text(v);
  const auto net = match::parse_cidr(text);
  if (!net) {
    scope.ctx.diags.error(diag::code::kInvalidCidr, v.pos,
                          fmt::format("invalid CIDR network `{}`", text),
                          "write an IPv4 or IPv6 network such as `10.0.0.0/8` or `fe80::/10`");
    return std::nullopt;
  }
  return make_leaf(scope, ir::CidrMatch{*net, text});
}

std::optional<ir::Node> lower_number(const ast::Value& v, const ValueScope& scope) {
  const auto n = value_number(v);
  if (!n) {
    scope.ctx.diags.error(
        diag::code::kValueType, v.pos,
        fmt::format("`{}` needs a number, not `{}`", scope.chain.type_name, value_text(v)));
    return std::nullopt;
  }
  return make_leaf(scope, ir::NumberCmp{scope.chain.cmp, *n, value_text(v)});
}

struct Range {
  std::int64_t lo, hi;
};

// The spec's ranges; weeks go to 53 because ISO 8601 years have 52 or 53 weeks.
Range time_range(ir::TimePart p) {
  switch (p) {
    case ir::TimePart::Minute:
      return {0, 59};
    case ir::TimePart::Hour:
      return {0, 23};
    case ir::TimePart::Day:
      return {1, 31};
    case ir::TimePart::Week:
      return {1, 53};
    case ir::TimePart::Month:
      return {1, 12};
    case ir::TimePart::Year:
      return {1, 9999};
  }
  return {0, 0};
}

std::optional<ir::Node> lower_time(const ast::Value& v, const ValueScope& scope) {
  const ModifierChain& c = scope.chain;
  const auto n = value_integer(v);
  const Range r = time_range(c.part);
  if (!n || *n < r.lo || *n > r.hi) {
    scope.ctx.diags.error(diag::code::kValueType, v.pos,
                          fmt::format("`{}` needs an integer from {} to {}, not `{}`", c.type_name,
                                      r.lo, r.hi, value_text(v)));
    return std::nullopt;
  }
  return make_leaf(scope, ir::TimeCmp{c.part, c.cmp, *n});
}

std::optional<ir::Node> lower_exists(const ast::Value& v, const ValueScope& scope) {
  const auto b = value_bool(v);
  if (!b) {
    scope.ctx.diags.error(diag::code::kValueType, v.pos,
                          fmt::format("`exists` needs true or false, not `{}`", value_text(v)));
    return std::nullopt;
  }
  return make_leaf(scope, ir::Exists{*b});
}

std::optional<ir::Node> lower_fieldref(const ast::Value& v, const ValueScope& scope) {
  const SigmaString s = v.kind == ast::Value::Kind::String ? SigmaString::parse(v.text)
                                                           : SigmaString::literal(value_text(v));
  if (s.has_wildcards() || s.plain().empty()) {
    scope.ctx.diags.error(diag::code::kValueType, v.pos,
                          s.has_wildcards()
                              ? fmt::format("a field reference is a field name, without "
                                            "wildcards: `{}`",
                                            v.text)
                              : std::string("a field reference needs a field name"));
    return std::nullopt;
  }
  return make_leaf(scope, ir::FieldRef{scope.ctx.fields.intern(s.plain()), scope.chain.position,
                                       scope.chain.cased});
}

}  // namespace

std::optional<ir::Node> lower_typed_value(const ast::Value& v, const ValueScope& scope) {
  if (v.kind == ast::Value::Kind::Null) {
    scope.ctx.diags.error(diag::code::kValueType, v.pos,
                          fmt::format("`null` cannot be used with `{}`", scope.chain.type_name),
                          "`null` matches a missing or null field; write it without modifiers");
    return std::nullopt;
  }
  switch (scope.chain.type) {
    case ValueType::Regex:
      return lower_regex(v, scope);
    case ValueType::Cidr:
      return lower_cidr(v, scope);
    case ValueType::Number:
      return lower_number(v, scope);
    case ValueType::Time:
      return lower_time(v, scope);
    case ValueType::Exists:
      return lower_exists(v, scope);
    case ValueType::FieldRef:
      return lower_fieldref(v, scope);
    case ValueType::String:
      break;
  }
  return lower_string_value(v, scope);
}

}  // namespace sigma::modifiers
