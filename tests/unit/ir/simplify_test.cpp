// The simplifier: structure tests, and a truth table proving it keeps the meaning.
#include <catch.hpp>

#include <functional>

#include "compiler/ir/simplify.hpp"

using namespace sigma::ir;

namespace {

Node L(LeafId id) { return Node::make_leaf(id); }
Node And(std::vector<Node> c) { return Node::make(Op::And, std::move(c)); }
Node Or(std::vector<Node> c) { return Node::make(Op::Or, std::move(c)); }
Node Not(Node n) { return Node::make_not(std::move(n)); }

std::string show(const Node& n) {
  switch (n.op) {
    case Op::True: return "T";
    case Op::False: return "F";
    case Op::Leaf: return std::to_string(n.leaf);
    case Op::Not: return "!" + show(n.children[0]);
    default: break;
  }
  std::string s = n.op == Op::And ? "and(" : "or(";
  for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? "," : "") + show(n.children[i]);
  return s + ")";
}

bool eval(const Node& n, unsigned bits) {
  switch (n.op) {
    case Op::True: return true;
    case Op::False: return false;
    case Op::Leaf: return (bits >> n.leaf) & 1;
    case Op::Not: return !eval(n.children[0], bits);
    case Op::And:
      for (const auto& c : n.children) if (!eval(c, bits)) return false;
      return true;
    case Op::Or:
      for (const auto& c : n.children) if (eval(c, bits)) return true;
      return false;
  }
  return false;
}

}  // namespace

TEST_CASE("simplify flattens, deduplicates and folds") {
  CHECK(show(simplify(And({L(0), And({L(1), L(2)})}))) == "and(0,1,2)");
  CHECK(show(simplify(Or({L(0), Or({L(1), L(0)})}))) == "or(0,1)");
  CHECK(show(simplify(And({L(0), Node::constant(true)}))) == "0");
  CHECK(show(simplify(And({L(0), Node::constant(false)}))) == "F");
  CHECK(show(simplify(Or({L(0), Node::constant(true)}))) == "T");
  CHECK(show(simplify(Or({Node::constant(false), Node::constant(false)}))) == "F");
  CHECK(show(simplify(Not(Not(L(3))))) == "3");
  CHECK(show(simplify(Not(Node::constant(false)))) == "T");
  CHECK(show(simplify(And({}))) == "T");
  CHECK(show(simplify(Or({}))) == "F");
  CHECK(show(simplify(And({Or({L(0)}), Not(And({L(1), L(1)}))}))) == "and(0,!1)");
}

TEST_CASE("simplify keeps the truth table of every tree") {
  const std::vector<Node> trees = {
      And({L(0), Or({L(1), And({L(2), Node::constant(true)})}), Not(Or({L(0), Node::constant(false)}))}),
      Or({And({L(0), L(1)}), And({L(1), L(0)}), Not(Not(L(2)))}),
      Not(And({Or({L(0), L(1)}), Or({L(1), L(2)}), Node::constant(true)})),
      Or({Not(L(0)), And({L(0), Or({L(1), Or({L(2), L(0)})})})}),
  };
  for (const auto& t : trees) {
    const Node s = simplify(t);
    for (unsigned bits = 0; bits < 8; ++bits) CHECK(eval(t, bits) == eval(s, bits));
  }
}
