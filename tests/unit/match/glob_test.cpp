// Glob: compiled shape (dump), corner cases, UTF-8 `?`, escapes, and a differential check against
// a plain dynamic-programming matcher over random patterns and texts.
#include "runtime/match/glob.hpp"

#include <catch.hpp>
#include <chrono>
#include <random>
#include <string>
#include <vector>

using sigma::match::Glob;
using sigma::match::utf8_char_len;

namespace {

bool glob(std::string_view pattern, std::string_view text) { return Glob(pattern).matches(text); }

// Reference semantics: split the text into characters (as utf8_char_len does) and the pattern
// into tokens, then the textbook O(n*m) table.
bool reference(std::string_view pattern, std::string_view text) {
  enum Kind { Lit, Any, Star };
  struct Tok {
    Kind kind;
    char c;
  };
  std::vector<Tok> toks;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*')
      toks.push_back({Star, 0});
    else if (c == '?')
      toks.push_back({Any, 0});
    else if (c == '\\' && i + 1 < pattern.size() &&
             (pattern[i + 1] == '*' || pattern[i + 1] == '?' || pattern[i + 1] == '\\'))
      toks.push_back({Lit, pattern[++i]});
    else
      toks.push_back({Lit, c});
  }
  // Positions of character starts in the text.
  std::vector<std::size_t> starts;
  for (std::size_t p = 0; p < text.size(); p += utf8_char_len(text, p)) starts.push_back(p);
  starts.push_back(text.size());
  // m[i][j]: the first i tokens match text[0 .. j) where j is any byte position.
  const std::size_t n = text.size();
  std::vector<std::vector<char>> m(toks.size() + 1, std::vector<char>(n + 1, 0));
  std::vector<char> boundary(n + 1, 0);
  for (std::size_t s : starts) boundary[s] = 1;
  m[0][0] = 1;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    for (std::size_t j = 0; j <= n; ++j) {
      if (!m[i][j]) continue;
      switch (toks[i].kind) {
        case Lit:
          if (j < n && text[j] == toks[i].c) m[i + 1][j + 1] = 1;
          break;
        case Any:
          if (j < n && boundary[j]) m[i + 1][j + utf8_char_len(text, j)] = 1;
          break;
        case Star:
          for (std::size_t k = j; k <= n; ++k)
            if (boundary[k]) m[i + 1][k] = 1;
          break;
      }
    }
  }
  return m[toks.size()][n];
}

}  // namespace

TEST_CASE("glob compiles into segments", "[glob]") {
  CHECK(Glob("").dump() == "");
  CHECK(Glob("abc").dump() == "\"abc\"");
  CHECK(Glob("*").dump() == "*");
  CHECK(Glob("**").dump() == "*");
  CHECK(Glob("a**b").dump() == "\"a\"*\"b\"");
  CHECK(Glob("*a?b*").dump() == "*\"a\"?{1}\"b\"*");
  CHECK(Glob("??x?").dump() == "?{2}\"x\"?{1}");
  CHECK(Glob("\\*a\\?\\\\").dump() == "\"*a?\\\"");
  CHECK(Glob("a\\b").dump() == "\"a\\b\"");  // a lone backslash is a literal
  CHECK(Glob("a\\").dump() == "\"a\\\"");
  CHECK(Glob("\\**").dump() == "\"*\"*");
}

TEST_CASE("glob anchoring and stars", "[glob]") {
  CHECK(glob("", ""));
  CHECK_FALSE(glob("", "a"));
  CHECK(glob("*", ""));
  CHECK(glob("*", "anything"));
  CHECK(glob("**", ""));
  CHECK(glob("abc", "abc"));
  CHECK_FALSE(glob("abc", "abcd"));
  CHECK_FALSE(glob("abc", "xabc"));
  CHECK(glob("abc*", "abcd"));
  CHECK_FALSE(glob("abc*", "xabc"));
  CHECK(glob("*abc", "xxabc"));
  CHECK_FALSE(glob("*abc", "abcx"));
  CHECK(glob("*abc*", "xxabcxx"));
  CHECK(glob("a*b*c", "abc"));
  CHECK(glob("a*b*c", "aXbYc"));
  CHECK_FALSE(glob("a*b*c", "aXcYb"));
  CHECK(glob("*a*a*", "aa"));
  CHECK_FALSE(glob("*a*a*", "a"));
  CHECK(glob("ab*ba", "aba") == false);  // head and tail may not overlap
  CHECK(glob("ab*ba", "abba"));
  CHECK(glob("*\\cmd.exe", "c:\\windows\\system32\\cmd.exe"));
  // In escaped-glob form a backslash before a star is written `\\`, else it escapes the star.
  CHECK(glob("c:\\windows\\\\*\\cmd.exe", "c:\\windows\\system32\\cmd.exe"));
  CHECK_FALSE(glob("c:\\windows\\*\\cmd.exe", "c:\\windows\\system32\\cmd.exe"));
  CHECK(glob("c:\\windows\\*\\cmd.exe", "c:\\windows*\\cmd.exe"));
}

TEST_CASE("glob question mark is one UTF-8 character", "[glob]") {
  CHECK(glob("?", "a"));
  CHECK_FALSE(glob("?", ""));
  CHECK_FALSE(glob("?", "ab"));
  CHECK(glob("?", "é"));         // 2 bytes
  CHECK(glob("?", "€"));         // 3 bytes
  CHECK(glob("?", "😀"));         // 4 bytes
  CHECK_FALSE(glob("??", "€"));  // never splits a character
  CHECK_FALSE(glob("*??", "€"));
  CHECK_FALSE(glob("*???", "é€"));
  CHECK(glob("*??", "é€"));
  CHECK(glob("a?c", "aßc"));
  CHECK(glob("*?c", "aßc"));
  CHECK(glob("*?", "x€"));
  CHECK(glob("?*?", "€😀"));
  CHECK_FALSE(glob("?*?", "😀"));
  CHECK(glob("*ß?*", "xßyz"));
  // Invalid UTF-8 bytes count as one character each.
  CHECK(glob("?", "\xff"));
  CHECK(glob("??", "\xe2\x28"));  // truncated sequence: two characters
  CHECK(glob("?", "\x80"));
  CHECK(glob("*?", "a\x80"));
  CHECK(glob("*??", "a\x80"));
}

TEST_CASE("glob escapes", "[glob]") {
  CHECK(glob("a\\*b", "a*b"));
  CHECK_FALSE(glob("a\\*b", "axb"));
  CHECK(glob("a\\?b", "a?b"));
  CHECK_FALSE(glob("a\\?b", "axb"));
  CHECK(glob("a\\\\b", "a\\b"));
  CHECK(glob("a\\\\*", "a\\anything"));
  CHECK(glob("*\\**", "x*y"));
  CHECK_FALSE(glob("*\\**", "xy"));
  CHECK(glob("\\\\server\\share", "\\server\\share"));  // `\s` stays a backslash and s
}

TEST_CASE("glob pathological patterns finish fast", "[glob]") {
  const std::string as(200000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(glob("*a*a*a*a*b", as));
  CHECK(glob("*a*a*a*a*a", as));
  CHECK_FALSE(glob("*a?a?a?a?b*", as));
  CHECK_FALSE(glob("*?a?a?a?b*", as));
  CHECK_FALSE(glob("*aaaaaaaaaaaaaaaaaaaaaaab*", as));
  CHECK_FALSE(glob("*?????????????????????b", as));
  CHECK(glob("*??????????????????????", as));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  CHECK(ms < 2000);  // generous for Debug and sanitizer builds; seconds would mean backtracking
}

TEST_CASE("glob agrees with a reference matcher on random inputs", "[glob]") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pat_atoms = {"a", "b", "*", "?", "\\*", "\\?", "\\\\", "é", "\\"};
  const std::vector<std::string> text_atoms = {"a", "b", "*", "?", "\\", "é", "€", "\x80", "\xe2"};
  // Short inputs hit every corner; long texts exercise the tail segment's realignment.
  for (int iter = 0; iter < 30000; ++iter) {
    const bool long_text = iter % 3 == 0;
    std::string pattern, text;
    const int pn = static_cast<int>(rng() % (long_text ? 10 : 7));
    const int tn = static_cast<int>(rng() % (long_text ? 40 : 9));
    for (int k = 0; k < pn; ++k) pattern += pat_atoms[rng() % pat_atoms.size()];
    for (int k = 0; k < tn; ++k) text += text_atoms[rng() % text_atoms.size()];
    INFO("pattern [" << pattern << "] text [" << text << "]");
    REQUIRE(Glob(pattern).matches(text) == reference(pattern, text));
  }
}

TEST_CASE("find_bytes finds the first occurrence, as std::string_view::find does", "[glob]") {
  using sigma::match::find_bytes;
  constexpr auto npos = std::string_view::npos;
  CHECK(find_bytes("abc", "", 1) == 1);
  CHECK(find_bytes("abc", "abcd", 0) == npos);
  CHECK(find_bytes("abc", "c", 3) == npos);
  CHECK(find_bytes("abc", "c", 4) == npos);
  CHECK(find_bytes("cmd /c ^^ x ^^", "^^", 0) == 7);
  CHECK(find_bytes("cmd /c ^^ x ^^", "^^", 8) == 12);
  CHECK(find_bytes("^^", "^^", 0) == 0);
  // The rare byte is the needle's last; a near miss at the very end.
  CHECK(find_bytes("xxxx^", "x^", 0) == 3);
  CHECK(find_bytes("xxxx^", "y^", 0) == npos);
  // Many false hits on the rare byte: the search moves on to memmem and still finds it.
  std::string text;
  for (int i = 0; i < 40; ++i) text += "q^r ";
  text += "q^zq^z";
  CHECK(find_bytes(text, "q^z", 0) == 160);
  CHECK(find_bytes(text, "q^z", 161) == 163);
  CHECK(find_bytes(text, "q^y", 0) == npos);
}

TEST_CASE("find_bytes agrees with std::string_view::find on random texts", "[glob]") {
  using sigma::match::find_bytes;
  std::mt19937 rng(11);
  const std::string alphabet = "ab^ \\\xd0\xb0";
  const auto random_text = [&](std::size_t max) {
    std::string s;
    for (std::size_t i = rng() % (max + 1); i > 0; --i)
      s.push_back(alphabet[rng() % alphabet.size()]);
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string text = random_text(120), needle = random_text(5);
    const std::size_t pos = rng() % (text.size() + 2);
    INFO("text '" << text << "' needle '" << needle << "' pos " << pos);
    const std::size_t want =
        pos > text.size() ? std::string_view::npos : std::string_view(text).find(needle, pos);
    REQUIRE(find_bytes(text, needle, pos) == want);
  }
}

TEST_CASE("find_bytes agrees with std::string_view::find where the rare byte is common",
          "[glob]") {
  // Texts of few letters make every byte of a needle common: after sixteen false hits of its
  // rarest byte the search tests two bytes sixteen places at a time, with a tail place by place.
  using sigma::match::find_bytes;
  std::mt19937 rng(29);
  for (int i = 0; i < 20000; ++i) {
    const std::string alphabet = i % 2 == 0 ? "ab" : "^|x";
    std::string text, needle;
    for (std::size_t k = rng() % 300; k > 0; --k) text.push_back(alphabet[rng() % alphabet.size()]);
    for (std::size_t k = 2 + rng() % 12; k > 0; --k)
      needle.push_back(alphabet[rng() % alphabet.size()]);
    const std::size_t pos = rng() % (text.size() + 1);
    INFO("text '" << text << "' needle '" << needle << "' pos " << pos);
    REQUIRE(find_bytes(text, needle, pos) == std::string_view(text).find(needle, pos));
  }
  // A needle that first occurs at the text's very end, after a long run of near misses.
  std::string text(1000, 'a');
  text += "ab";
  CHECK(find_bytes(text, "aab", 0) == 999);
  CHECK(find_bytes(text, "abb", 0) == std::string_view::npos);
}
