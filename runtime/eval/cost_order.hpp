// Cheap predicates first: the engine's own copy of each rule tree, with the children of every
// AND / OR ordered by estimated cost, so short-circuiting skips the costly leaves (regexes,
// substring searches over long text) whenever a cheap one (EventID == 1) already decides.
// Reordering is sound because evaluation has no side effects.
#pragma once

#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine_impl.hpp"

namespace sigma::runtime {

// Relative cost of evaluating one leaf on a typical event (arbitrary units).
float leaf_cost(const LeafMatcher& leaf, std::uint32_t keyword_slot);

// Trees deeper than this are left as they are (and to the plain evaluation by the prefilter):
// copying or walking them recursively could overflow the stack.
inline constexpr std::size_t kMaxReorderDepth = 256;

// The depth of a tree (a leaf is 1), counted without recursion.
std::size_t tree_depth(const ir::Node& root);

// A copy of `root` with AND / OR children sorted by cost (stable: equal costs keep rule order).
// `root` must be at most kMaxReorderDepth deep.
ir::Node cheap_first(const ir::Node& root, const std::vector<float>& leaf_costs);

}  // namespace sigma::runtime
