// Timestamp parts for the Sigma time modifiers (minute hour day week month year).
//
// The spec warns these modifiers do no timezone or format conversion, and neither do we: an ISO
// 8601 time is read as the wall-clock time it spells (an offset such as `+02:00` is accepted and
// ignored), and epoch numbers are UTC.
//
// Accepted forms:
//   2024-05-01T13:45:10.123Z   2024-05-01 13:45:10   2024-05-01T13:45   2024-05-01
//   (`T`/`t`/space separator; `.` or `,` fraction; `Z`/`z`, `+HH:MM`, `+HHMM` or `+HH` offset)
//   epoch seconds as a number or a numeric string: 1700000000, "1700000000.123"
//   epoch milliseconds: any epoch value of at least 1e11 (which as seconds would be after the
//   year 5138, as milliseconds is after March 1973), e.g. 1700000000123
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sigma::match {

struct CivilTime {
  std::int32_t year = 1970;
  std::uint8_t month = 1;  // 1..12
  std::uint8_t day = 1;    // 1..31
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint8_t second = 0;
  friend bool operator==(const CivilTime&, const CivilTime&) = default;
};

enum class TimeField : std::uint8_t { Minute, Hour, Day, Week, Month, Year };

// An ISO 8601 date-time or an epoch number in text form; nullopt when it is neither.
std::optional<CivilTime> parse_timestamp(std::string_view text) noexcept;

// Epoch seconds (or milliseconds, see above) to UTC; nullopt outside years 0..9999 or not finite.
std::optional<CivilTime> from_epoch(double value) noexcept;

// The ISO 8601 week number, 1..53 (Python's date.isocalendar()[1]).
int iso_week(const CivilTime& t) noexcept;

// The requested part: minute 0..59, hour 0..23, day of month 1..31, ISO week 1..53,
// month 1..12, year.
std::int64_t time_field(const CivilTime& t, TimeField field) noexcept;

}  // namespace sigma::match
