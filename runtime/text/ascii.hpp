// ASCII case-insensitive comparison, for names that are ASCII by definition (logsource
// categories and products, Windows channel names), and ASCII lowering a word at a time, for the
// prefilter's look-ups in text known to be ASCII (whose folding is its lowering). Other rule and
// event text uses casefold.hpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sigma::text {

constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// The bytes 'A'..'Z' of v lowered, eight (or four) at a time. Right for ASCII bytes only: b +
// 0x3F has bit 7 set when b >= 'A', b + 0x25 when b > 'Z', and no byte below 0x80 carries
// into the next.
template <class U>
constexpr U lower_ascii_word(U v) noexcept {
  constexpr U ones = ~U{0} / 0xFF;
  const U upper = (v + ones * 0x3F) & ~(v + ones * 0x25) & (ones * 0x80);
  return v | (upper >> 2);
}

// Up to 8 bytes at p as a word, zero-padded when n < 8.
inline std::uint64_t load_word(const char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, p, n < 8 ? n : 8);
  return v;
}

// Whether the n bytes at `text`, lowered when kLower (then ASCII), are the n bytes at `lower`,
// a word at a time.
template <bool kLower>
bool equal_lowered(const char* text, const char* lower, std::size_t n) noexcept {
  if (!kLower) return std::memcmp(text, lower, n) == 0;
  for (; n >= 8; n -= 8, text += 8, lower += 8)
    if (lower_ascii_word(load_word(text, 8)) != load_word(lower, 8)) return false;
  return n == 0 || lower_ascii_word(load_word(text, n)) == load_word(lower, n);
}

}  // namespace sigma::text
