#include "runtime/eval/cost_order.hpp"

#include <algorithm>
#include <numeric>

namespace sigma::runtime {
namespace {

float text_cost(const match::TextMatcher& m) {
  switch (m.op()) {
    case match::TextOp::Exact: return 1.0f;
    case match::TextOp::Prefix:
    case match::TextOp::Suffix: return 1.5f;
    case match::TextOp::Contains: return 4.0f;
    case match::TextOp::Glob: return 8.0f;
  }
  return 4.0f;
}

// Reorders below `root` and sets `cost` to the subtree's cost: an upper bound (every child
// evaluated), which is what ordering needs.
ir::Node reorder(const ir::Node& root, const std::vector<float>& leaf_costs, float& cost) {
  ir::Node out{root.op, root.leaf, {}};
  cost = 0.0f;
  if (root.op == ir::Op::Leaf) cost = root.leaf < leaf_costs.size() ? leaf_costs[root.leaf] : 1.0f;
  std::vector<float> costs(root.children.size());
  out.children.reserve(root.children.size());
  for (std::size_t i = 0; i < root.children.size(); ++i) {
    out.children.push_back(reorder(root.children[i], leaf_costs, costs[i]));
    cost += costs[i];
  }
  if (out.op != ir::Op::And && out.op != ir::Op::Or) return out;
  std::vector<std::size_t> order(costs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return costs[a] < costs[b]; });
  std::vector<ir::Node> sorted;
  sorted.reserve(order.size());
  for (std::size_t i : order) sorted.push_back(std::move(out.children[i]));
  out.children = std::move(sorted);
  return out;
}

}  // namespace

float leaf_cost(const LeafMatcher& leaf, std::uint32_t keyword_slot) {
  // Keyword leaves search the whole raw record, several times the text of one field.
  const float scale = leaf.slot == keyword_slot ? 6.0f : 1.0f;
  return scale * std::visit(
                     [](const auto& m) -> float {
                       using T = std::decay_t<decltype(m)>;
                       if constexpr (std::is_same_v<T, leaf::String>) return text_cost(m.m);
                       else if constexpr (std::is_same_v<T, leaf::Regex>) return 24.0f;
                       else if constexpr (std::is_same_v<T, leaf::Exists> ||
                                          std::is_same_v<T, leaf::IsNull>)
                         return 0.5f;
                       else if constexpr (std::is_same_v<T, leaf::Number>) return 1.0f;
                       else if constexpr (std::is_same_v<T, leaf::Time>) return 10.0f;
                       else return 5.0f;  // Cidr, FieldRef
                     },
                     leaf.m);
}

std::size_t tree_depth(const ir::Node& root) {
  std::size_t deepest = 0;
  std::vector<std::pair<const ir::Node*, std::size_t>> todo{{&root, 1}};
  while (!todo.empty()) {
    const auto [n, d] = todo.back();
    todo.pop_back();
    deepest = std::max(deepest, d);
    for (const ir::Node& c : n->children) todo.emplace_back(&c, d + 1);
  }
  return deepest;
}

ir::Node cheap_first(const ir::Node& root, const std::vector<float>& leaf_costs) {
  float cost = 0.0f;
  return reorder(root, leaf_costs, cost);
}

}  // namespace sigma::runtime
