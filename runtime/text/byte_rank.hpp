// How common a byte is in log text, higher is more common: a guess from what command lines,
// paths and registry keys hold, not a measurement of one log. Lower-case letters (by English
// frequency), space and path punctuation lead; digits follow; upper case (rare in folded text),
// other punctuation, control and non-ASCII bytes are rare. Searches use it to look first for
// the rarest byte or window of a literal.
#pragma once

#include <array>
#include <cstdint>
#include <utility>

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
  // Space and the punctuation of paths, options and key=value text.
  constexpr std::pair<char, std::uint8_t> kCommon[] = {
      {' ', 250}, {'\\', 235}, {'.', 230}, {'-', 215}, {'/', 205},  {':', 195},
      {'_', 175}, {'"', 170},  {'=', 165}, {',', 160}, {'\t', 100}, {'\n', 100}};
  for (const auto& [c, rank] : kCommon) r[static_cast<unsigned char>(c)] = rank;
  return r;
}
}  // namespace detail

inline constexpr std::array<std::uint8_t, 256> kByteRank = detail::make_byte_rank();

constexpr unsigned byte_rank(char c) noexcept { return kByteRank[static_cast<unsigned char>(c)]; }

}  // namespace sigma::text
