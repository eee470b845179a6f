#include "runtime/match/number.hpp"

#include <charconv>
#include <cmath>

namespace sigma::match {
namespace {

// from_chars takes '-' but not '+'; accept a '+' that directly precedes the number.
std::string_view skip_plus(std::string_view text) noexcept {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  return text;
}

}  // namespace

std::optional<std::int64_t> parse_int(std::string_view text) noexcept {
  text = skip_plus(text);
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view text) noexcept {
  text = skip_plus(text);
  if (text.empty()) return std::nullopt;
  // from_chars reads "inf" and "nan"; a number must start with a digit or a point.
  const char first = text[0] == '-' && text.size() > 1 ? text[1] : text[0];
  if (!(first == '.' || (first >= '0' && first <= '9'))) return std::nullopt;
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string_view format_int(std::int64_t v, char (&buf)[kNumberTextMax]) noexcept {
  const auto [ptr, ec] = std::to_chars(buf, buf + kNumberTextMax, v);
  return ec == std::errc() ? std::string_view(buf, static_cast<std::size_t>(ptr - buf))
                           : std::string_view();
}

std::string_view format_double(double v, char (&buf)[kNumberTextMax]) noexcept {
  const auto [ptr, ec] = std::to_chars(buf, buf + kNumberTextMax, v);
  return ec == std::errc() ? std::string_view(buf, static_cast<std::size_t>(ptr - buf))
                           : std::string_view();
}

}  // namespace sigma::match
