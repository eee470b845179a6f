#include "compiler/modifiers/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace sigma::modifiers {

CodePoint decode_utf8(std::string_view text, std::size_t pos) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto len = static_cast<std::int32_t>(text.size());
  auto i = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(s, i, len, c);
  if (c < 0) return {static_cast<unsigned char>(text[pos]), 1, false};
  return {static_cast<char32_t>(c), static_cast<std::size_t>(i) - pos, true};
}

CodePoint decode_utf8_before(std::string_view text, std::size_t pos) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  auto i = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_PREV(s, 0, i, c);
  if (c < 0) return {static_cast<unsigned char>(text[pos - 1]), 1, false};
  return {static_cast<char32_t>(c), pos - static_cast<std::size_t>(i), true};
}

bool is_word_char(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  // Python's str.isalnum(): every letter and every number category.
  const auto cp = static_cast<UChar32>(c);
  return u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_N_MASK) != 0;
}

}  // namespace sigma::modifiers
