#include "compiler/expr/expr_lex.hpp"

#include <array>

namespace sigma::expr::lex {

std::size_t scan_name(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_name_start(text[pos])) return 0;
  std::size_t i = pos + 1;
  while (i < text.size()) {
    if (is_name_char(text[i])) {
      ++i;
    } else if (text[i] == '.' && i + 1 < text.size() && is_name_char(text[i + 1])) {
      i += 2;
    } else {
      break;
    }
  }
  return i - pos;
}

std::size_t scan_number(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  auto digits = [&] {
    std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i - start;
  };
  if (digits() == 0) return 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits();
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t mark = i++;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) i = mark;  // `1e` is the number 1 followed by a name
  }
  return i - pos;
}

std::size_t scan_quoted(std::string_view text, std::size_t pos, char quote) {
  if (pos >= text.size() || text[pos] != quote) return 0;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;  // skips the escaped byte (the loop's ++i moves past it)
    } else if (text[i] == quote) {
      return i + 1 - pos;
    }
  }
  return 0;
}

std::string unescape(std::string_view body, char quote) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && (body[i + 1] == quote || body[i + 1] == '\\')) {
      out += body[++i];
    } else {
      out += body[i];
    }
  }
  return out;
}

bool equals_keyword(std::string_view word, std::string_view lower_keyword) {
  if (word.size() != lower_keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_keyword[i]) return false;
  }
  return true;
}

bool is_reserved(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kWords = {"and", "or", "xor", "not", "like"};
  for (std::string_view k : kWords)
    if (equals_keyword(word, k)) return true;
  return false;
}

std::size_t token_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (std::size_t n = scan_name(text, pos)) return n;
  if (std::size_t n = scan_number(text, pos)) return n;
  char c = text[pos];
  if (c == '"' || c == '\'') {
    std::size_t n = scan_quoted(text, pos, c);
    return n ? n : text.size() - pos;
  }
  if (pos + 1 < text.size() && text[pos + 1] == '=' &&
      (c == '=' || c == '!' || c == '<' || c == '>'))
    return 2;
  // One UTF-8 character: a lead byte and its continuation bytes.
  std::size_t i = pos + 1;
  if (static_cast<unsigned char>(c) >= 0xC0)
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 && i < pos + 4)
      ++i;
  return i - pos;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

}  // namespace sigma::expr::lex
