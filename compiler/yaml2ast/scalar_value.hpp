// Plain YAML scalars typed as YAML 1.2's core schema does: null, booleans, integers, floats;
// quoted and block scalars are always strings.
#pragma once

#include "compiler/ast/rule_ast.hpp"

namespace sigma::yaml2ast {

ast::Value scalar_value(const ast::YamlNode& node);

}  // namespace sigma::yaml2ast
