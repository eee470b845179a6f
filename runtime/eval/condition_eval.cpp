// Evaluates a rule's boolean tree with short-circuit AND / OR / NOT.
//
// The walk uses an explicit stack kept in the Scratch (no recursion, so no depth limit to guard
// and no stack overflow on a pathological tree; no allocation once the stack has grown).
// `result` always holds the value of the subtree that finished last. One walk serves both
// shapes of a condition: a tree (the extension's selections) and the engine's flat program
// (rules), through the few questions it asks of a node.
#include "runtime/eval/engine_impl.hpp"

namespace sigma::runtime {
namespace {

// A tree: each node's children in a vector of its own.
struct TreeNodes {
  using Ref = const ir::Node*;
  ir::Op op(Ref n) const { return n->op; }
  ir::LeafId leaf(Ref n) const { return n->leaf; }
  Ref first(Ref n) const { return n->children.data(); }
  Ref end(Ref n) const { return n->children.data() + n->children.size(); }
  Ref next(Ref child) const { return child + 1; }
};

// The flat program: a node's children follow it, each next one at the end of the one before.
struct FlatNodes {
  using Ref = std::uint32_t;
  const Engine::Impl::FlatNode* nodes;
  ir::Op op(Ref n) const { return nodes[n].op; }
  ir::LeafId leaf(Ref n) const { return nodes[n].leaf; }
  Ref first(Ref n) const { return n + 1; }
  Ref end(Ref n) const { return nodes[n].end; }
  Ref next(Ref child) const { return nodes[child].end; }
};

template <class Nodes>
bool walk(Scratch::Impl& s, const Nodes& t, typename Nodes::Ref root,
          std::vector<Scratch::Impl::Frame<typename Nodes::Ref>>& stack) {
  // Most rule trees are a single leaf or a flat AND/OR of leaves: answer those directly.
  switch (t.op(root)) {
    case ir::Op::True: return true;
    case ir::Op::False: return false;
    case ir::Op::Leaf: return s.leaf(t.leaf(root));
    default: break;
  }

  stack.clear();
  stack.push_back({root, t.first(root)});
  bool result = false;
  while (!stack.empty()) {
    auto& f = stack.back();
    const auto n = f.node;
    switch (t.op(n)) {
      case ir::Op::True:
      case ir::Op::False:
        result = t.op(n) == ir::Op::True;
        stack.pop_back();
        continue;
      case ir::Op::Leaf:
        result = s.leaf(t.leaf(n));
        stack.pop_back();
        continue;
      case ir::Op::Not:
        if (f.next == t.first(n) && f.next != t.end(n)) {
          const auto child = f.next;
          f.next = t.end(n);
          stack.push_back({child, t.first(child)});  // invalidates f
        } else {
          result = !result;
          stack.pop_back();
        }
        continue;
      case ir::Op::And:
      case ir::Op::Or: {
        const bool is_and = t.op(n) == ir::Op::And;
        // A child just finished: AND stops at the first false, OR at the first true.
        if (f.next != t.first(n) && result != is_and) {
          stack.pop_back();
          continue;
        }
        // Leaf children (most of a long OR list) are answered here, without a frame each.
        const auto end = t.end(n);
        bool decided = false;
        while (f.next != end && t.op(f.next) == ir::Op::Leaf) {
          const auto child = f.next;
          f.next = t.next(child);
          if (s.leaf(t.leaf(child)) != is_and) {
            decided = true;
            break;
          }
        }
        if (decided || f.next == end) {
          result = decided ? !is_and : is_and;  // decided early, or every child agreed
          stack.pop_back();
          continue;
        }
        const auto child = f.next;
        f.next = t.next(child);
        stack.push_back({child, t.first(child)});  // invalidates f
        continue;
      }
    }
  }
  return result;
}

}  // namespace

bool Scratch::Impl::eval(const ir::Node& root) { return walk(*this, TreeNodes{}, &root, stack); }

bool Scratch::Impl::eval_rule(std::uint32_t rule) {
  return walk(*this, FlatNodes{engine->flat.data()}, engine->flat_roots[rule], flat_stack);
}

}  // namespace sigma::runtime
