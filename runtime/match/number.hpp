// Numbers in event text: strict parsing (the whole string must be the number) and the text form
// of numeric values, so `EventID: 4688` matches an integer 4688 and a string "4688" alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sigma::match {

// Decimal integer, optional sign ('+' or '-'), nothing else: "4688", "-1", "+7".
std::optional<std::int64_t> parse_int(std::string_view text) noexcept;

// Decimal number in fixed or exponent form ("1.5", "-2e3", ".5"), optional sign. Infinities,
// NaN, hex and out-of-range values are refused, so a word never compares as a number.
std::optional<double> parse_double(std::string_view text) noexcept;

// Enough for any int64 and the shortest round-trip form of any double.
inline constexpr std::size_t kNumberTextMax = 32;

// Writes the text form into buf and returns a view of it: "4688", "-12", "1.5", "1e+20" (the
// shortest form that reads back as the same double), "true" / "false".
std::string_view format_int(std::int64_t v, char (&buf)[kNumberTextMax]) noexcept;
std::string_view format_double(double v, char (&buf)[kNumberTextMax]) noexcept;
inline std::string_view format_bool(bool v) noexcept { return v ? "true" : "false"; }

}  // namespace sigma::match
