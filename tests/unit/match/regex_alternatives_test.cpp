// Literal alternations are answered without RE2: what they take must be exactly what RE2 finds,
// and anything else must be left to RE2.
#include "runtime/match/regex_alternatives.hpp"

#include <re2/re2.h>

#include <catch.hpp>
#include <random>

using sigma::match::holds_any_literal;
using sigma::match::literal_alternatives;
using Literals = std::vector<std::string>;

TEST_CASE("literal_alternatives takes plain alternations, whole or in one group",
          "[regex_alternatives]") {
  CHECK(literal_alternatives("docker") == Literals{"docker"});
  CHECK(literal_alternatives("/var/run/docker\\.sock") == Literals{"/var/run/docker.sock"});
  CHECK(literal_alternatives("(--privileged|--cap-add=SYS_ADMIN|--net=host)") ==
        Literals{"--privileged", "--cap-add=SYS_ADMIN", "--net=host"});
  CHECK(literal_alternatives("(?:get secrets|get configmaps)") ==
        Literals{"get secrets", "get configmaps"});
  CHECK(literal_alternatives("-v /:/host|a\\|b") == Literals{"-v /:/host", "a|b"});
}

TEST_CASE("literal_alternatives leaves everything else to RE2", "[regex_alternatives]") {
  for (const char* pattern : {"",        "()",      "a|",
                              "|a",      "a||b",    "(a)|(b)",
                              "((a|b))", "(?i)abc", "(?i:abc)",
                              "a.b",     "^a",      "a$",
                              "a*",      "a+",      "a?",
                              "a{2}",    "[ab]",    "a\\d",
                              "\\bword", "a\\x41",  "\\Qa\\E",
                              "\\",      "a\tb",    "caf\xc3\xa9",
                              "(a|b",    "a|b)",    "kubectl.*(get|describe)"}) {
    INFO(pattern);
    CHECK_FALSE(literal_alternatives(pattern).has_value());
  }
}

TEST_CASE("a literal alternation matches where RE2 matches", "[regex_alternatives]") {
  // Random alternations over letters, punctuation that needs escaping and punctuation that
  // does not, against random texts that often hold the literals: the answers must agree.
  std::mt19937 rng(5);
  const std::string bytes = "ab.-=/ :|*";
  for (int round = 0; round < 300; ++round) {
    std::string pattern;
    Literals literals;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) {
      std::string literal;
      for (int j = 0, m = 1 + static_cast<int>(rng() % 4); j < m; ++j) {
        const char c = bytes[rng() % bytes.size()];
        literal.push_back(c);
        if (c == '.' || c == '|' || c == '*') pattern.push_back('\\');
        pattern.push_back(c);
      }
      literals.push_back(literal);
      pattern.push_back('|');
    }
    pattern.pop_back();
    if (rng() % 2) pattern = "(" + pattern + ")";
    const auto taken = literal_alternatives(pattern);
    REQUIRE(taken == literals);
    const re2::RE2 re(pattern);
    REQUIRE(re.ok());
    for (int t = 0; t < 20; ++t) {
      std::string text;
      for (int j = 0, m = static_cast<int>(rng() % 12); j < m; ++j)
        text.push_back(rng() % 8 == 0 ? '\xff' : bytes[rng() % bytes.size()]);
      INFO(pattern << " in " << text);
      CHECK(holds_any_literal(text, *taken) == re2::RE2::PartialMatch(text, re));
    }
  }
}
