// Expression text -> typed result over one mock event: every function, null propagation,
// precedence, string / number comparison, int vs float printing, regex case-sensitivity.
#include <catch.hpp>

#include "compiler/expr/expr_grammar.hpp"
#include "tests/unit/expr/expr_test_support.hpp"

namespace {

using sigma::expr::test::repr;
using sigma::expr::test::Rule;
using sigma::expr::test::TestEvent;

TestEvent sample_event() {
  TestEvent e;
  e.str("a", "1").str("b", "2").str("s", "Hello World").num("n", 42).real("x", 2.5);
  e.str("empty", "").boolean("t", true).list("mv", {"a", "b", "c"}).null("nulled");
  e.str("ip", "10.1.2.3").str("ip6", "fe80::1").str("cidr", "10.1.0.0/16");
  e.str("u", "ÄÖü straße").str("hexs", "ff").str("word", "kubectl");
  e.str("re", "W.rld").str("badre", "(").str("user.username", "alice");
  e.list("sourceIPs{}", {"10.0.0.1", "10.0.0.2"}).str("neg", "-3");
  e.selection("sel_yes", true).selection("sel_no", false);
  return e;
}

struct Case {
  const char* expr;
  const char* expected;
};

void check(const std::vector<Case>& cases) {
  TestEvent event = sample_event();
  for (const Case& c : cases) {
    Rule rule(event);
    INFO("expression: " << c.expr);
    auto v = rule.eval(c.expr);
    if (!v) FAIL("compile error: " << rule.errors.front().message);
    CHECK(repr(*v) == c.expected);
  }
}

TEST_CASE("literals", "[expr][eval]") {
  check({
      {"1", "i:1"},
      {"1.5", "f:1.5"},
      {"1.0", "f:1"},
      {"1e3", "f:1000"},
      {"99999999999999999999", "f:100000000000000000000"},
      {"\"abc\"", "s:abc"},
      {R"~("a\"b")~", "s:a\"b"},
      {R"~("a\\b")~", "s:a\\b"},
      {R"~("docker\.sock")~", "s:docker\\.sock"},
      {"true()", "b:true"},
      {"FALSE()", "b:false"},
      {"null()", "null"},
      {"-5", "i:-5"},
      {"1e999", "f:inf"},
      {"-1e999", "f:-inf"},
      {"1e-999", "f:0"},
      {"-9223372036854775808", "f:-9223372036854775808"},
      {"-9223372036854775807 - 1", "i:-9223372036854775808"},
      {"-0.25", "f:-0.25"},
  });
}

TEST_CASE("arithmetic keeps integers exact and prints like SPL", "[expr][eval]") {
  check({
      {"1+2", "i:3"},
      {"1/2", "f:0.5"},
      {"4/2", "i:2"},
      {"10/3", "f:3.3333333333333335"},
      {"0.1+0.2", "f:0.30000000000000004"},
      {"7%3", "i:1"},
      {"-7%3", "i:-1"},
      {"7.5%2", "f:1.5"},
      {"2*3.5", "f:7"},
      {"1/0", "null"},
      {"1.5/0", "null"},
      {"5%0", "null"},
      {"-n", "i:-42"},
      {"- -1", "i:1"},
      {"-neg", "i:3"},
      {"2-3-4", "i:-5"},
      {"2*3+4", "i:10"},
      {"2+3*4", "i:14"},
      {"(2+3)*4", "i:20"},
      {"-2*3", "i:-6"},
      {"100/10/5", "i:2"},
      {"9223372036854775807+1", "f:9223372036854775808"},
      {"x*2", "f:5"},
      {"n+x", "f:44.5"},
      {"1e21*10", "f:1e+22"},
      {"0.0000001*1", "f:1e-07"},
  });
}

TEST_CASE("+ adds numbers and a field's numeric text, else concatenates strings", "[expr][eval]") {
  check({
      {"a+b", "i:3"},
      {"n+a", "i:43"},
      {"\"1\"+\"2\"", "s:12"},
      {"a+\"x\"", "s:1x"},
      {"s+1", "null"},
      {"\"a\"+1", "null"},
      {"t+1", "null"},
      {"1+(1=1)", "null"},
      {"mv+1", "null"},
      {"tostring(1)+tostring(2)", "s:12"},
      {"a*\"3\"", "i:3"},
      {"s*2", "null"},
      {"a - b", "i:-1"},
  });
}

TEST_CASE(". concatenates text; a dot inside a name is part of the name", "[expr][eval]") {
  check({
      {"a . b", "s:12"},
      {"a.b", "null"},  // the field "a.b", absent
      {"\"x\".n", "s:x42"},
      {"n . x", "s:422.5"},
      {"t . \"\"", "s:true"},
      {"(1=1) . \"!\"", "s:true!"},
      {"1/2 . \"\"", "s:0.5"},
      {"s . missing", "null"},
      {"mv . \"x\"", "null"},
      {"user.username", "s:alice"},
      {"'user.username'", "s:alice"},
  });
}

TEST_CASE("null propagates through arithmetic, comparison and functions", "[expr][eval]") {
  check({
      {"missing + 1", "null"},
      {"nulled + 1", "null"},
      {"missing * 2", "null"},
      {"-missing", "null"},
      {"missing = 1", "null"},
      {"missing != 1", "null"},
      {"NOT missing = 1", "null"},
      {"lower(missing)", "null"},
      {"len(missing)", "null"},
      {"match(missing, \"x\")", "null"},
      {"substr(missing, 1)", "null"},
      {"mvjoin(missing, \",\")", "null"},
      {"isnull(missing)", "b:true"},
      {"isnull(nulled)", "b:true"},
      {"isnull(empty)", "b:false"},
      {"isnotnull(s)", "b:true"},
      {"isnotnull(missing)", "b:false"},
      {"if(missing = 1, \"y\", \"n\")", "s:n"},
      {"if(missing, \"y\", \"n\")", "s:n"},
  });
}

TEST_CASE("comparisons: numeric when both look numeric, else bytewise", "[expr][eval]") {
  check({
      {"1 < 2", "b:true"},
      {"a < b", "b:true"},
      {"\"10\" < \"9\"", "b:false"},
      {"\"abc\" < \"abd\"", "b:true"},
      {"\"B\" < \"a\"", "b:true"},
      {"\"abc\" > 5", "b:true"},
      {"s = \"Hello World\"", "b:true"},
      {"s = \"hello world\"", "b:false"},
      {"s == \"Hello World\"", "b:true"},
      {"s != \"x\"", "b:true"},
      {"n = 42", "b:true"},
      {"n = \"42\"", "b:true"},
      {"n = \"42.0\"", "b:true"},
      {"n = 42.0", "b:true"},
      {"x >= 2.5", "b:true"},
      {"x > 2.5", "b:false"},
      {"n <= 41", "b:false"},
      {"neg < 0", "b:true"},
      {"mv = \"b\"", "b:true"},
      {"mv = \"z\"", "b:false"},
      {"mv != \"a\"", "b:true"},
      {"sel_yes = true()", "b:true"},
      {"(1=1) = (2=2)", "b:true"},
  });
}

TEST_CASE("LIKE operator and like()", "[expr][eval]") {
  check({
      {"s LIKE \"Hello%\"", "b:true"},
      {"s like \"hello%\"", "b:false"},
      {"s LIKE \"H_llo World\"", "b:true"},
      {"s LIKE \"%World\"", "b:true"},
      {"s LIKE \"%orl%\"", "b:true"},
      {"s LIKE \"Hello\"", "b:false"},
      {"s LIKE \"%%o%o%\"", "b:true"},
      {R"~("50%" LIKE "50\%")~", "b:true"},
      {R"~("50x" LIKE "50\%")~", "b:false"},
      {R"~("a_b" LIKE "a\_b")~", "b:true"},
      {"u LIKE \"_Öü%\"", "b:true"},
      {"like(s, \"Hello%\")", "b:true"},
      {"like(mv, \"c\")", "b:true"},
      {"like(missing, \"%\")", "null"},
      {"like(\"\", \"%\")", "b:true"},
      {"like(\"\", \"_\")", "b:false"},
  });
}

TEST_CASE("boolean logic is three-valued and XOR binds loosest", "[expr][eval]") {
  check({
      {"1=1 AND 2=2", "b:true"},
      {"1=1 and 1=2", "b:false"},
      {"1=2 OR 1=1", "b:true"},
      {"1=1 XOR 1=1", "b:false"},
      {"1=1 xor 1=2", "b:true"},
      {"NOT 1=1", "b:false"},
      {"!(1=2)", "b:true"},
      {"! 1=2", "b:true"},
      {"NOT NOT 1=1", "b:true"},
      {"missing=1 AND 1=2", "b:false"},
      {"missing=1 AND 1=1", "null"},
      {"missing=1 OR 1=1", "b:true"},
      {"missing=1 OR 1=2", "null"},
      {"missing=1 XOR 1=1", "null"},
      {"sel_yes AND NOT sel_no", "b:true"},
      {"sel_no OR sel_no", "b:false"},
      // precedence: AND over OR, OR over XOR, NOT over AND
      {"1=1 OR 1=1 AND 1=2", "b:true"},
      {"1=2 AND 1=1 OR 1=1", "b:true"},
      {"1=1 XOR 1=1 OR 1=1", "b:false"},
      {"NOT 1=2 AND 1=1", "b:true"},
      {"NOT (1=1 AND 1=2)", "b:true"},
      // a condition from a number or "true"/"false" text
      {"n AND 1", "b:true"},
      {"0 OR 0", "b:false"},
      {"t AND 1=1", "b:true"},
      {"s AND 1=1", "null"},
  });
}

TEST_CASE("conditionals: if case validate coalesce", "[expr][eval]") {
  check({
      {"if(1=1, \"y\", \"n\")", "s:y"},
      {"IF(1=2, \"y\", \"n\")", "s:n"},
      {"if(sel_yes, 1, 0)", "i:1"},
      {"if(sel_no, 1, 0)", "i:0"},
      {"if(n, \"y\", \"n\")", "s:y"},
      {"if(s, \"y\", \"n\")", "s:n"},
      {"if(1=1, missing, 2)", "null"},
      {"case(n=1, \"one\", n=42, \"answer\", true(), \"other\")", "s:answer"},
      {"case(n=1, \"one\", 1=1, \"other\")", "s:other"},
      {"case(n=1, \"one\")", "null"},
      {"case(missing=1, \"a\", n=42, \"b\")", "s:b"},
      {"validate(n>0, \"negative\", n<100, \"too big\")", "null"},
      {"validate(n>0, \"negative\", n<10, \"too big\")", "s:too big"},
      {"validate(missing>0, \"no value\")", "s:no value"},
      {"coalesce(missing, nulled, s)", "s:Hello World"},
      {"coalesce(missing)", "null"},
      {"coalesce(empty, s)", "s:"},
      {"coalesce(missing, 7)", "i:7"},
  });
}

TEST_CASE("type tests", "[expr][eval]") {
  check({
      {"isnum(n)", "b:true"},         {"isnum(x)", "b:true"},
      {"isnum(a)", "b:true"},         {"isnum(\"1\")", "b:false"},
      {"isnum(s)", "b:false"},        {"isnum(missing)", "b:false"},
      {"isint(n)", "b:true"},         {"isint(x)", "b:false"},
      {"isint(a)", "b:true"},         {"isstr(s)", "b:true"},
      {"isstr(\"1\")", "b:true"},     {"isstr(a)", "b:false"},
      {"isstr(1)", "b:false"},        {"isbool(1=1)", "b:true"},
      {"isbool(t)", "b:false"},       {"typeof(n)", "s:Number"},
      {"typeof(a)", "s:Number"},      {"typeof(s)", "s:String"},
      {"typeof(1=1)", "s:Boolean"},   {"typeof(missing)", "s:Invalid"},
      {"typeof(mv)", "s:Multivalue"},
  });
}

TEST_CASE("match: RE2, unanchored, case-sensitive", "[expr][eval]") {
  check({
      {"match(s, \"World\")", "b:true"},
      {"match(s, \"world\")", "b:false"},
      {"match(s, \"(?i)world\")", "b:true"},
      {"match(s, \"^Hello\")", "b:true"},
      {"match(s, \"^World\")", "b:false"},
      {"match(s, \"o W\")", "b:true"},
      {"match(n, \"^4\")", "b:true"},
      {"match(mv, \"^c$\")", "b:true"},
      {"match(mv, \"^z$\")", "b:false"},
      {"match(s, re)", "b:true"},
      {"match(s, badre)", "null"},
      {"match(s, missing)", "null"},
      {"Match(word, \"^kube\")", "b:true"},
      {R"~(match("a.b", "a\.b"))~", "b:true"},
      {R"~(match("axb", "a\.b"))~", "b:false"},
  });
}

TEST_CASE("match: a pattern of literals alone is looked for as it is", "[expr][eval]") {
  // Answered without RE2 (match::literal_alternatives): still case-sensitive, unanchored, over
  // every value of a multivalue, numbers by their text, and escaped punctuation as itself.
  check({
      {"match(s, \"(Hello|Bye)\")", "b:true"},
      {"match(s, \"(hello|bye)\")", "b:false"},
      {"match(s, \"xyz|orld\")", "b:true"},
      {"match(s, \"(?:lo W|zz)\")", "b:true"},
      {"match(mv, \"(z|c)\")", "b:true"},
      {"match(mv, \"(z|y)\")", "b:false"},
      {"match(n, \"(2|9)\")", "b:true"},
      {"match(missing, \"(a|b)\")", "null"},
      {R"~(match("/run/docker.sock", "(docker\.sock|-v /:/host)"))~", "b:true"},
      {R"~(match("/run/dockerXsock", "(docker\.sock|-v /:/host)"))~", "b:false"},
  });
}

TEST_CASE("match: a counted dot answers as RE2 does, ASCII or not", "[expr][eval]") {
  // `.{n,}` is answered by a newline search on ASCII text, by RE2 on the rest: "\u00e9" is two
  // bytes but one character.
  check({
      {"match(s, \".{11}\")", "b:true"},
      {"match(s, \".{12,}\")", "b:false"},
      {"match(\"ab\ncd\", \".{3}\")", "b:false"},
      {"match(\"ab\ncd\", \"(?s).{5}\")", "b:true"},
      {"match(\"\u00e9\u00e9\", \".{3}\")", "b:false"},
      {"match(\"\u00e9\u00e9\", \".{2}\")", "b:true"},
      {"match(n, \".{2}\")", "b:true"},
  });
}

TEST_CASE("match: the literals a pattern needs never hide a match", "[expr][eval]") {
  // match() runs RE2 only on text that holds, folded, a literal the pattern cannot match
  // without: every case of it counts, the regex decides.
  check({
      {"match(s, \"(?i)WORLD\")", "b:true"},
      {"match(\"HELLO\", \"(?i)hello|bye\")", "b:true"},
      {"match(\"\u212Aelvin\", \"(?i)kelvin\")", "b:true"},  // KELVIN SIGN folds to k
      {"match(\"\u212Aelvin\", \"kelvin\")", "b:false"},
      {"match(mv, \"c|z\")", "b:true"},   // only the last value holds one
      {"match(n, \"42|43\")", "b:true"},  // a number, as its text
      {"match(\"x --net=host\", \"(--privileged|--net=host)\")", "b:true"},
      {"match(\"x --net=hos\", \"(--privileged|--net=host)\")", "b:false"},
      {"match(\"Docker\", \"docker\")", "b:false"},  // its folding holds the literal
      // A pattern of several parts needs a literal of each: every part present, or one missing.
      {"match(\"LET a || let B gamma || 'z'\", \"(?i)let.*[|]{2}.*(alpha|gamma).*[|]{2}.*'\")",
       "b:true"},
      {"match(\"let a || let b gamma 'z'\", \"(?i)let.*[|]{2}.*(alpha|gamma).*[|]{2}.*'\")",
       "b:false"},
      {"match(\"let a || let b beta || 'z'\", \"(?i)let.*[|]{2}.*(alpha|gamma).*[|]{2}.*'\")",
       "b:false"},
  });
}

TEST_CASE("in and cidrmatch", "[expr][eval]") {
  check({
      {"in(word, \"docker\", \"kubectl\")", "b:true"},
      {"in(word, \"docker\")", "b:false"},
      {"in(word, \"KUBECTL\")", "b:false"},
      {"in(n, 1, 42)", "b:true"},
      {"in(n, \"42\")", "b:true"},
      {"in(mv, \"x\", \"c\")", "b:true"},
      {"in(missing, \"a\")", "null"},
      {"in(s, missing, \"Hello World\")", "b:true"},
      {"cidrmatch(\"10.0.0.0/8\", ip)", "b:true"},
      {"cidrmatch(\"192.168.0.0/16\", ip)", "b:false"},
      {"cidrmatch(\"10.1.2.3\", ip)", "b:true"},
      {"cidrmatch(\"10.1.2.3/32\", \"10.1.2.4\")", "b:false"},
      {"cidrmatch(\"0.0.0.0/0\", ip)", "b:true"},
      {"cidrmatch(\"fe80::/10\", ip6)", "b:true"},
      {"cidrmatch(\"10.0.0.0/8\", ip6)", "b:false"},
      {"cidrmatch(\"10.0.0.0/8\", s)", "b:false"},
      {"cidrmatch(cidr, ip)", "b:true"},
      {"cidrmatch(s, ip)", "b:false"},
      {"cidrmatch(\"10.0.0.0/8\", missing)", "null"},
      {"cidrmatch(\"10.0.0.0/8\", 'sourceIPs{}')", "b:true"},
  });
}

TEST_CASE("text functions", "[expr][eval]") {
  check({
      {"lower(s)", "s:hello world"},
      {"upper(s)", "s:HELLO WORLD"},
      {"lower(u)", "s:äöü straße"},
      {"upper(u)", "s:ÄÖÜ STRAßE"},  // simple case mapping: ß has no one-letter capital
      {"LOWER(n)", "s:42"},
      {"upper(mv)", "mv:A|B|C"},
      {"len(s)", "i:11"},
      {"len(u)", "i:10"},
      {"len(n)", "i:2"},
      {"len(empty)", "i:0"},
      {"len(mv)", "null"},
      {"trim(\"  a b  \")", "s:a b"},
      {"ltrim(\"  a \")", "s:a "},
      {"rtrim(\" a  \")", "s: a"},
      {"trim(\"xxaxx\", \"x\")", "s:a"},
      {"rtrim(\"xxaxx\", \"x\")", "s:xxa"},
      {"trim(\"xxx\", \"x\")", "s:"},
      {"replace(s, \"o\", \"0\")", "s:Hell0 W0rld"},
      {R"~(replace(s, "(\w+) (\w+)", "\2 \1"))~", "s:World Hello"},
      {"replace(s, \"z\", \"y\")", "s:Hello World"},
      {"replace(mv, \"^\", \"x\")", "mv:xa|xb|xc"},
      {"replace(s, re, \"Earth\")", "s:Hello Earth"},
      {"replace(missing, \"a\", \"b\")", "null"},
      {"substr(s, 1, 5)", "s:Hello"},
      {"substr(s, 7)", "s:World"},
      {"substr(s, -5)", "s:World"},
      {"substr(s, -5, 2)", "s:Wo"},
      {"substr(s, 0, 2)", "s:He"},
      {"substr(s, 20)", "s:"},
      {"substr(s, 1, 0)", "s:"},
      {"substr(u, 2, 2)", "s:Öü"},
      {"substr(n, 1, 1)", "s:4"},
      {"substr(s, \"x\")", "null"},
  });
}

TEST_CASE("tonumber and tostring", "[expr][eval]") {
  check({
      {"tonumber(\"42\")", "i:42"},
      {"tonumber(\"4.5\")", "f:4.5"},
      {"tonumber(\"-7\")", "i:-7"},
      {"tonumber(\" 7 \")", "i:7"},
      {"tonumber(\"abc\")", "null"},
      {"tonumber(\"\")", "null"},
      {"tonumber(\"ff\", 16)", "i:255"},
      {"tonumber(\"0x1F\", 16)", "i:31"},
      {"tonumber(\"101\", 2)", "i:5"},
      {"tonumber(\"12\", 1)", "null"},
      {"tonumber(\"19\", 8)", "null"},
      {"tonumber(hexs, 16)", "i:255"},
      {"tonumber(n)", "i:42"},
      {"tonumber(a) + 1", "i:2"},
      {"tonumber(missing)", "null"},
      {"tostring(42)", "s:42"},
      {"tostring(0.5)", "s:0.5"},
      {"tostring(1=1)", "s:True"},
      {"tostring(1=2)", "s:False"},
      {"tostring(255, \"hex\")", "s:0xFF"},
      {"tostring(1234567, \"commas\")", "s:1,234,567"},
      {"tostring(1234.567, \"commas\")", "s:1,234.57"},
      {"tostring(-1234, \"commas\")", "s:-1,234"},
      {"tostring(3725, \"duration\")", "s:01:02:05"},
      {"tostring(90061, \"duration\")", "s:1+01:01:01"},
      {"tostring(s)", "s:Hello World"},
      {"tostring(missing)", "null"},
  });
}

TEST_CASE("multivalue functions", "[expr][eval]") {
  check({
      {"mvappend(a, missing, b)", "mv:1|2"},
      {"mvappend(\"x\")", "s:x"},
      {"mvappend(mv, \"d\")", "mv:a|b|c|d"},
      {"mvappend(missing, nulled)", "null"},
      {"mvappend(n, x, 1=1)", "mv:42|2.5|true"},
      {"mvjoin(mv, \",\")", "s:a,b,c"},
      {"mvjoin(mv, \"\")", "s:abc"},
      {"mvjoin(s, \",\")", "s:Hello World"},
      {"mvjoin(n, \",\")", "s:42"},
      {"mvcount(mv)", "i:3"},
      {"mvcount(s)", "i:1"},
      {"mvcount(missing)", "null"},
      {"mvcount(mvappend(mv, mv))", "i:6"},
      {"mvindex(mv, 0)", "s:a"},
      {"mvindex(mv, -1)", "s:c"},
      {"mvindex(mv, 1, 2)", "mv:b|c"},
      {"mvindex(mv, 1, 9)", "mv:b|c"},
      {"mvindex(mv, 5)", "null"},
      {"mvindex(s, 0)", "s:Hello World"},
      {"mvdedup(mvappend(\"b\", \"a\", \"b\"))", "mv:b|a"},
      {"mvsort(mvappend(\"b\", \"a\", \"c\"))", "mv:a|b|c"},
      {"split(\"a,b,,c\", \",\")", "mv:a|b||c"},
      {"split(\"abc\", \"\")", "mv:a|b|c"},
      {"split(\"abc\", \",\")", "s:abc"},
      {"split(\"a::b\", \"::\")", "mv:a|b"},
      {"mvcount(split(s, \" \"))", "i:2"},
      {"'sourceIPs{}'", "mv:10.0.0.1|10.0.0.2"},
  });
}

TEST_CASE("math functions", "[expr][eval]") {
  check({
      {"abs(-3)", "i:3"},
      {"abs(-2.5)", "f:2.5"},
      {"abs(neg)", "i:3"},
      {"abs(s)", "null"},
      {"round(2.5)", "i:3"},
      {"round(-2.5)", "i:-3"},
      {"round(2.4)", "i:2"},
      {"round(3.14159, 2)", "f:3.14"},
      {"round(1234, -2)", "i:1200"},
      {"round(7)", "i:7"},
      {"floor(2.7)", "i:2"},
      {"floor(-2.5)", "i:-3"},
      {"ceil(2.1)", "i:3"},
      {"ceiling(2)", "i:2"},
      {"min(3, 1, 2)", "i:1"},
      {"max(3, 1, 2)", "i:3"},
      {"max(1, \"abc\")", "s:abc"},
      {"min(1, \"abc\")", "i:1"},
      {"min(mv)", "s:a"},
      {"max(a, b)", "s:2"},
      {"max(\"10\", \"9\")", "s:10"},
      {"min(missing, 5)", "i:5"},
      {"max(missing)", "null"},
      {"pow(2, 10)", "f:1024"},
      {"pow(2, 0.5)", "f:1.4142135623730951"},
      {"sqrt(16)", "f:4"},
      {"sqrt(-1)", "null"},
  });
}

TEST_CASE("names resolve as variable, then selection, then field", "[expr][eval]") {
  TestEvent event = sample_event();
  Rule rule(event);
  // A selection beats a field of the same name...
  event.str("sel_yes", "field text");
  CHECK(repr(*rule.eval("sel_yes")) == "b:true");
  // ...and an eval variable beats both.
  REQUIRE(rule.define("sel_yes", "\"variable\""));
  CHECK(repr(*rule.eval("sel_yes")) == "s:variable");
  REQUIRE(rule.define("s", "upper(s)"));  // reads the field, then shadows it
  CHECK(repr(*rule.eval("s")) == "s:HELLO WORLD");
}

TEST_CASE("a variable's numeric text is a number in later entries, as in SPL", "[expr][eval]") {
  TestEvent event = sample_event();
  Rule rule(event);
  REQUIRE(rule.define("one", "\"1\""));
  CHECK(repr(*rule.eval("one + one")) == "i:2");
  CHECK(repr(*rule.eval("\"1\" + \"1\"")) == "s:11");
  REQUIRE(rule.define("flag", "if(1=1, 1, 0)"));
  REQUIRE(rule.define("score", "flag*3 + flag"));
  CHECK(repr(*rule.eval("score")) == "i:4");
}

TEST_CASE("event values: booleans are text, a list is a multivalue, an empty list null",
          "[expr][eval]") {
  TestEvent event;
  event.boolean("priv", true).list("none", {}).num("i", -5).real("f", 0.25);
  event.list("one", {"only"});
  Rule rule(event);
  CHECK(repr(*rule.eval("priv")) == "s:true");
  CHECK(repr(*rule.eval("priv = \"true\"")) == "b:true");
  CHECK(repr(*rule.eval("if(priv, 1, 0)")) == "i:1");
  CHECK(repr(*rule.eval("i")) == "i:-5");
  CHECK(repr(*rule.eval("f")) == "f:0.25");
  CHECK(repr(*rule.eval("one")) == "s:only");
  CHECK(repr(*rule.eval("mvappend(i, f)")) == "mv:-5|0.25");
}

TEST_CASE("test() is true only for a true value", "[expr][eval]") {
  TestEvent event = sample_event();
  Rule rule(event);
  CHECK(rule.where("n > 0"));
  CHECK_FALSE(rule.where("n < 0"));
  CHECK_FALSE(rule.where("missing > 0"));
  CHECK_FALSE(rule.where("NOT missing > 0"));
  CHECK(rule.where("n"));
  CHECK_FALSE(rule.where("s"));
}

TEST_CASE("scratch memory is reused after reset", "[expr][eval]") {
  TestEvent event = sample_event();
  Rule rule(event);
  for (int i = 0; i < 3; ++i) {
    CHECK(repr(*rule.eval("mvjoin(mvappend(s, s, s), \"-\")")) ==
          "s:Hello World-Hello World-Hello World");
    CHECK(rule.evaluator.scratch().bytes_in_use() > 0);
    rule.evaluator.reset();
    CHECK(rule.evaluator.scratch().bytes_in_use() == 0);
  }
}

TEST_CASE("an empty Program evaluates to null", "[expr][eval]") {
  TestEvent event;
  Rule rule(event);
  sigma::expr::Program empty;
  CHECK(rule.evaluator.evaluate(empty, rule).is_null());
}

}  // namespace

namespace {

TEST_CASE("the deepest accepted expression evaluates", "[expr][eval]") {
  TestEvent event;
  Rule rule(event);
  std::string text;
  const unsigned depth = sigma::expr::kMaxExpressionDepth;
  for (unsigned i = 1; i < depth; ++i) text += "abs(";
  text += "-1" + std::string(depth - 1, ')');
  CHECK(repr(*rule.eval(text)) == "i:1");
  std::string parens = std::string(depth - 2, '(') + "NOT NOT 1=1" + std::string(depth - 2, ')');
  CHECK(repr(*rule.eval(parens)) == "b:true");
}

}  // namespace
