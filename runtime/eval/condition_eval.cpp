// Evaluates a rule's boolean tree with short-circuit AND / OR / NOT.
//
// The walk uses an explicit stack kept in the Scratch (no recursion, so no depth limit to guard
// and no stack overflow on a pathological tree; no allocation once the stack has grown).
// `result` always holds the value of the subtree that finished last.
#include "runtime/eval/engine_impl.hpp"

namespace sigma::runtime {

bool Scratch::Impl::eval(const ir::Node& root) {
  // Most rule trees are a single leaf or a flat AND/OR of leaves: answer those directly.
  switch (root.op) {
    case ir::Op::True: return true;
    case ir::Op::False: return false;
    case ir::Op::Leaf: return leaf(root.leaf);
    default: break;
  }

  stack.clear();
  stack.push_back(Frame{&root, 0});
  bool result = false;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const ir::Node& n = *f.node;
    switch (n.op) {
      case ir::Op::True:
      case ir::Op::False:
        result = n.op == ir::Op::True;
        stack.pop_back();
        continue;
      case ir::Op::Leaf:
        result = leaf(n.leaf);
        stack.pop_back();
        continue;
      case ir::Op::Not:
        if (f.next == 0 && !n.children.empty()) {
          f.next = 1;
          stack.push_back(Frame{&n.children.front(), 0});  // invalidates f
        } else {
          result = !result;
          stack.pop_back();
        }
        continue;
      case ir::Op::And:
      case ir::Op::Or: {
        const bool is_and = n.op == ir::Op::And;
        // A child just finished: AND stops at the first false, OR at the first true.
        if (f.next > 0 && result != is_and) {
          stack.pop_back();
          continue;
        }
        // Leaf children (most of a long OR list) are answered here, without a frame each.
        const std::size_t count = n.children.size();
        bool decided = false;
        while (f.next < count && n.children[f.next].op == ir::Op::Leaf) {
          if (leaf(n.children[f.next++].leaf) != is_and) {
            decided = true;
            break;
          }
        }
        if (decided || f.next == count) {
          result = decided ? !is_and : is_and;  // decided early, or every child agreed
          stack.pop_back();
          continue;
        }
        const ir::Node* child = &n.children[f.next++];
        stack.push_back(Frame{child, 0});  // invalidates f
        continue;
      }
    }
  }
  return result;
}

// eval() over the flat program: the same walk, a node's children found by index (the first
// right after it, each next one at the end of the one before).
bool Scratch::Impl::eval_rule(std::uint32_t rule) {
  const Engine::Impl::FlatNode* const nodes = engine->flat.data();
  const std::uint32_t root = engine->flat_roots[rule];
  switch (nodes[root].op) {
    case ir::Op::True: return true;
    case ir::Op::False: return false;
    case ir::Op::Leaf: return leaf(nodes[root].leaf);
    default: break;
  }

  flat_stack.clear();
  flat_stack.push_back(FlatFrame{root, root + 1});
  bool result = false;
  while (!flat_stack.empty()) {
    FlatFrame& f = flat_stack.back();
    const Engine::Impl::FlatNode& n = nodes[f.node];
    switch (n.op) {
      case ir::Op::True:
      case ir::Op::False:
        result = n.op == ir::Op::True;
        flat_stack.pop_back();
        continue;
      case ir::Op::Leaf:
        result = leaf(n.leaf);
        flat_stack.pop_back();
        continue;
      case ir::Op::Not:
        if (f.next == f.node + 1 && f.next < n.end) {
          const std::uint32_t child = f.next;
          f.next = n.end;
          flat_stack.push_back(FlatFrame{child, child + 1});  // invalidates f
        } else {
          result = !result;
          flat_stack.pop_back();
        }
        continue;
      case ir::Op::And:
      case ir::Op::Or: {
        const bool is_and = n.op == ir::Op::And;
        // A child just finished: AND stops at the first false, OR at the first true.
        if (f.next > f.node + 1 && result != is_and) {
          flat_stack.pop_back();
          continue;
        }
        // Leaf children (most of a long OR list) are answered here, without a frame each.
        bool decided = false;
        while (f.next < n.end && nodes[f.next].op == ir::Op::Leaf) {
          if (leaf(nodes[f.next++].leaf) != is_and) {
            decided = true;
            break;
          }
        }
        if (decided || f.next == n.end) {
          result = decided ? !is_and : is_and;  // decided early, or every child agreed
          flat_stack.pop_back();
          continue;
        }
        const std::uint32_t child = f.next;
        f.next = nodes[child].end;
        flat_stack.push_back(FlatFrame{child, child + 1});  // invalidates f
        continue;
      }
    }
  }
  return result;
}

}  // namespace sigma::runtime
