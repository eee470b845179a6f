// Small UTF-8 helpers shared by the modifiers that look at characters rather than bytes
// (windash's word boundaries, expand's placeholder names, the UTF-16 encoders).
#pragma once

#include <cstddef>
#include <string_view>

namespace sigma::modifiers {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;  // bytes consumed, at least 1
  bool valid = false;      // false: a byte that is not UTF-8; `value` is the byte
};

// Decodes the code point that starts at text[pos] (pos < text.size()).
CodePoint decode_utf8(std::string_view text, std::size_t pos);

// The code point that ends just before text[pos] (pos > 0).
CodePoint decode_utf8_before(std::string_view text, std::size_t pos);

// Python's `\w` for str patterns (what pySigma's regexes use): letters, digits, underscore.
bool is_word_char(char32_t c);

}  // namespace sigma::modifiers
