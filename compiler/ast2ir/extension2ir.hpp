// The eval / score / where / fields / sort extension of a rule -> ir::Extension and the rule's
// output columns (docs/language.md, "The extension").
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/ir/ir.hpp"

namespace sigma::ast2ir {

// Compiles the rule's extension attributes and sets out.extension (null when the rule has none)
// and out.columns (its `fields`, or else the fields its condition reads). `out.selections` and
// `out.condition` must be set. Returns false, with diagnostics, when any part is invalid.
bool compile_extension(const ast::Rule& rule, ir::FieldTable& fields, const ir::LeafTable& leaves,
                       ir::Rule& out, diag::Sink& diags);

}  // namespace sigma::ast2ir
