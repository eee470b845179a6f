// JSON string literals, for every JSON the project writes (alerts, diagnostics, eval values).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sigma::text {

// Appends `s` as a JSON string literal: quotes, backslashes, control characters and DEL
// escaped; valid UTF-8 kept as it is; each byte that starts no valid sequence replaced by
// U+FFFD. The output is valid JSON and valid UTF-8 whatever the input.
void append_json_string(std::string& out, std::string_view s);

// The byte length of the valid UTF-8 sequence at s[i] (1 for ASCII), or 0 when there is none
// (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

}  // namespace sigma::text
