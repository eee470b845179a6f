#include "runtime/match/timestamp.hpp"

#include <chrono>
#include <cmath>

#include "runtime/match/number.hpp"

namespace sigma::match {
namespace {

namespace chr = std::chrono;

// Reads exactly `width` digits at text[pos]; advances pos.
bool digits(std::string_view text, std::size_t& pos, int width, int& out) noexcept {
  if (text.size() - pos < static_cast<std::size_t>(width)) return false;
  int v = 0;
  for (int k = 0; k < width; ++k) {
    const char c = text[pos + static_cast<std::size_t>(k)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(width);
  out = v;
  return true;
}

bool take(std::string_view text, std::size_t& pos, char c) noexcept {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// `Z`, `+HH`, `+HHMM`, `+HH:MM` (or '-'), then the end. The offset is checked, not applied.
bool zone_then_end(std::string_view text, std::size_t pos) noexcept {
  if (pos == text.size()) return true;
  if (text[pos] == 'Z' || text[pos] == 'z') return pos + 1 == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int hh = 0, mm = 0;
  if (!digits(text, pos, 2, hh) || hh > 23) return false;
  if (pos == text.size()) return true;
  take(text, pos, ':');
  return digits(text, pos, 2, mm) && mm <= 59 && pos == text.size();
}

std::optional<CivilTime> parse_iso(std::string_view text) noexcept {
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, pos, 4, y) || !take(text, pos, '-') || !digits(text, pos, 2, mo) ||
      !take(text, pos, '-') || !digits(text, pos, 2, d))
    return std::nullopt;
  const chr::year_month_day date{chr::year(y), chr::month(static_cast<unsigned>(mo)),
                                 chr::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    if (!digits(text, pos, 2, h) || h > 23 || !take(text, pos, ':') ||
        !digits(text, pos, 2, mi) || mi > 59)
      return std::nullopt;
    if (take(text, pos, ':')) {
      if (!digits(text, pos, 2, s) || s > 60) return std::nullopt;  // 60: a leap second
      if (take(text, pos, '.') || take(text, pos, ',')) {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
      }
    }
    if (!zone_then_end(text, pos)) return std::nullopt;
  } else if (pos != text.size()) {
    return std::nullopt;
  }
  return CivilTime{static_cast<std::int32_t>(y), static_cast<std::uint8_t>(mo),
                   static_cast<std::uint8_t>(d),  static_cast<std::uint8_t>(h),
                   static_cast<std::uint8_t>(mi), static_cast<std::uint8_t>(s)};
}

}  // namespace

std::optional<CivilTime> from_epoch(double value) noexcept {
  if (!std::isfinite(value)) return std::nullopt;
  if (std::fabs(value) >= 1e11) value /= 1000;  // milliseconds
  // Years 0..9999 in seconds since 1970.
  constexpr double kMin = -62167219200.0, kMax = 253402300799.0;
  if (value < kMin || value > kMax) return std::nullopt;
  const auto secs = static_cast<std::int64_t>(std::floor(value));
  const chr::sys_seconds tp{chr::seconds(secs)};
  const auto day = chr::floor<chr::days>(tp);
  const chr::year_month_day ymd{day};
  const chr::hh_mm_ss hms{tp - day};
  return CivilTime{static_cast<int>(ymd.year()),
                   static_cast<std::uint8_t>(static_cast<unsigned>(ymd.month())),
                   static_cast<std::uint8_t>(static_cast<unsigned>(ymd.day())),
                   static_cast<std::uint8_t>(hms.hours().count()),
                   static_cast<std::uint8_t>(hms.minutes().count()),
                   static_cast<std::uint8_t>(hms.seconds().count())};
}

std::optional<CivilTime> parse_timestamp(std::string_view text) noexcept {
  if (auto t = parse_iso(text)) return t;
  if (auto v = parse_double(text)) return from_epoch(*v);
  return std::nullopt;
}

int iso_week(const CivilTime& t) noexcept {
  const chr::sys_days date{chr::year(t.year) / chr::month(t.month) / chr::day(t.day)};
  // The ISO week belongs to the year of its Thursday; count weeks from that year's Jan 1.
  const unsigned weekday = chr::weekday(date).iso_encoding();  // Mon=1 .. Sun=7
  const chr::sys_days thursday = date + chr::days(4 - static_cast<int>(weekday));
  const chr::year_month_day thu{thursday};
  const chr::sys_days jan1{thu.year() / chr::January / 1};
  return static_cast<int>((thursday - jan1).count() / 7 + 1);
}

std::int64_t time_field(const CivilTime& t, TimeField field) noexcept {
  switch (field) {
    case TimeField::Minute: return t.minute;
    case TimeField::Hour: return t.hour;
    case TimeField::Day: return t.day;
    case TimeField::Week: return iso_week(t);
    case TimeField::Month: return t.month;
    case TimeField::Year: return t.year;
  }
  return 0;
}

}  // namespace sigma::match
