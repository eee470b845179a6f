// Token scanners shared by the pre-scan, the X3 grammar's token parsers and error reporting.
//
// Every scanner looks at raw bytes with explicit ASCII tests (never <cctype> on a possibly
// negative char), so any byte sequence is safe input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sigma::expr::lex {

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// A bare name: [A-Za-z_][A-Za-z0-9_]* with single dots allowed between name characters
// (`user.username`, but `a . b` and `a.` leave the dot to the concatenation operator).
std::size_t scan_name(std::string_view text, std::size_t pos);

// digits [ "." digits* ] [ ("e"|"E") ["+"|"-"] digits ]. Numbers start with a digit.
std::size_t scan_number(std::string_view text, std::size_t pos);

// A quoted token starting at text[pos] == quote, up to and including the closing quote.
// Backslash escapes the next byte. Returns 0 when the closing quote is missing.
std::size_t scan_quoted(std::string_view text, std::size_t pos, char quote);

// The body of a quoted token (without the quotes), with `\<quote>` and `\\` unescaped. Any
// other backslash stays, so regexes such as "docker\.sock" keep their escapes.
std::string unescape(std::string_view body, char quote);

// ASCII case-insensitive equality with a lower-case keyword.
bool equals_keyword(std::string_view word, std::string_view lower_keyword);

// and / or / xor / not / like: operators, so never bare field names.
bool is_reserved(std::string_view word);

// Length of the token that starts at text[pos] (after no skipping), for error spans: a name,
// number, quoted token (to the end when unterminated), a two-character operator, or one
// UTF-8 character. At the end of the text: 0.
std::size_t token_length(std::string_view text, std::size_t pos);

// Index of the first non-space byte at or after pos.
std::size_t skip_spaces(std::string_view text, std::size_t pos);

}  // namespace sigma::expr::lex
