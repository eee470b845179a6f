// Fuzzes the glob compiler + matcher and the timestamp parser.
//
// Input: a glob pattern, a NUL byte, then the text (no NUL: the whole input is both pattern and
// timestamp text, with the pattern also matched against itself). The glob result is checked
// against a small dynamic-programming matcher, so the fuzzer finds wrong answers as well as
// crashes. Sizes are capped to keep the O(n*m) reference cheap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "runtime/match/glob.hpp"
#include "runtime/match/number.hpp"
#include "runtime/match/text_match.hpp"
#include "runtime/match/timestamp.hpp"

namespace {

using sigma::match::utf8_char_len;

// The same semantics as Glob, spelled out as the textbook table over characters.
bool reference(std::string_view pattern, std::string_view text) {
  struct Tok {
    int kind;  // 0 literal byte, 1 `?`, 2 `*`
    char c;
  };
  std::vector<Tok> toks;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') toks.push_back({2, 0});
    else if (c == '?') toks.push_back({1, 0});
    else if (c == '\\' && i + 1 < pattern.size() &&
             (pattern[i + 1] == '*' || pattern[i + 1] == '?' || pattern[i + 1] == '\\'))
      toks.push_back({0, pattern[++i]});
    else toks.push_back({0, c});
  }
  const std::size_t n = text.size();
  std::vector<char> boundary(n + 1, 0);
  for (std::size_t p = 0; p < n; p += utf8_char_len(text, p)) boundary[p] = 1;
  boundary[n] = 1;
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  cur[0] = 1;
  for (const Tok& t : toks) {
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t j = 0; j <= n; ++j) {
      if (!cur[j]) continue;
      if (t.kind == 0) {
        if (j < n && text[j] == t.c) next[j + 1] = 1;
      } else if (t.kind == 1) {
        if (j < n && boundary[j]) next[j + utf8_char_len(text, j)] = 1;
      } else {
        for (std::size_t k = j; k <= n; ++k)
          if (boundary[k]) next[k] = 1;
        break;  // every later position is already covered
      }
    }
    cur.swap(next);
  }
  return cur[n] != 0;
}

void check_glob(std::string_view pattern, std::string_view text) {
  const bool got = sigma::match::Glob(pattern).matches(text);
  const bool lowered = sigma::match::TextMatcher(sigma::match::TextOp::Glob, pattern).matches(text);
  if (pattern.size() <= 256 && text.size() <= 1024 && got != reference(pattern, text)) std::abort();
  if (got != lowered) std::abort();
}

void check_time(std::string_view text) {
  if (const auto t = sigma::match::parse_timestamp(text)) {
    for (int f = 0; f <= static_cast<int>(sigma::match::TimeField::Year); ++f) {
      const auto v = sigma::match::time_field(*t, static_cast<sigma::match::TimeField>(f));
      if (v < 0 || v > 9999) std::abort();
    }
    if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 || t->hour > 23 ||
        t->minute > 59 || t->second > 60)
      std::abort();
  }
  (void)sigma::match::parse_int(text);
  (void)sigma::match::parse_double(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = in.find('\0');
  if (nul == std::string_view::npos) {
    check_glob(in, in);
  } else {
    check_glob(in.substr(0, nul), in.substr(nul + 1));
  }
  check_time(in);
  return 0;
}
