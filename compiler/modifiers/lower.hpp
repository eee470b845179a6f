// Internal to the modifiers module: one value of an item lowered to a node over leaves.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "compiler/modifiers/item2ir.hpp"
#include "compiler/modifiers/modifier_chain.hpp"

namespace sigma::modifiers {

// windash may vary at most four characters of one value (5^4 variants); more is S0111.
inline constexpr std::size_t kMaxWindashVariants = 625;
// Any value may expand (windash x expand) to at most this many alternatives.
inline constexpr std::size_t kMaxAlternatives = 4096;

struct ValueScope {
  const ast::DetectionItem& item;
  const ModifierChain& chain;
  ItemContext& ctx;
  ir::FieldId field;      // ir::kKeywords for keyword items
  ir::LeafTable& leaves;  // the item's own leaves, moved to ctx.leaves once all values lower
};

// AND/OR with constants folded and one child unwrapped; the optimiser does the rest.
ir::Node combine(ir::Op op, std::vector<ir::Node> children);

ir::Node make_leaf(const ValueScope& scope, ir::Predicate pred);

// For ValueType::String chains (including null values).
std::optional<ir::Node> lower_string_value(const ast::Value& v, const ValueScope& scope);

// For every other ValueType.
std::optional<ir::Node> lower_typed_value(const ast::Value& v, const ValueScope& scope);

}  // namespace sigma::modifiers
