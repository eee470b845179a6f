// Expression text -> AST dump: precedence, associativity, tokens, spans; and the compiled
// Program's dump with resolved names.
#include <catch.hpp>
#include <string>

#include "compiler/expr/expr_grammar.hpp"
#include "tests/unit/expr/expr_test_support.hpp"

namespace {

using sigma::expr::parse_expression;

struct DumpCase {
  const char* text;
  const char* ast;
};

TEST_CASE("AST dumps show SPL precedence and left associativity", "[expr][parse]") {
  const DumpCase cases[] = {
      {"a*3+b", "add(mul(field(a),num(3)),field(b))"},
      {"a+b*3", "add(field(a),mul(field(b),num(3)))"},
      {"a+b-c", "sub(add(field(a),field(b)),field(c))"},
      {"a-(b-c)", "sub(field(a),sub(field(b),field(c)))"},
      {"(a+b)+c", "add(add(field(a),field(b)),field(c))"},
      {"a % b / c * d", "mul(div(mod(field(a),field(b)),field(c)),field(d))"},
      {"-a*b", "mul(neg(field(a)),field(b))"},
      {"- -a", "neg(neg(field(a)))"},
      {"-(a+b)", "neg(add(field(a),field(b)))"},
      {"a - -b", "sub(field(a),neg(field(b)))"},
      {"a . b + c", "add(cat(field(a),field(b)),field(c))"},
      {"a.b . c", "cat(field(a.b),field(c))"},
      {"a + b < c * d", "lt(add(field(a),field(b)),mul(field(c),field(d)))"},
      {"a == 1 != b", "ne(eq(field(a),num(1)),field(b))"},
      {"a=1", "eq(field(a),num(1))"},
      {"a<=b", "le(field(a),field(b))"},
      {"a>=b", "ge(field(a),field(b))"},
      {"a<b", "lt(field(a),field(b))"},
      {"a>b", "gt(field(a),field(b))"},
      {"a LIKE \"x%\"", "like(field(a),str(\"x%\"))"},
      {"NOT a=b AND c", "and(not(eq(field(a),field(b))),field(c))"},
      {"!a", "not(field(a))"},
      {"! !a", "not(not(field(a)))"},
      {"a != b", "ne(field(a),field(b))"},
      {"a OR b AND c", "or(field(a),and(field(b),field(c)))"},
      {"a AND b OR c", "or(and(field(a),field(b)),field(c))"},
      {"a XOR b OR c", "xor(field(a),or(field(b),field(c)))"},
      {"a OR b XOR c", "xor(or(field(a),field(b)),field(c))"},
      {"a and b and c", "and(and(field(a),field(b)),field(c))"},
      {"andy AND notx", "and(field(andy),field(notx))"},
      {"like(a, \"x\")", "call(like,field(a),str(\"x\"))"},
      {"IF(a, 1.50, -2)", "call(IF,field(a),num(1.50),neg(num(2)))"},
      {"if (a, 1, 0)", "call(if,field(a),num(1),num(0))"},
      {"f()", "call(f)"},
      {"mvjoin(mvappend(a0,a1), \" \")",
       "call(mvjoin,call(mvappend,field(a0),field(a1)),str(\" \"))"},
      {"'sourceIPs{}'", "field('sourceIPs{}')"},
      {"'user.username'", "field(user.username)"},
      {"user.username", "field(user.username)"},
      {"'it\\'s'", "field('it\\'s')"},
      {"'and'", "field('and')"},
      {"_time", "field(_time)"},
      {"true", "field(true)"},
      {R"~("a\"b\\c")~", R"~(str("a\"b\\c"))~"},
      {R"~("docker\.sock")~", R"~(str("docker\\.sock"))~"},
      {"\"tab\there\"", "str(\"tab\\there\")"},
      {"1e3 + 2.", "add(num(1e3),num(2.))"},
      {"  ( ( a ) )  ", "field(a)"},
      {"a\n+\tb", "add(field(a),field(b))"},
  };
  for (const auto& c : cases) {
    INFO("expression: " << c.text);
    auto r = parse_expression(c.text);
    REQUIRE(r.ok);
    CHECK(dump(r.root) == c.ast);
  }
}

TEST_CASE("AST spans are byte offsets into the text", "[expr][parse]") {
  auto r = parse_expression("  if(x, \"y\", -1) + b");
  REQUIRE(r.ok);
  const auto& chain = r.root;
  CHECK(chain.offset == 2);
  CHECK(chain.length == 18);
  const auto& call = chain.children[0];
  CHECK(call.offset == 2);
  CHECK(call.length == 14);
  CHECK(call.children[1].offset == 8);  // "y" with its quotes
  CHECK(call.children[1].length == 3);
  CHECK(call.children[2].offset == 13);  // -1
  CHECK(call.children[2].length == 2);
  CHECK(chain.children[1].offset == 19);
}

TEST_CASE("long operator chains stay flat", "[expr][parse]") {
  std::string text = "1";
  for (int i = 0; i < 20000; ++i) text += "+1";
  auto r = parse_expression(text);
  REQUIRE(r.ok);
  CHECK(r.root.kind == sigma::expr::Node::Kind::Chain);
  CHECK(r.root.children.size() == 20001);
}

TEST_CASE("nesting up to the cap parses", "[expr][parse]") {
  const unsigned depth = sigma::expr::kMaxExpressionDepth;
  std::string text = std::string(depth, '(') + "1" + std::string(depth, ')');
  CHECK(parse_expression(text).ok);
  std::string negs = std::string(depth, '-') + "1";
  CHECK(parse_expression(negs).ok);
  // Siblings do not add up: many negated operands at one level are fine.
  std::string many = "-1";
  for (int i = 0; i < 1000; ++i) many += " + -1";
  CHECK(parse_expression(many).ok);
  std::string calls;
  for (unsigned i = 0; i < depth; ++i) calls += "abs(";
  calls += "-1" + std::string(depth, ')');
  CHECK_FALSE(parse_expression(calls).ok);  // `depth` calls + one `-` is one level too many
  calls = calls.substr(4, calls.size() - 5);
  CHECK(parse_expression(calls).ok);
}

TEST_CASE("Program dump shows resolved names", "[expr][parse]") {
  sigma::expr::test::TestEvent event;
  event.selection("docker_sock", true);
  sigma::expr::test::Rule rule(event);
  REQUIRE(rule.define("CommandLine", "mvjoin(mvappend(a0, a1), \" \")"));
  auto r = sigma::expr::compile(
      "if(docker_sock, 1, 0) + if(match(CommandLine, \"x\"), 2, 0) + a0 + -3 + true()",
      static_cast<sigma::expr::Resolver&>(rule));
  REQUIRE(r.ok);
  CHECK(r.program.dump() ==
        "add(add(add(add(call(if,sel#0,num(1),num(0)),call(if,call(match/re,var#0,str(\"x\")),"
        "num(2),num(0))),field#0),num(-3)),true)");
  CHECK(r.program.fields().size() == 1);
  CHECK(r.program.variables().size() == 1);
  CHECK(r.program.selections().size() == 1);
  CHECK(r.program.source().starts_with("if(docker_sock"));
}

}  // namespace
