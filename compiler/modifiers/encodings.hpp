// The encoding modifiers: utf16le/wide, utf16be, utf16 (BOM FF FE + little endian), base64 and
// base64offset. Pure functions; item2ir reports their failures.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/modifiers/sigma_string.hpp"

namespace sigma::modifiers {

enum class Utf16Form : std::uint8_t { LittleEndian, BigEndian, WithBom };

// Encodes every literal part as UTF-16 bytes; wildcards stay tokens (base64 then refuses them,
// as pySigma does). nullopt when a literal is not valid UTF-8.
std::optional<SigmaString> encode_utf16(const SigmaString& s, Utf16Form form);

// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);

// The parts of base64(bytes) that stay the same wherever `bytes` starts in a longer encoded
// text: for a shift of i = 0, 1, 2 bytes, encode i filler bytes + `bytes` and cut off the
// characters that depend on the neighbours (pySigma: start (0, 2, 3), end by (len + i) % 3:
// none, 3, 2). Empty fragments (for very short input) are left out.
std::vector<std::string> base64_offsets(std::string_view bytes);

}  // namespace sigma::modifiers
