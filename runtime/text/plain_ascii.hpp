// A fast test that text is ASCII without a given byte, for the raw-text gate: 32 bytes at a
// time where the CPU has AVX2, 16 where it has SSE2.
#pragma once

#include <string_view>

namespace sigma::text {

// True when every byte of `text` is below 0x80 and none is `excluded` (by default none: a
// byte >= 0x80 is refused anyway).
bool is_plain_ascii(std::string_view text, char excluded = '\x80') noexcept;

}  // namespace sigma::text
