// Every error: its code, the byte offset and length of the offending token, and the message.
#include <catch.hpp>
#include <string>

#include "compiler/expr/expr_grammar.hpp"
#include "tests/unit/expr/expr_test_support.hpp"

namespace {

struct ErrorCase {
  std::string text;
  const char* code;
  unsigned offset;
  unsigned length;
  const char* message;  // a substring of the message
};

std::vector<sigma::expr::Error> errors_of(const std::string& text) {
  sigma::expr::test::TestEvent event;
  event.selection("sel", true);
  sigma::expr::test::Rule rule(event);
  auto r = sigma::expr::compile(text, static_cast<sigma::expr::Resolver&>(rule));
  CHECK_FALSE(r.ok);
  return r.errors;
}

constexpr unsigned kDepth = sigma::expr::kMaxExpressionDepth;

TEST_CASE("errors carry code, offset and length", "[expr][errors]") {
  const ErrorCase cases[] = {
      {"", "S0501", 0, 1, "expected an expression, found the end of the expression"},
      {"   ", "S0501", 3, 1, "expected an expression"},
      {"1 +", "S0501", 3, 1, "expected an expression, found the end of the expression"},
      {"1 + * 2", "S0501", 4, 1, "expected an expression, found `*`"},
      {"(1", "S0501", 2, 1, "expected ')', found the end of the expression"},
      {"(1 2)", "S0501", 3, 1, "expected ')', found `2`"},
      {"1 2", "S0501", 2, 1, "unexpected `2`"},
      {"a b", "S0501", 2, 1, "unexpected `b`"},
      {"a )", "S0501", 2, 1, "unexpected `)`"},
      {"  )", "S0501", 2, 1, "expected an expression, found `)`"},
      {"a # b", "S0501", 2, 1, "unexpected `#`"},
      {"a = ä", "S0501", 4, 2, "found `ä`"},
      {"AND", "S0501", 0, 3, "expected an expression, found `AND`"},
      {"NOT", "S0501", 3, 1, "expected an expression, found the end"},
      {"a AND", "S0501", 5, 1, "expected an expression"},
      {"!= 1", "S0501", 0, 2, "found `!=`"},
      {"f(a,)", "S0501", 3, 1, "expected ')', found `,`"},
      {"f(a", "S0501", 3, 1, "expected ')'"},
      {"a == == b", "S0501", 5, 2, "found `==`"},
      {"x = \"abc", "S0501", 4, 4, "unterminated string"},
      {"x = \"abc\\\"", "S0501", 4, 6, "unterminated string"},
      {"'abc", "S0501", 0, 4, "unterminated quoted field name"},
      {"foo(1)", "S0502", 0, 3, "unknown function `foo`"},
      {"1 + lenn(s)", "S0502", 4, 4, "unknown function `lenn`"},
      {"if(1, 2)", "S0503", 0, 2, "`if` takes 3 arguments, but 2 were given"},
      {"IF(1, 2, 3, 4)", "S0503", 0, 2, "but 4 were given"},
      {"case(1=1)", "S0503", 0, 4, "even number of arguments"},
      {"case(1=1, 2, 3)", "S0503", 0, 4, "even number of arguments"},
      {"coalesce()", "S0503", 0, 8, "at least 1 argument, but 0 were given"},
      {"true(1)", "S0503", 0, 4, "takes 0 arguments, but 1 was given"},
      {"substr(s)", "S0503", 0, 6, "2 to 3 arguments"},
      {"in(x)", "S0503", 0, 2, "at least 2 arguments"},
      {"match(s, \"(\")", "S0106", 9, 3, "invalid regular expression"},
      {"match(s, \"(?<=a)b\")", "S0106", 9, 9, "invalid regular expression"},
      {"replace(s, \"(a)\", \"\\2\")", "S0106", 18, 4, "invalid replacement"},
      {"cidrmatch(\"10.0.0/33\", ip)", "S0108", 10, 11, "invalid CIDR block"},
      {"cidrmatch(\"10.0.0.0/33\", ip)", "S0108", 10, 13, "invalid CIDR block"},
      {std::string(300, '(') + "1" + std::string(300, ')'), "S0501", kDepth, 1,
       "nested more than 128 levels"},
      {std::string(300, '-') + "1", "S0501", kDepth, 1, "nested more than 128 levels"},
      {"abs(" + std::string(kDepth, '(') + "1" + std::string(kDepth + 1, ')'), "S0501", kDepth + 3,
       1, "nested more than 128 levels"},
      {[] {
         std::string s;
         for (int i = 0; i < 300; ++i) s += "NOT ";
         return s + "1";
       }(),
       "S0501", 4 * kDepth, 3, "nested more than 128 levels"},
      {[] {
         std::string s = "1";
         while (s.size() <= 65536) s += "+1";
         return s;
       }(),
       "S0501", 65536, 1, "longer than 65536 bytes"},
  };
  for (const auto& c : cases) {
    INFO("expression: " << c.text.substr(0, 60));
    auto errors = errors_of(c.text);
    REQUIRE(errors.size() >= 1);
    const auto& e = errors.front();
    CHECK(std::string(e.code) == c.code);
    CHECK(e.offset == c.offset);
    CHECK(e.length == c.length);
    CHECK_THAT(e.message, Catch::Contains(c.message));
  }
}

TEST_CASE("a misspelt function gets a did-you-mean hint", "[expr][errors]") {
  auto errors = errors_of("lenn(s)");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].help == "did you mean `len`?");
  CHECK(errors_of("mvjion(a, \",\")")[0].help == "did you mean `mvjoin`?");
  CHECK(errors_of("frobnicate(a)")[0].help.empty());
}

TEST_CASE("compile reports every name error, not just the first", "[expr][errors]") {
  auto errors = errors_of("foo(1) + bar(if(1, 2)) + match(x, \"[\")");
  REQUIRE(errors.size() == 4);
  CHECK(std::string(errors[0].code) == "S0502");
  CHECK(errors[0].offset == 0);
  CHECK(std::string(errors[1].code) == "S0503");  // the inner if, found before bar returns
  CHECK(errors[1].offset == 13);
  CHECK(std::string(errors[2].code) == "S0502");
  CHECK(errors[2].offset == 9);
  CHECK(std::string(errors[3].code) == "S0106");
  CHECK(errors[3].offset == 34);
}

TEST_CASE("hostile input never throws", "[expr][errors]") {
  const std::string inputs[] = {
      std::string("\0\0\0", 3),
      "\xff\xfe(",
      "((((",
      "))))",
      "'",
      "\"",
      "\\",
      "a..b",
      "1e",
      "1e+",
      "1.2.3",
      "f(,",
      "-",
      "!",
      "!!",
      "a LIKE",
      "like",
      "NOT NOT",
      "()",
      "(,)",
      std::string(70000, 'a'),
      std::string(5000, '(') + std::string(5000, ')'),
  };
  for (const auto& text : inputs) {
    INFO("expression: " << text.substr(0, 40));
    sigma::expr::test::TestEvent event;
    sigma::expr::test::Rule rule(event);
    CHECK_NOTHROW(rule.eval(text));
  }
}

}  // namespace
