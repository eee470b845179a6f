// Invalid conditions: each error's code, exact offset/length (where the caret goes) and text.
#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "compiler/condition/condition_parser.hpp"

using sigma::cond::parse_condition;
using sigma::cond::ParseError;

namespace {

struct ErrorCase {
  const char* input;
  const char* code;
  std::uint32_t offset;
  std::uint32_t length;
  std::string message;
};

const std::string kOperand = "an identifier, 'not', 'x of' or '('";

void check_errors(const std::vector<ErrorCase>& cases) {
  for (const auto& c : cases) {
    INFO("condition: \"" << c.input << "\"");
    auto r = parse_condition(c.input);
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.errors.size() >= 1);
    const ParseError& e = r.errors[0];
    CHECK(std::string(e.code) == c.code);
    CHECK(e.offset == c.offset);
    CHECK(e.length == c.length);
    CHECK(e.message == c.message);
  }
}

}  // namespace

TEST_CASE("grammar errors name what was expected and the token found", "[condition][error]") {
  check_errors({
      {"", "S0201", 0, 1, "empty condition"},
      {" \t\n ", "S0201", 0, 1, "empty condition"},
      {"not", "S0201", 0, 3, "unexpected end of condition after 'not'"},
      {"a and", "S0201", 2, 3, "unexpected end of condition after 'and'"},
      {"a or ", "S0201", 2, 2, "unexpected end of condition after 'or'"},
      {"a and not", "S0201", 6, 3, "unexpected end of condition after 'not'"},
      {"1 of them and", "S0201", 10, 3, "unexpected end of condition after 'and'"},
      {"not and b", "S0201", 4, 3, "expected " + kOperand + " after 'not', found 'and'"},
      {"a and or b", "S0201", 6, 2, "expected " + kOperand + " after 'and', found 'or'"},
      {"and a", "S0201", 0, 3, "expected " + kOperand + ", found 'and'"},
      {"them", "S0201", 0, 4, "expected " + kOperand + ", found 'them'"},
      {"()", "S0201", 1, 1, "expected " + kOperand + " after '(', found ')'"},
      {"a b", "S0201", 2, 1, "unexpected 'b' after 'a'"},
      {"x of y", "S0201", 2, 2, "unexpected 'of' after 'x'"},
      {"(a) (b)", "S0201", 4, 1, "unexpected '(' after ')'"},
      {"(a b)", "S0201", 3, 1, "expected 'and', 'or' or ')' after 'a', found 'b'"},
      {"1 sel", "S0201", 2, 3, "expected 'of' after '1', found 'sel'"},
      {"all them", "S0201", 4, 4, "expected 'of' after 'all', found 'them'"},
      {"all", "S0201", 0, 3, "unexpected end of condition after 'all'"},
      {"1 OF", "S0201", 2, 2, "unexpected end of condition after 'OF'"},
      {"1 of (a)", "S0201", 5, 1, "expected a pattern or 'them' after 'of', found '('"},
      {"1 of and", "S0201", 5, 3, "expected a pattern or 'them' after 'of', found 'and'"},
      {"1 of 2", "S0201", 5, 1, "expected a pattern or 'them' after 'of', found '2'"},
      {"0 of x", "S0201", 0, 1, "the count in 'N of' must be at least 1"},
      {"a or 4294967296 of x", "S0201", 5, 10, "the count in 'N of' is too large"},
  });
}

TEST_CASE("help says what was expected", "[condition][error]") {
  auto r = parse_condition("a and");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].help == "expected " + kOperand);
  r = parse_condition("a b");
  CHECK(r.errors[0].help == "expected 'and', 'or' or the end of the condition");
  r = parse_condition("1 of");
  CHECK(r.errors[0].help == "expected a pattern or 'them'");
}

TEST_CASE("lexical errors from the pre-scan", "[condition][error]") {
  check_errors({
      {"a)", "S0201", 1, 1, "unexpected ')': there is no '(' to close"},
      {")", "S0201", 0, 1, "unexpected ')': there is no '(' to close"},
      {"(a))", "S0201", 3, 1, "unexpected ')': there is no '(' to close"},
      {"(a", "S0201", 0, 1, "unbalanced parenthesis: '(' at column 1 is never closed"},
      {"a and (b or (c)", "S0201", 6, 1, "unbalanced parenthesis: '(' at column 7 is never closed"},
      {"a and\n  (b", "S0201", 8, 1,
       "unbalanced parenthesis: '(' at line 2, column 3 is never closed"},
      {"sel*", "S0201", 0, 4, "wildcard pattern 'sel*' is only allowed after '1 of' or 'all of'"},
      {"a and not sel_*", "S0201", 10, 5,
       "wildcard pattern 'sel_*' is only allowed after '1 of' or 'all of'"},
      {"a && b", "S0201", 2, 2, "unexpected '&&'"},
      {"a || b", "S0201", 2, 2, "unexpected '||'"},
      {"!a", "S0201", 0, 1, "unexpected '!'"},
      {"a = b", "S0201", 2, 1, "unexpected character '='"},
      {"a\x01", "S0201", 1, 1, "unexpected character '\\x01'"},
      {"s\xc3\xa9l", "S0201", 1, 2, "unexpected non-ASCII character in the condition"},
      {"-a", "S0201", 0, 1, "unexpected '-': an identifier starts with a letter, a digit or '_'"},
      {".a or b", "S0201", 0, 1,
       "unexpected '.': an identifier starts with a letter, a digit or '_'"},
  });
}

TEST_CASE("operator look-alikes suggest the Sigma keyword", "[condition][error]") {
  CHECK(parse_condition("a && b").errors[0].help == "Sigma conditions spell this operator 'and'");
  CHECK(parse_condition("a || b").errors[0].help == "Sigma conditions spell this operator 'or'");
  CHECK(parse_condition("!a").errors[0].help == "Sigma conditions spell this operator 'not'");
  CHECK(parse_condition("sel*").errors[0].help ==
        "write '1 of sel*' (any match) or 'all of sel*' (every match)");
}

TEST_CASE("the pre-scan reports several lexical errors at once", "[condition][error]") {
  auto r = parse_condition("a = b ; c )");
  REQUIRE_FALSE(r.ok);
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].offset == 2);
  CHECK(r.errors[1].offset == 6);
  CHECK(r.errors[2].offset == 10);

  // ... but not without bound on garbage.
  r = parse_condition(std::string(1000, '#'));
  CHECK(r.errors.size() == 8);
}

TEST_CASE("Sigma 1 aggregations are refused with S0204", "[condition][error]") {
  const std::string agg = "aggregation expressions were removed in Sigma 2.0";
  check_errors({
      {"selection | count() by host > 5", "S0204", 10, 21, agg.c_str()},
      {"selection | count() by host > 5   ", "S0204", 10, 21, agg.c_str()},
      {"selection and filter1 | count(answer) by src_ip > 3", "S0204", 22, 29, agg.c_str()},
      {"(sel | count() > 5)", "S0204", 5, 14, agg.c_str()},
      {"|", "S0204", 0, 1, agg.c_str()},
      {"selection | near dns", "S0204", 10, 10, agg.c_str()},
      {"sel1 near sel2", "S0204", 5, 9, "the 'near' aggregation was removed in Sigma 2.0"},
      {"NEAR", "S0204", 0, 4, "the 'near' aggregation was removed in Sigma 2.0"},
  });
  auto r = parse_condition("selection | count() by host > 5");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].help.find("correlation rule") != std::string::npos);
  CHECK(r.errors[0].help.find("event_count") != std::string::npos);
  // An aggregation after a syntax error is still the one error reported for the tail.
  r = parse_condition("a = b | count() > 1");
  REQUIRE(r.errors.size() == 2);
  CHECK(std::string(r.errors[1].code) == "S0204");
}

TEST_CASE("nesting deeper than the limit is refused with S0205", "[condition][error]") {
  const unsigned n = sigma::cond::kMaxConditionDepth;
  const std::string too_deep_parens = std::string(n + 1, '(') + "a" + std::string(n + 1, ')');
  std::string too_deep_nots;
  for (unsigned i = 0; i <= n; ++i) too_deep_nots += "not ";
  too_deep_nots += "a";
  std::string mixed;  // (n/2 + 1) "not (" pairs nest n + 2 levels
  for (unsigned i = 0; i <= n / 2; ++i) mixed += "not (";
  mixed += "a" + std::string(n / 2 + 1, ')');
  const std::string msg = "condition nested too deeply: more than " + std::to_string(n) +
                          " levels of parentheses and 'not'";
  check_errors({
      {too_deep_parens.c_str(), "S0205", n, 1, msg.c_str()},
      {too_deep_nots.c_str(), "S0205", 4 * n, 3, msg.c_str()},
      // Pair k adds levels 2k+1 (`not`) and 2k+2 (`(`): level n+1 is the `not` of pair n/2.
      {mixed.c_str(), "S0205", 5 * (n / 2), 3, msg.c_str()},
  });

  // Hostile input far past the limit is refused just as quickly (no recursion happens).
  const std::string hostile(60000, '(');
  auto r = parse_condition(hostile);
  REQUIRE(r.errors.size() == 1);
  CHECK(std::string(r.errors[0].code) == "S0205");
  CHECK(r.errors[0].offset == n);
}

TEST_CASE("over-long conditions are refused", "[condition][error]") {
  std::string text = "a";
  while (text.size() <= sigma::cond::kMaxConditionBytes) text += " or a";
  auto r = parse_condition(text);
  REQUIRE_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(std::string(r.errors[0].code) == "S0201");
  CHECK(r.errors[0].message.rfind("condition is too long: ", 0) == 0);
}

// Random token soup: parse_condition must return (never throw, never crash), every error must
// point inside the text, and a successful tree must be well formed.
TEST_CASE("random token sequences never throw", "[condition][error]") {
  const std::vector<std::string> pieces = {
      "a",    "sel_*", "and", "or",  "not", "(",    ")",  "1",  "all", "any",        "of",
      "them", "0",     "|",   "x.y", "*",   "near", "  ", "\n", "Or",  "99999999999"};
  std::mt19937 rng(12345);
  std::size_t ok = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 12);
    for (int i = 0; i < len; ++i) text += pieces[rng() % pieces.size()] + " ";
    sigma::cond::ParseResult r;
    REQUIRE_NOTHROW(r = parse_condition(text));
    if (r.ok) {
      ++ok;
      CHECK(r.errors.empty());
      CHECK(r.expr.offset + r.expr.length <= text.size());
    } else {
      REQUIRE_FALSE(r.errors.empty());
      for (const auto& e : r.errors) CHECK(e.offset <= text.size());
    }
  }
  CHECK(ok > 0);  // the soup does produce valid conditions too
}
