// ASCII lowering a word at a time, against a byte at a time reference, at every length around
// the 8-byte words equal_lowered compares (and the zero-padded last word).
#include "runtime/text/ascii.hpp"

#include <catch.hpp>
#include <string>

using sigma::text::ascii_lower;
using sigma::text::equal_lowered;

TEST_CASE("lower_ascii_word lowers A-Z and nothing else", "[ascii]") {
  for (int b = 0; b < 0x80; ++b) {
    const std::uint64_t word = 0x2020202020202000ull | static_cast<std::uint64_t>(b);
    const auto lowered = sigma::text::lower_ascii_word(word);
    CHECK((lowered & 0xFF) == static_cast<std::uint8_t>(ascii_lower(static_cast<char>(b))));
    CHECK((lowered >> 8) == (word >> 8));  // no carry into the next byte
  }
}

TEST_CASE("equal_lowered compares text, lowered, with lower-case bytes", "[ascii]") {
  const std::string lower = "abcdefghijklmnopqrstuvwxyz0123-@[`{";
  for (std::size_t n = 0; n <= lower.size(); ++n) {
    std::string upper = lower.substr(0, n);
    for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    CHECK(equal_lowered<true>(upper.data(), lower.data(), n));
    CHECK(equal_lowered<false>(lower.data(), lower.data(), n));
    if (n == 0) continue;
    CHECK(equal_lowered<false>(upper.data(), lower.data(), n) == (upper == lower.substr(0, n)));
    // A difference in any byte, the last word's included, is seen.
    for (std::size_t i = 0; i < n; ++i) {
      std::string other = upper;
      other[i] = other[i] == '~' ? '}' : '~';
      CHECK_FALSE(equal_lowered<true>(other.data(), lower.data(), n));
    }
  }
  // '@' and '[' border 'A'..'Z': lowering leaves them, so they differ from '`' and '{'.
  CHECK_FALSE(equal_lowered<true>("@[", "`{", 2));
}
