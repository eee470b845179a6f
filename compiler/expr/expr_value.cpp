#include "compiler/expr/expr_value.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "compiler/expr/expr_lex.hpp"

namespace sigma::expr {

std::optional<Number> parse_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && lex::is_digit(s[i])) ++i, ++int_digits;
  bool fraction = i < s.size() && s[i] == '.';
  if (fraction) {
    ++i;
    while (i < s.size() && lex::is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  bool exponent = i < s.size() && (s[i] == 'e' || s[i] == 'E');
  if (exponent) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && lex::is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;

  // from_chars accepts neither a leading '+' nor (for integers) a '-' we already consumed.
  std::string_view body = s;
  if (!body.empty() && body.front() == '+') body.remove_prefix(1);
  Number n;
  if (!fraction && !exponent) {
    auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), n.i);
    if (ec == std::errc() && p == body.data() + body.size()) return n;
  }
  n.is_int = false;
  auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), n.d);
  if (ec == std::errc::result_out_of_range) {
    // Rare: let strtod pick +-inf (overflow) or 0 / a denormal (underflow).
    std::string copy(body);
    n.d = std::strtod(copy.c_str(), nullptr);
    return n;
  }
  if (ec != std::errc()) return std::nullopt;
  return n;
}

std::optional<Number> numeric(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int:
      return Number{true, v.integer, 0};
    case Value::Kind::Float:
      return Number{false, 0, v.real};
    case Value::Kind::String:
      return parse_number(v.text);
    default:
      return std::nullopt;
  }
}

std::size_t format_int(char* out, std::int64_t i) {
  auto r = std::to_chars(out, out + kNumberChars, i);
  return static_cast<std::size_t>(r.ptr - out);
}

std::size_t format_double(char* out, double d) {
  if (std::isnan(d)) return std::strlen(std::strcpy(out, "nan"));
  if (std::isinf(d)) return std::strlen(std::strcpy(out, d < 0 ? "-inf" : "inf"));
  if (d == 0) return std::strlen(std::strcpy(out, "0"));  // -0 too
  double a = std::fabs(d);
  auto fmt = (a >= 1e-6 && a < 1e21) ? std::chars_format::fixed : std::chars_format::general;
  auto r = std::to_chars(out, out + kNumberChars, d, fmt);
  return static_cast<std::size_t>(r.ptr - out);
}

std::optional<std::string_view> scalar_text(const Value& v, TextBuffer& buf) {
  switch (v.kind) {
    case Value::Kind::Bool:
      return v.boolean ? "true" : "false";
    case Value::Kind::Int:
      return std::string_view(buf.data, format_int(buf.data, v.integer));
    case Value::Kind::Float:
      return std::string_view(buf.data, format_double(buf.data, v.real));
    case Value::Kind::String:
      return v.text;
    default:
      return std::nullopt;
  }
}

}  // namespace sigma::expr
