// Detection items to IR: applies a `field|mod1|mod2: values` item's modifier chain to its values
// and lowers the result to leaves and AND/OR/NOT nodes.
//
// This file's external interface is item_to_ir(). Semantics: the Sigma 2.1 modifiers appendix,
// with pySigma's choices where the spec leaves one (see docs/language.md).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/ir/ir.hpp"

namespace sigma::modifiers {

// Values for an `|expand` placeholder `%name%`, as processing pipelines define them; nullopt
// when nothing defines the name.
using PlaceholderResolver =
    std::function<std::optional<std::vector<std::string>>(std::string_view name)>;

struct ItemContext {
  ir::FieldTable& fields;
  ir::LeafTable& leaves;
  diag::Sink& diags;
  const PlaceholderResolver* placeholders = nullptr;  // may be null
};

// Lowers one item. Returns nullopt when the item is refused; every reason is in ctx.diags.
std::optional<ir::Node> item_to_ir(const ast::DetectionItem& item, ItemContext& ctx);

// The modifier names this compiler knows, for "did you mean" hints and docs.
const std::vector<std::string_view>& known_modifiers();

}  // namespace sigma::modifiers
