// Internal to the condition module: the linear pre-scan that runs before the X3 grammar.
// It enforces the limits (length, nesting depth), refuses what no grammar rule could accept
// (stray characters, bare `*` patterns, unbalanced parentheses, Sigma 1 aggregations) and
// keeps the token list so the grammar's errors can name the token before and at a failure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/condition/condition_ast.hpp"

namespace sigma::cond::detail {

enum class TokenKind : std::uint8_t { Word, LParen, RParen };

struct Token {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  TokenKind kind = TokenKind::Word;
};

struct ScanResult {
  std::vector<Token> tokens;
  std::vector<ParseError> errors;  // empty when the grammar may run
};

// Characters of identifiers and patterns; the grammar uses the same sets.
constexpr bool is_word_head(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool is_word_char(char c) { return is_word_head(c) || c == '.' || c == '-' || c == '*'; }
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Case-insensitive comparison of a token with a lowercase keyword.
bool word_is(std::string_view word, std::string_view lower_keyword);

// `'tok'` for messages: quoted, shortened past 40 bytes, control bytes escaped.
std::string quote_token(std::string_view tok);

// "column C" or "line L, column C" (1-based) of a byte offset within the condition text.
std::string describe_position(std::string_view text, std::uint32_t offset);

ScanResult scan_condition(std::string_view text);

}  // namespace sigma::cond::detail
