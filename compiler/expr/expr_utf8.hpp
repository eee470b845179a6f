// Minimal UTF-8 stepping for the character-based functions (len, substr, like's `_`, lower,
// upper, split on ""). A byte that does not start a valid sequence counts as one character,
// so any input is safe and nothing is lost.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sigma::expr::utf8 {

struct Decoded {
  char32_t cp = 0;
  std::size_t length = 1;  // bytes, at least 1
  bool valid = false;      // false: `cp` is the lone byte
};

inline Decoded decode(std::string_view s, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (n == 0 || b0 > 0xF4 || pos + n > s.size()) return {b0, 1, false};
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return {b0, 1, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not valid.
  bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {b0, 1, false};
  return {cp, n, true};
}

// Bytes of the character starting at pos.
inline std::size_t char_length(std::string_view s, std::size_t pos) {
  return decode(s, pos).length;
}

inline std::size_t count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += char_length(s, i)) ++n;
  return n;
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace sigma::expr::utf8
