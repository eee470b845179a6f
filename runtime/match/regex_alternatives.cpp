#include "runtime/match/regex_alternatives.hpp"

#include <algorithm>
#include <cctype>

#include "runtime/match/glob.hpp"

namespace sigma::match {
namespace {

bool is_meta(char c) {
  return std::string_view("\\.^$|?*+()[]{}").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<std::vector<std::string>> literal_alternatives(std::string_view pattern) {
  // One group around the whole: only when its closing parenthesis is the pattern's last byte
  // and no other parenthesis is left (a group inside is refused below anyway).
  if (pattern.size() >= 2 && pattern.front() == '(' && pattern.back() == ')') {
    pattern = pattern.substr(1, pattern.size() - 2);
    if (pattern.starts_with("?:")) pattern.remove_prefix(2);
  }
  std::vector<std::string> literals(1);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '|') {
      if (literals.back().empty()) return std::nullopt;
      literals.emplace_back();
    } else if (c == '\\') {
      // An escaped punctuation byte is itself; \d, \b, \x41, \Q... are not literals here.
      if (++i == pattern.size()) return std::nullopt;
      const char e = pattern[i];
      if (e < 0x21 || e > 0x7E || std::isalnum(static_cast<unsigned char>(e))) return std::nullopt;
      literals.back().push_back(e);
    } else if (c < 0x20 || c > 0x7E || is_meta(c)) {
      return std::nullopt;
    } else {
      literals.back().push_back(c);
    }
  }
  if (literals.back().empty()) return std::nullopt;
  return literals;
}

bool holds_any_literal(std::string_view text, const std::vector<std::string>& literals) {
  return std::any_of(literals.begin(), literals.end(), [&](const std::string& literal) {
    return find_bytes(text, literal, 0) != std::string_view::npos;
  });
}

}  // namespace sigma::match
