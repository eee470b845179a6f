// A detection section (selections + conditions) -> one IR condition tree.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/modifiers/item2ir.hpp"

namespace sigma::ast2ir {

struct CompiledDetection {
  ir::Node condition;
  std::vector<std::pair<std::string, ir::Node>> selections;  // simplified, by name
};

// Compiles the selections, ORs the conditions and ANDs the selections a processing pipeline
// requires (`required`). nullopt when anything was refused.
std::optional<CompiledDetection> compile_detection(
    const std::vector<ast::Selection>& selections, const std::vector<ast::YamlNode>& conditions,
    const std::vector<ast::Rule::RequiredSelection>& required, modifiers::ItemContext& ctx);

}  // namespace sigma::ast2ir
