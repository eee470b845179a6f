#include "compiler/modifiers/values.hpp"

#include <charconv>
#include <cmath>

namespace sigma::modifiers {
namespace {

bool equals_ascii_nocase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::string value_text(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::Null:
      return "null";
    case ast::Value::Kind::Bool:
      return v.boolean ? "true" : "false";
    case ast::Value::Kind::Int:
      return std::to_string(v.integer);
    case ast::Value::Kind::Float:
    case ast::Value::Kind::String:
      return v.text;
  }
  return v.text;
}

std::optional<double> value_number(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::Int:
      return static_cast<double>(v.integer);
    case ast::Value::Kind::Float:
      return v.real;
    case ast::Value::Kind::String: {
      double d = 0;
      const char* end = v.text.data() + v.text.size();
      const auto [ptr, ec] = std::from_chars(v.text.data(), end, d);
      if (v.text.empty() || ec != std::errc() || ptr != end || !std::isfinite(d))
        return std::nullopt;
      return d;
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::int64_t> value_integer(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::Int:
      return v.integer;
    case ast::Value::Kind::Float:
      if (std::isfinite(v.real) && std::trunc(v.real) == v.real && std::fabs(v.real) < 1e15)
        return static_cast<std::int64_t>(v.real);
      return std::nullopt;
    case ast::Value::Kind::String: {
      std::int64_t n = 0;
      const char* end = v.text.data() + v.text.size();
      const auto [ptr, ec] = std::from_chars(v.text.data(), end, n);
      if (v.text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
      return n;
    }
    default:
      return std::nullopt;
  }
}

std::optional<bool> value_bool(const ast::Value& v) {
  if (v.kind == ast::Value::Kind::Bool) return v.boolean;
  if (v.kind != ast::Value::Kind::String) return std::nullopt;
  if (equals_ascii_nocase(v.text, "true")) return true;
  if (equals_ascii_nocase(v.text, "false")) return false;
  return std::nullopt;
}

std::string_view describe(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::Null:
      return "null";
    case ast::Value::Kind::Bool:
      return "a boolean";
    case ast::Value::Kind::Int:
      return "an integer";
    case ast::Value::Kind::Float:
      return "a number";
    case ast::Value::Kind::String:
      return "a string";
  }
  return "a value";
}

}  // namespace sigma::modifiers
