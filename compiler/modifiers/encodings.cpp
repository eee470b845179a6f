#include "compiler/modifiers/encodings.hpp"

#include <array>
#include <cstdint>

#include "compiler/modifiers/utf8.hpp"

namespace sigma::modifiers {
namespace {

void put_unit(std::string& out, std::uint16_t unit, bool big_endian) {
  const auto lo = static_cast<char>(unit & 0xFF), hi = static_cast<char>(unit >> 8);
  out.push_back(big_endian ? hi : lo);
  out.push_back(big_endian ? lo : hi);
}

std::optional<std::string> utf16_bytes(std::string_view utf8, bool big_endian) {
  std::string out;
  out.reserve(utf8.size() * 2);
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = decode_utf8(utf8, i);
    if (!cp.valid) return std::nullopt;
    i += cp.length;
    if (cp.value < 0x10000) {
      put_unit(out, static_cast<std::uint16_t>(cp.value), big_endian);
    } else {  // surrogate pair
      const char32_t v = cp.value - 0x10000;
      put_unit(out, static_cast<std::uint16_t>(0xD800 + (v >> 10)), big_endian);
      put_unit(out, static_cast<std::uint16_t>(0xDC00 + (v & 0x3FF)), big_endian);
    }
  }
  return out;
}

}  // namespace

std::optional<SigmaString> encode_utf16(const SigmaString& s, Utf16Form form) {
  const bool big_endian = form == Utf16Form::BigEndian;
  SigmaString out;
  if (form == Utf16Form::WithBom) out.append_literal(std::string_view("\xFF\xFE", 2));
  for (const auto& p : s.parts()) {
    if (p.kind != Part::Kind::Literal) {
      out.append(p);
      continue;
    }
    auto bytes = utf16_bytes(p.text, big_endian);
    if (!bytes) return std::nullopt;
    out.append_literal(*bytes);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1]))
                                << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::vector<std::string> base64_offsets(std::string_view bytes) {
  static constexpr std::array<std::size_t, 3> kStartCut = {0, 2, 3};
  static constexpr std::array<std::size_t, 3> kEndCut = {0, 3, 2};  // by (len + shift) % 3
  std::vector<std::string> out;
  for (std::size_t shift = 0; shift < 3; ++shift) {
    std::string input(shift, ' ');  // the filler's value never survives the cut
    input.append(bytes);
    const std::string encoded = base64_encode(input);
    const std::size_t start = kStartCut[shift];
    const std::size_t end_cut = kEndCut[(bytes.size() + shift) % 3];
    if (encoded.size() < start + end_cut + 1) continue;
    out.push_back(encoded.substr(start, encoded.size() - end_cut - start));
  }
  return out;
}

}  // namespace sigma::modifiers
