// ASCII case-insensitive comparison, for names that are ASCII by definition (logsource
// categories and products, Windows channel names). Rule and event text uses casefold.hpp.
#pragma once

#include <string_view>

namespace sigma::text {

constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace sigma::text
