// Condition logic as truth tables over a mock event (falco style): three fields a, b, c, each
// "1" or "0", and AND / OR / NOT trees compared with the same formula in C++.
#include <catch.hpp>

#include <functional>
#include <random>

#include "tests/unit/eval/eval_fixture.hpp"

using namespace sigma;
using namespace sigma::test;

namespace {

struct Case {
  const char* name;
  std::function<ir::Node(ir::LeafId, ir::LeafId, ir::LeafId)> tree;
  std::function<bool(bool, bool, bool)> truth;
};

}  // namespace

TEST_CASE("AND / OR / NOT truth tables", "[logic]") {
  const std::vector<Case> cases = {
      {"a", [](auto a, auto, auto) { return L(a); }, [](bool a, bool, bool) { return a; }},
      {"not a", [](auto a, auto, auto) { return Not(L(a)); },
       [](bool a, bool, bool) { return !a; }},
      {"a and b", [](auto a, auto b, auto) { return And({L(a), L(b)}); },
       [](bool a, bool b, bool) { return a && b; }},
      {"a or b", [](auto a, auto b, auto) { return Or({L(a), L(b)}); },
       [](bool a, bool b, bool) { return a || b; }},
      {"a and b and c", [](auto a, auto b, auto c) { return And({L(a), L(b), L(c)}); },
       [](bool a, bool b, bool c) { return a && b && c; }},
      {"a or b or c", [](auto a, auto b, auto c) { return Or({L(a), L(b), L(c)}); },
       [](bool a, bool b, bool c) { return a || b || c; }},
      {"a and not b", [](auto a, auto b, auto) { return And({L(a), Not(L(b))}); },
       [](bool a, bool b, bool) { return a && !b; }},
      {"not (a or b)", [](auto a, auto b, auto) { return Not(Or({L(a), L(b)})); },
       [](bool a, bool b, bool) { return !(a || b); }},
      {"not (a and b)", [](auto a, auto b, auto) { return Not(And({L(a), L(b)})); },
       [](bool a, bool b, bool) { return !(a && b); }},
      {"a and (b or not c)", [](auto a, auto b, auto c) { return And({L(a), Or({L(b), Not(L(c))})}); },
       [](bool a, bool b, bool c) { return a && (b || !c); }},
      {"(a or b) and not (b and c)",
       [](auto a, auto b, auto c) { return And({Or({L(a), L(b)}), Not(And({L(b), L(c)}))}); },
       [](bool a, bool b, bool c) { return (a || b) && !(b && c); }},
      {"not not a or (b and c)",
       [](auto a, auto b, auto c) { return Or({Not(Not(L(a))), And({L(b), L(c)})}); },
       [](bool a, bool b, bool c) { return a || (b && c); }},
      {"a and true", [](auto a, auto, auto) { return And({L(a), ir::Node::constant(true)}); },
       [](bool a, bool, bool) { return a; }},
      {"a or false", [](auto a, auto, auto) { return Or({L(a), ir::Node::constant(false)}); },
       [](bool a, bool, bool) { return a; }},
      {"empty and", [](auto, auto, auto) { return And({}); }, [](bool, bool, bool) { return true; }},
      {"empty or", [](auto, auto, auto) { return Or({}); }, [](bool, bool, bool) { return false; }},
  };

  for (const Case& c : cases) {
    ProgramBuilder pb;
    const auto a = pb.eq("a", "1"), b = pb.eq("b", "1"), cc = pb.eq("c", "1");
    pb.rule(c.name, c.tree(a, b, cc));
    const runtime::Engine engine(pb.build());
    for (int bits = 0; bits < 8; ++bits) {
      const bool va = bits & 1, vb = bits & 2, vc = bits & 4;
      MockEvent ev{{"a", {str(va ? "1" : "0")}}, {"b", {str(vb ? "1" : "0")}},
                   {"c", {str(vc ? "1" : "0")}}};
      INFO(c.name << " with a=" << va << " b=" << vb << " c=" << vc);
      CHECK(eval_once(engine, engine.program().rules[0].condition, ev) == c.truth(va, vb, vc));
    }
  }
}

TEST_CASE("short-circuit skips work", "[logic]") {
  ProgramBuilder pb;
  const auto a = pb.eq("a", "1"), b = pb.eq("b", "1");
  pb.rule("and", And({L(a), L(b)}));
  pb.rule("or", Or({Not(L(a)), L(b)}));
  const runtime::Engine engine(pb.build());
  MockEvent ev{{"a", {str("0")}}, {"b", {str("1")}}};
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;
  runtime::match(engine, ev, scratch, hits);
  CHECK(hits == std::vector<std::uint32_t>{1});
  // "and" stops at a; "or" stops at not a: b is never needed.
  CHECK(ev.lookups("b") == 0);
  CHECK(scratch.stats().leaf_evals == 1);
}

TEST_CASE("rules match in rule order", "[logic]") {
  ProgramBuilder pb;
  const auto a = pb.eq("a", "1");
  pb.rule("first", L(a));
  pb.rule("never", ir::Node::constant(false));
  pb.rule("always", ir::Node::constant(true));
  pb.rule("not a", Not(L(a)));
  pb.rule("a again", L(a));
  const runtime::Engine engine(pb.build());
  CHECK(matching(engine, MockEvent{{"a", {str("1")}}}) ==
        std::vector<std::string>{"first", "always", "a again"});
  CHECK(matching(engine, MockEvent{{"a", {str("2")}}}) ==
        std::vector<std::string>{"always", "not a"});
}

TEST_CASE("random trees match as a direct evaluation of their formula", "[logic]") {
  // Rules are evaluated from a flat program of each tree (its nodes in pre-order, each with the
  // end of its subtree): nested AND / OR / NOT with leaves, constants and lists of mixed
  // children must short-circuit and skip subtrees exactly as the formula says.
  std::mt19937 rng(11);
  ProgramBuilder pb;
  const std::vector<ir::LeafId> leaves = {pb.eq("a", "1"), pb.eq("b", "1"), pb.eq("c", "1"),
                                          pb.eq("d", "1")};
  const std::function<ir::Node(int)> tree = [&](int depth) -> ir::Node {
    const unsigned pick = depth == 0 ? rng() % 5 : rng() % 9;
    if (pick < 4) return L(leaves[pick]);
    if (pick == 4) return ir::Node::constant(rng() % 2 == 0);
    if (pick == 5) return Not(tree(depth - 1));
    std::vector<ir::Node> kids;
    for (unsigned n = 2 + rng() % 3; n > 0; --n) kids.push_back(tree(depth - 1));
    return ir::Node::make(pick % 2 == 0 ? ir::Op::And : ir::Op::Or, std::move(kids));
  };
  const std::function<bool(const ir::Node&, unsigned)> truth = [&](const ir::Node& n,
                                                                     unsigned bits) -> bool {
    switch (n.op) {
      case ir::Op::True: return true;
      case ir::Op::False: return false;
      case ir::Op::Leaf:
        for (std::size_t i = 0; i < leaves.size(); ++i)
          if (leaves[i] == n.leaf) return (bits >> i & 1u) != 0;
        return false;
      case ir::Op::Not: return !truth(n.children.front(), bits);
      case ir::Op::And:
        for (const ir::Node& c : n.children)
          if (!truth(c, bits)) return false;
        return true;
      case ir::Op::Or:
        for (const ir::Node& c : n.children)
          if (truth(c, bits)) return true;
        return false;
    }
    return false;
  };
  std::vector<ir::Node> trees;
  for (int i = 0; i < 300; ++i) {
    trees.push_back(tree(1 + i % 5));
    pb.rule("r" + std::to_string(i), trees.back());
  }
  const runtime::Engine engine(pb.build());
  std::size_t matched = 0;
  for (unsigned bits = 0; bits < 16; ++bits) {
    MockEvent event;
    for (std::size_t i = 0; i < 4; ++i)
      event.set(std::string(1, static_cast<char>('a' + i)),
                {str((bits >> i & 1u) != 0 ? "1" : "0")});
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < trees.size(); ++i)
      if (truth(trees[i], bits)) expected.push_back("r" + std::to_string(i));
    CHECK(matching(engine, event) == expected);
    matched += expected.size();
  }
  CHECK(matched > 300);  // the trees are not all constant
  CHECK(matched < 300 * 16 - 300);
}

TEST_CASE("deep trees are evaluated without recursion", "[logic]") {
  // 100k nested NOTs and a 100k-deep AND chain: recursion would overflow the stack.
  ProgramBuilder pb;
  const auto a = pb.eq("a", "1");
  ir::Node nots = L(a);
  for (int i = 0; i < 100000; ++i) nots = Not(std::move(nots));  // even count: same as a
  ir::Node chain = L(a);
  for (int i = 0; i < 100000; ++i) {
    // Not And({...}): an initializer list would deep-copy the chain every time.
    std::vector<ir::Node> kids;
    kids.push_back(ir::Node::constant(true));
    kids.push_back(std::move(chain));
    chain = ir::Node::make(ir::Op::And, std::move(kids));
  }
  pb.rule("nots", std::move(nots));
  pb.rule("chain", std::move(chain));
  const auto program = pb.build();
  {
    const runtime::Engine engine(program);
    CHECK(matching(engine, MockEvent{{"a", {str("1")}}}) ==
          std::vector<std::string>{"nots", "chain"});
    CHECK(matching(engine, MockEvent{{"a", {str("0")}}}).empty());
  }
  // ir::Node's own destructor recurses; dismantle the deep trees iteratively.
  auto& rules = pb.program().rules;
  for (auto& r : rules) {
    std::vector<ir::Node> pending;
    pending.push_back(std::move(r.condition));
    while (!pending.empty()) {
      ir::Node n = std::move(pending.back());
      pending.pop_back();
      for (auto& c : n.children) pending.push_back(std::move(c));
      n.children.clear();
    }
  }
}

TEST_CASE("a bad program is refused when the engine is built", "[logic]") {
  ProgramBuilder pb;
  pb.rule("dangling", L(42));
  CHECK_THROWS_AS(runtime::Engine(pb.build()), std::invalid_argument);
}
