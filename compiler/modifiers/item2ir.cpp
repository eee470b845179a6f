// item_to_ir(): checks the item, parses its modifier chain, lowers each value, links the values
// with OR (AND under `all`) and negates the whole item under `neq` (so a missing field
// satisfies `neq`, as in pySigma).
//
// Leaves are built in a table of the item's own and moved to ctx.leaves only when every value
// lowered, so a refused item leaves nothing behind in the shared table.
#include "compiler/modifiers/item2ir.hpp"

#include <fmt/format.h>

#include "compiler/modifiers/lower.hpp"
#include "compiler/modifiers/modifier_chain.hpp"

namespace sigma::modifiers {
namespace {

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Moves a node's leaves from the item's table to the shared one.
ir::Node reintern(const ir::Node& n, const ir::LeafTable& local, ir::LeafTable& shared) {
  if (n.op == ir::Op::Leaf) return ir::Node::make_leaf(shared.intern(local[n.leaf]));
  ir::Node out{n.op, 0, {}};
  out.children.reserve(n.children.size());
  for (const auto& c : n.children) out.children.push_back(reintern(c, local, shared));
  return out;
}

}  // namespace

ir::Node combine(ir::Op op, std::vector<ir::Node> children) {
  const bool is_and = op == ir::Op::And;
  const ir::Op absorbing = is_and ? ir::Op::False : ir::Op::True;
  const ir::Op neutral = is_and ? ir::Op::True : ir::Op::False;
  std::vector<ir::Node> kept;
  for (auto& c : children) {
    if (c.op == absorbing) return ir::Node::constant(!is_and);
    if (c.op != neutral) kept.push_back(std::move(c));
  }
  if (kept.empty()) return ir::Node::constant(is_and);
  if (kept.size() == 1) return std::move(kept.front());
  return ir::Node::make(op, std::move(kept));
}

ir::Node make_leaf(const ValueScope& scope, ir::Predicate pred) {
  return ir::Node::make_leaf(scope.leaves.intern(ir::Leaf{scope.field, std::move(pred)}));
}

std::optional<ir::Node> item_to_ir(const ast::DetectionItem& item, ItemContext& ctx) {
  const std::size_t errors_before = ctx.diags.error_count();
  const bool keyword = item.field.empty();
  if (!keyword && is_blank(item.field))
    ctx.diags.error(diag::code::kFieldName, item.key_pos,
                    fmt::format("field name `{}` is blank", item.field));
  const auto chain = parse_chain(item, ctx.diags);
  if (item.values.empty())
    ctx.diags.error(diag::code::kEmptySelection, item.pos,
                    keyword ? std::string("empty keyword list")
                            : fmt::format("`{}` has an empty list of values", item.field),
                    "give at least one value, or use `null` or `exists` for a missing field");
  if (!chain || ctx.diags.error_count() != errors_before) return std::nullopt;

  if (chain->all && item.values.size() == 1 && !item.value_is_list)
    ctx.diags.warning(diag::code::kAllSingleValue, chain->all_pos,
                      "`all` on a single value: the specification allows it only on lists", {}, 3);
  if (chain->type == ValueType::Exists && item.values.size() != 1) {
    ctx.diags.error(diag::code::kValueType, item.pos,
                    "`exists` takes one value, true or false, not a list");
    return std::nullopt;
  }

  ir::LeafTable local;
  const ValueScope scope{item, *chain, ctx, keyword ? ir::kKeywords : ctx.fields.intern(item.field),
                         local};
  std::vector<ir::Node> nodes;
  bool ok = true;
  for (const auto& v : item.values) {
    auto n = chain->type == ValueType::String ? lower_string_value(v, scope)
                                              : lower_typed_value(v, scope);
    if (n)
      nodes.push_back(std::move(*n));
    else
      ok = false;  // keep going: report every bad value
  }
  if (!ok) return std::nullopt;

  ir::Node node =
      reintern(combine(chain->all ? ir::Op::And : ir::Op::Or, std::move(nodes)), local, ctx.leaves);
  if (chain->neq) {
    node = node.op == ir::Op::True || node.op == ir::Op::False
               ? ir::Node::constant(node.op == ir::Op::False)
               : ir::Node::make_not(std::move(node));
  }
  return node;
}

}  // namespace sigma::modifiers
