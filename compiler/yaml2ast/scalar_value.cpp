#include "compiler/yaml2ast/scalar_value.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace sigma::yaml2ast {
namespace {

bool is_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool parse_bool(std::string_view s, bool& b) {
  if (s == "true" || s == "True" || s == "TRUE") return b = true, true;
  if (s == "false" || s == "False" || s == "FALSE") return b = false, true;
  return false;
}

bool parse_int(std::string_view s, std::int64_t& v) {
  int base = 10;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.starts_with("0x")) base = 16, s.remove_prefix(2);
  else if (s.starts_with("0o")) base = 8, s.remove_prefix(2);
  if (s.empty()) return false;
  std::uint64_t u = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), u, base);
  if (ec != std::errc() || end != s.data() + s.size()) return false;
  if (u > static_cast<std::uint64_t>(INT64_MAX)) return false;
  v = negative ? -static_cast<std::int64_t>(u) : static_cast<std::int64_t>(u);
  return true;
}

bool parse_float(std::string_view s, double& d) {
  // Core schema: [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  const auto int_digits = digits();
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    frac_digits = digits();
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  if (i != s.size()) return false;
  std::string_view body = s;
  if (body[0] == '+') body.remove_prefix(1);
  const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
  return ec == std::errc() && end == body.data() + body.size() && std::isfinite(d);
}

}  // namespace

ast::Value scalar_value(const ast::YamlNode& node) {
  ast::Value v;
  v.pos = node.content;
  v.text = node.scalar;
  if (node.kind == ast::YamlNode::Kind::Null) {
    v.kind = ast::Value::Kind::Null;
    return v;
  }
  if (node.style != ast::YamlNode::Style::Plain) return v;  // a string
  if (is_null(node.scalar)) {
    v.kind = ast::Value::Kind::Null;
  } else if (parse_bool(node.scalar, v.boolean)) {
    v.kind = ast::Value::Kind::Bool;
    v.text = v.boolean ? "true" : "false";
  } else if (parse_int(node.scalar, v.integer)) {
    v.kind = ast::Value::Kind::Int;
    // The text stays as written: logs show hex values such as 0x1f4 as text, not as 500.
  } else if (parse_float(node.scalar, v.real)) {
    v.kind = ast::Value::Kind::Float;
  }
  return v;
}

}  // namespace sigma::yaml2ast
