// The linear pre-scan run before the X3 grammar: length, unterminated quotes, nesting depth.
#pragma once

#include <optional>
#include <string_view>

#include "compiler/expr/expr_ast.hpp"

namespace sigma::expr {

// The first reason the text must not reach the recursive parser, if any.
std::optional<Error> prescan_expression(std::string_view text);

}  // namespace sigma::expr
