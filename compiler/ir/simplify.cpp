#include "compiler/ir/simplify.hpp"

#include <algorithm>

namespace sigma::ir {

Node simplify(Node node) {
  switch (node.op) {
    case Op::True:
    case Op::False:
    case Op::Leaf:
      return node;
    case Op::Not: {
      Node inner = simplify(std::move(node.children.front()));
      if (inner.op == Op::True) return Node::constant(false);
      if (inner.op == Op::False) return Node::constant(true);
      if (inner.op == Op::Not) return std::move(inner.children.front());
      return Node::make_not(std::move(inner));
    }
    case Op::And:
    case Op::Or:
      break;
  }
  const bool is_and = node.op == Op::And;
  // The constant that decides the whole node (false for AND) and the one that is neutral.
  const Op absorbing = is_and ? Op::False : Op::True;
  const Op neutral = is_and ? Op::True : Op::False;
  std::vector<Node> kids;
  kids.reserve(node.children.size());
  const auto add = [&](Node child) {
    if (std::find(kids.begin(), kids.end(), child) == kids.end()) kids.push_back(std::move(child));
  };
  for (auto& raw : node.children) {
    Node child = simplify(std::move(raw));
    if (child.op == absorbing) return Node::constant(!is_and);
    if (child.op == neutral) continue;
    if (child.op == node.op) {
      for (auto& grandchild : child.children) add(std::move(grandchild));
    } else {
      add(std::move(child));
    }
  }
  if (kids.empty()) return Node::constant(is_and);
  if (kids.size() == 1) return std::move(kids.front());
  return Node::make(node.op, std::move(kids));
}

}  // namespace sigma::ir
