// Valid conditions: input -> dump of the tree, and the byte spans of the nodes.
#include <catch.hpp>
#include <string>
#include <vector>

#include "compiler/condition/condition_parser.hpp"

using sigma::cond::dump;
using sigma::cond::Expr;
using sigma::cond::parse_condition;

namespace {

std::string parsed(std::string_view text) {
  auto r = parse_condition(text);
  if (!r.ok) return "error: " + (r.errors.empty() ? std::string("?") : r.errors[0].message);
  return dump(r.expr);
}

struct Case {
  const char* input;
  const char* tree;
};

void check_table(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    INFO("condition: " << c.input);
    CHECK(parsed(c.input) == c.tree);
  }
}

}  // namespace

TEST_CASE("identifiers and boolean operators", "[condition]") {
  check_table({
      {"selection", "selection"},
      {"  selection  ", "selection"},
      {"a and b", "and(a,b)"},
      {"a or b", "or(a,b)"},
      {"a and b and c and d", "and(a,b,c,d)"},
      {"a or b or c", "or(a,b,c)"},
      {"not a", "not(a)"},
      {"not not a", "not(not(a))"},
      {"sel_1.x-y and Sel2", "and(sel_1.x-y,Sel2)"},
      {"_private or 1st", "or(_private,1st)"},
      {"a\tand\nb\r\nor c", "or(and(a,b),c)"},
      // Keywords inside a longer word are part of an identifier.
      {"android or order or notable or often", "or(android,order,notable,often)"},
      {"them_sel and all_x and any1", "and(them_sel,all_x,any1)"},
  });
}

TEST_CASE("precedence: or < and < not < x of < parentheses", "[condition]") {
  check_table({
      {"a or b and c", "or(a,and(b,c))"},
      {"a and b or c", "or(and(a,b),c)"},
      {"a and b or c and d", "or(and(a,b),and(c,d))"},
      {"not a and b", "and(not(a),b)"},
      {"not a or b", "or(not(a),b)"},
      {"a and not b or not c", "or(and(a,not(b)),not(c))"},
      {"1 of x* and not y", "and(of(1,x*),not(y))"},
      {"not 1 of filter_*", "not(of(1,filter_*))"},
      {"selection and not 1 of filter_main_* and not 1 of filter_optional_*",
       "and(selection,not(of(1,filter_main_*)),not(of(1,filter_optional_*)))"},
      {"all of selection_* or 1 of filter*", "or(of(all,selection_*),of(1,filter*))"},
  });
}

TEST_CASE("parentheses", "[condition]") {
  check_table({
      {"(a)", "a"},
      {"((((a))))", "a"},
      {"(a or b) and c", "and(or(a,b),c)"},
      {"a and (b or c)", "and(a,or(b,c))"},
      {"not (a or b)", "not(or(a,b))"},
      {"not (a) and b", "and(not(a),b)"},
      // A parenthesised chain stays its own node: the tree keeps the written structure.
      {"(a and b) and c", "and(and(a,b),c)"},
      {"a and (b and c) and d", "and(a,and(b,c),d)"},
      {"(a or b) or (c or d)", "or(or(a,b),or(c,d))"},
      {"(a) and (b)", "and(a,b)"},
      {"selection and ( sourceRDP or destinationRDP ) and not 1 of filter*",
       "and(selection,or(sourceRDP,destinationRDP),not(of(1,filter*)))"},
      {"(1 of a*)and(b)", "and(of(1,a*),b)"},
  });
}

TEST_CASE("x of: quantifiers, patterns and them", "[condition]") {
  check_table({
      {"1 of them", "of(1,them)"},
      {"all of them", "of(all,them)"},
      {"any of them", "of(1,them)"},
      {"any of sel*", "of(1,sel*)"},
      {"3 of sel*", "of(3,sel*)"},
      {"10 of selection_*", "of(10,selection_*)"},
      {"007 of x*", "of(7,x*)"},
      {"4294967295 of x", "of(4294967295,x)"},
      {"1 of selection", "of(1,selection)"},
      {"all of *", "of(all,*)"},
      {"1 of *_susp_*", "of(1,*_susp_*)"},
      {"1 of sel.a-b*", "of(1,sel.a-b*)"},
      {"1 of them_*", "of(1,them_*)"},
      {"1 of them*", "of(1,them*)"},
  });
}

TEST_CASE("keywords are case-insensitive", "[condition]") {
  check_table({
      {"a AND b", "and(a,b)"},
      {"a And b OR c", "or(and(a,b),c)"},
      {"NOT a", "not(a)"},
      {"nOt NoT a", "not(not(a))"},
      {"ALL OF THEM", "of(all,them)"},
      {"1 Of Them", "of(1,them)"},
      {"Any OF sel*", "of(1,sel*)"},
      // Identifiers keep their case.
      {"Selection AND NOT Filter", "and(Selection,not(Filter))"},
  });
}

TEST_CASE("node spans", "[condition]") {
  //                0         1         2         3
  //                0123456789012345678901234567890123456
  const char* text = "sel and not (f1 or f2) or 1 of x*";
  auto r = parse_condition(text);
  REQUIRE(r.ok);
  REQUIRE(dump(r.expr) == "or(and(sel,not(or(f1,f2))),of(1,x*))");
  auto span = [&](const Expr& e) { return std::string(text).substr(e.offset, e.length); };
  const Expr& top = r.expr;
  CHECK(top.offset == 0);
  CHECK(span(top) == "sel and not (f1 or f2) or 1 of x*");
  const Expr& conj = top.children[0];
  CHECK(span(conj) == "sel and not (f1 or f2)");
  CHECK(conj.children[0].offset == 0);
  CHECK(conj.children[0].length == 3);
  const Expr& neg = conj.children[1];
  CHECK(neg.offset == 8);
  CHECK(span(neg) == "not (f1 or f2)");
  // The group's own span excludes its parentheses.
  CHECK(neg.children[0].offset == 13);
  CHECK(span(neg.children[0]) == "f1 or f2");
  CHECK(neg.children[0].children[1].offset == 19);
  const Expr& of = top.children[1];
  CHECK(of.offset == 26);
  CHECK(span(of) == "1 of x*");
  CHECK(of.name == "x*");
  CHECK_FALSE(of.all);
  CHECK(of.count == 1);
}

TEST_CASE("spans skip surrounding whitespace and keep outer parentheses of operands",
          "[condition]") {
  const char* text = "  (a) and b  ";
  auto r = parse_condition(text);
  REQUIRE(r.ok);
  CHECK(r.expr.offset == 2);
  CHECK(r.expr.length == 9);  // "(a) and b"
  CHECK(r.expr.children[0].offset == 3);
  CHECK(r.expr.children[0].length == 1);
}

TEST_CASE("of nodes carry count, all and pattern", "[condition]") {
  auto r = parse_condition("ALL OF Them");
  REQUIRE(r.ok);
  CHECK(r.expr.kind == Expr::Kind::Of);
  CHECK(r.expr.all);
  CHECK(r.expr.name == "them");
  CHECK(r.expr.offset == 0);
  CHECK(r.expr.length == 11);

  r = parse_condition("5 of sel_*");
  REQUIRE(r.ok);
  CHECK_FALSE(r.expr.all);
  CHECK(r.expr.count == 5);
  CHECK(r.expr.name == "sel_*");
  CHECK(r.errors.empty());
}

TEST_CASE("nesting up to the limit is accepted", "[condition]") {
  const unsigned n = sigma::cond::kMaxConditionDepth;
  std::string parens = std::string(n, '(') + "a" + std::string(n, ')');
  CHECK(parsed(parens) == "a");

  std::string nots;
  for (unsigned i = 0; i < n; ++i) nots += "not ";
  auto r = parse_condition(nots + "a");
  REQUIRE(r.ok);
  const Expr* e = &r.expr;
  unsigned depth = 0;
  while (e->kind == Expr::Kind::Not) e = &e->children[0], ++depth;
  CHECK(depth == n);

  // Half parentheses, half `not`s: each level counts once.
  std::string mixed;
  for (unsigned i = 0; i < n / 2; ++i) mixed += "not (";
  mixed += "a" + std::string(n / 2, ')');
  CHECK(parse_condition(mixed).ok);

  // Depth is nesting, not count: many sibling groups are fine.
  std::string wide = "a";
  for (int i = 0; i < 500; ++i) wide += " and not (b or not c)";
  CHECK(parse_condition(wide).ok);
}

TEST_CASE("long flat chains", "[condition]") {
  std::string text = "s0";
  for (int i = 1; i < 5000; ++i) text += (i % 2 ? " or s" : " and s") + std::to_string(i);
  auto r = parse_condition(text);
  REQUIRE(r.ok);
  CHECK(r.expr.kind == Expr::Kind::Or);
  CHECK(r.expr.children.size() == 2501);  // s0, 2499 and-pairs, s4999
}
