// Reading an ast::Value as text, number, integer or boolean, the way the modifiers need it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/ast/rule_ast.hpp"

namespace sigma::modifiers {

// The text a value is matched by: strings as written, integers in decimal (pySigma's str(int),
// so `0x10` is "16"), floats as written, booleans "true"/"false", null "null".
std::string value_text(const ast::Value& v);

// Integers, floats, and strings that are entirely one finite decimal number ("42", "-1.5").
std::optional<double> value_number(const ast::Value& v);

// Integers, integral floats, and strings that are entirely one decimal integer.
std::optional<std::int64_t> value_integer(const ast::Value& v);

// Booleans, and the strings "true"/"false" in any case.
std::optional<bool> value_bool(const ast::Value& v);

// "a string", "an integer"... for messages.
std::string_view describe(const ast::Value& v);

}  // namespace sigma::modifiers
