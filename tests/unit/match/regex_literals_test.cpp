// RegexLiterals: the literals a regex cannot match without, for skipping it cheaply.
#include "runtime/match/regex_literals.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

using sigma::match::RegexLiterals;

namespace {

using Sets = std::vector<std::vector<std::string>>;

Sets sorted(Sets sets) {
  for (auto& s : sets) std::sort(s.begin(), s.end());
  std::sort(sets.begin(), sets.end());
  return sets;
}

// Whether folded `text` passes the check the engine makes before RE2.
bool passes(const Sets& sets, const std::string& text) {
  return sigma::match::holds_each(text, sets);
}

std::string lowered(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

}  // namespace

TEST_CASE("a regex's literal sets: one per necessary part", "[regex_literals]") {
  // The shape of SigmaHQ's Invoke-Obfuscation-via-stdin pattern: parts joined by `.*`.
  const RE2 re("(?i)(let).*\\|\\|\\s?let.*(alpha|gamma|\\$\\{?delta).*\\|\\|.*'");
  const RegexLiterals lits(re);
  const Sets sets = lits.sets(1, 4);
  // The first set is get()'s; the others take what it left.
  REQUIRE(sets.size() >= 2);
  CHECK(sets.front() == lits.get(1));
  CHECK(sorted(sets) == sorted({{"'"}, {"||"}, {"alpha", "delta", "gamma"}, {"let"}}));
  // Disjoint, and a text with only some of the parts is rejected.
  CHECK_FALSE(passes(sets, "let-item -path hkcu:\\software -name gamma"));
  CHECK_FALSE(passes(sets, "let a || let b gamma"));
  CHECK(passes(sets, "let a || let b gamma || 'c'"));
  CHECK(RE2::PartialMatch("LET a || let b Gamma || 'c'", re));
  // The example of the header.
  CHECK(sorted(RegexLiterals(RE2("(?i)set.*&&.*(invoke|environment)")).sets(1, 4)) ==
        sorted({{"environment", "invoke"}, {"set"}, {"&&"}}));
}

TEST_CASE("the sets checked before a regex: the same, fewest literals first", "[regex_literals]") {
  // The shape of SigmaHQ's format-string obfuscation patterns: ten alternatives, then parts.
  const RegexLiterals lits(RE2("\\{[0-9]\\}.*-f.*'"));
  const Sets sets = lits.sets(1, sigma::match::kMaxLiteralSets);
  REQUIRE(sets.front().size() == 10);  // get()'s set comes first there
  const Sets needs = sigma::match::literal_needs(lits);
  CHECK(sorted(needs) == sorted(sets));
  CHECK(std::is_sorted(needs.begin(), needs.end(),
                       [](const auto& a, const auto& b) { return a.size() < b.size(); }));
  CHECK(needs.back().size() == 10);
  CHECK(sigma::match::literal_needs(RegexLiterals(RE2(".{3}"))).empty());  // no literal
}

TEST_CASE("a regex's literal sets: an OR at the top is one set", "[regex_literals]") {
  const RegexLiterals lits(RE2("(certutil|bitsadmin)\\.exe"));
  CHECK(sorted(lits.sets(3, 4)) == sorted({{"bitsadmin.exe", "certutil.exe"}}));
  CHECK(lits.sets(3, 4).front() == lits.get(3));
  CHECK(RegexLiterals(RE2("\\s[a-f0-9]{64}")).sets(3, 4).empty());  // no literal of 3 bytes
  CHECK(RegexLiterals(RE2("(unclosed", RE2::Quiet)).sets(1, 4).empty());
  CHECK(RegexLiterals(RE2("a.*b.*c.*d.*e")).sets(1, 2).size() == 2);  // at most max_sets
}

TEST_CASE("a regex's literal sets never reject a text the regex matches", "[regex_literals]") {
  const std::vector<std::string> patterns = {
      "(?i)(let).*\\|\\|\\s?let.*(alpha|gamma|\\$\\{?delta).*\\|\\|.*'",
      "(?i)a(b|cd)e.*(fg|h)",
      "x(y|z)+w[ab]c",
      "(?i)(ab|cd)(ef|gh).*ij",
      "(pq.*rs|tu)v",
      "a?b?cd",
  };
  const std::string alphabet = "abcdefghijlmpqrstuvwxyzABCDEL&|$'\" {}";
  std::mt19937 rng(3);
  for (const std::string& p : patterns) {
    const RE2 re(p);
    REQUIRE(re.ok());
    const Sets sets = RegexLiterals(re).sets(1, 4);
    for (int n = 0; n < 20000; ++n) {
      std::string text;
      for (std::size_t k = rng() % 24; k > 0; --k)
        text.push_back(alphabet[rng() % alphabet.size()]);
      if (RE2::PartialMatch(text, re)) {
        INFO("pattern " << p << " text " << text);
        REQUIRE(passes(sets, lowered(text)));
      }
    }
  }
}
