// How common a byte is in log text, higher is more common: a guess from what command lines,
// paths and registry keys hold, not a measurement of one log. Lower-case letters (by English
// frequency), space and path punctuation lead; digits follow; upper case (rare in folded text),
// other punctuation, control and non-ASCII bytes are rare. Searches use it to look first for
// the rarest byte or window of a literal.
#pragma once

#include <array>
#include <cstdint>

namespace sigma::text {

namespace detail {
constexpr std::array<std::uint8_t, 256> make_byte_rank() {
  std::array<std::uint8_t, 256> r{};
  for (int c = 0; c < 256; ++c) r[c] = c >= 0x80 ? 10 : 30;
  for (int c = 0x21; c < 0x7f; ++c) r[c] = 60;
  for (int c = 'A'; c <= 'Z'; ++c) r[c] = 120;
  for (int c = '0'; c <= '9'; ++c) r[c] = 180;
  const char* by_frequency = "etaoinsrhldcumfpgwybvkxjqz";  // most common first
  for (int i = 0; by_frequency[i] != 0; ++i)
    r[static_cast<unsigned char>(by_frequency[i])] = static_cast<std::uint8_t>(255 - 2 * i);
  r[' '] = 250;
  r['\\'] = 235;
  r['.'] = 230;
  r['-'] = 215;
  r['/'] = 205;
  r[':'] = 195;
  r['_'] = 175;
  r['"'] = 170;
  r['='] = 165;
  r[','] = 160;
  r['\t'] = 100;
  r['\n'] = 100;
  return r;
}
}  // namespace detail

inline constexpr std::array<std::uint8_t, 256> kByteRank = detail::make_byte_rank();

constexpr unsigned byte_rank(char c) noexcept { return kByteRank[static_cast<unsigned char>(c)]; }

}  // namespace sigma::text
