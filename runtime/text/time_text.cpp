#include "runtime/text/time_text.hpp"

#include <array>
#include <chrono>
#include <cstdint>

namespace sigma::text {
namespace {

struct Parsed {
  std::int64_t seconds = 0;  // since the epoch, UTC
  std::string_view fraction; // digits after the point, as written
};

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

// The digits of a fraction at s[i] ("" when there is none); false for a point without digits.
bool fraction_at(std::string_view s, std::size_t& i, std::string_view& out) {
  out = {};
  if (i >= s.size() || (s[i] != '.' && s[i] != ',')) return true;
  const std::size_t start = ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  out = s.substr(start, i - start);
  return !out.empty();
}

std::optional<Parsed> parse_epoch(std::string_view s) {
  std::size_t i = 0;
  std::int64_t sec = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 12) sec = sec * 10 + (s[i++] - '0');
  if (i == 0) return std::nullopt;
  Parsed p{sec, {}};
  if (!fraction_at(s, i, p.fraction) || i != s.size()) return std::nullopt;
  return p;
}

std::optional<Parsed> parse_iso(std::string_view s) {
  int y, mo, d, h, mi, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi))
    return std::nullopt;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, 17, 2, sec)) return std::nullopt;
    i = 19;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  Parsed p;
  if (!fraction_at(s, i, p.fraction)) return std::nullopt;
  int offset = 0;  // minutes east of UTC
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    const int sign = s[i] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!digits(s, i + 1, 2, oh)) return std::nullopt;
    i += 3;
    if (i < s.size() && s[i] == ':') ++i;
    if (i < s.size()) {
      if (!digits(s, i, 2, om)) return std::nullopt;
      i += 2;
    }
    offset = sign * (oh * 60 + om);
  }
  if (i != s.size()) return std::nullopt;
  p.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
              h * 3600 + mi * 60 + sec - offset * 60;
  return p;
}

std::optional<Parsed> parse_any(std::string_view s) {
  if (auto p = parse_iso(s)) return p;
  return parse_epoch(s);
}

// "Nov 14 22:13:20" (day may be space-padded).
std::optional<double> parse_rfc3164(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 15 || s[3] != ' ' || s[6] != ' ') return std::nullopt;
  unsigned month = 0;
  for (unsigned m = 0; m < 12; ++m)
    if (s.substr(0, 3) == kMonths[m]) month = m + 1;
  int d, h, mi, sec;
  const bool pad = s[4] == ' ';
  if (month == 0 || !(pad ? digits(s, 5, 1, d) : digits(s, 4, 2, d)) || !digits(s, 7, 2, h) ||
      s[9] != ':' || !digits(s, 10, 2, mi) || s[12] != ':' || !digits(s, 13, 2, sec))
    return std::nullopt;
  return static_cast<double>(days_from_civil(1970, month, static_cast<unsigned>(d)) * 86400 +
                             h * 3600 + mi * 60 + sec);
}

}  // namespace

std::optional<std::string> iso_utc(std::string_view text) {
  const auto p = parse_any(text);
  if (!p) return std::nullopt;
  std::int64_t days = p->seconds / 86400, rem = p->seconds % 86400;
  if (rem < 0) rem += 86400, --days;
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) return std::nullopt;
  // YYYY-MM-DDTHH:MM:SS, written digit by digit: snprintf took 3,000 instructions an alert.
  std::string out(19, '0');
  const auto put = [&](std::size_t at, int value, int width) {
    for (std::size_t i = at + static_cast<std::size_t>(width); i-- > at; value /= 10)
      out[i] = static_cast<char>('0' + value % 10);
  };
  put(0, y, 4);
  out[4] = '-';
  put(5, static_cast<int>(m), 2);
  out[7] = '-';
  put(8, static_cast<int>(d), 2);
  out[10] = 'T';
  put(11, static_cast<int>(rem / 3600), 2);
  out[13] = ':';
  put(14, static_cast<int>(rem / 60 % 60), 2);
  out[16] = ':';
  put(17, static_cast<int>(rem % 60), 2);
  if (!p->fraction.empty()) out.append(".").append(p->fraction);
  out += 'Z';
  return out;
}

std::optional<double> epoch_seconds(std::string_view text) {
  if (const auto p = parse_any(text)) {
    double frac = 0, scale = 0.1;
    for (const char c : p->fraction) frac += (c - '0') * scale, scale /= 10;
    return static_cast<double>(p->seconds) + frac;
  }
  return parse_rfc3164(text);
}

}  // namespace sigma::text
