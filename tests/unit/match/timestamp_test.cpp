// Timestamp parsing and parts; expected ISO weeks come from Python's date.isocalendar().
#include <catch.hpp>

#include "runtime/match/timestamp.hpp"

using namespace sigma::match;

namespace {
CivilTime civil(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return CivilTime{y, static_cast<std::uint8_t>(mo), static_cast<std::uint8_t>(d),
                   static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(mi),
                   static_cast<std::uint8_t>(s)};
}
}  // namespace

TEST_CASE("ISO 8601 forms", "[time]") {
  CHECK(parse_timestamp("2024-05-01T13:45:10.123Z") == civil(2024, 5, 1, 13, 45, 10));
  CHECK(parse_timestamp("2024-05-01 13:45:10") == civil(2024, 5, 1, 13, 45, 10));
  CHECK(parse_timestamp("2024-05-01t13:45:10,5z") == civil(2024, 5, 1, 13, 45, 10));
  CHECK(parse_timestamp("2024-05-01T13:45") == civil(2024, 5, 1, 13, 45));
  CHECK(parse_timestamp("2024-05-01") == civil(2024, 5, 1));
  CHECK(parse_timestamp("2021-04-28T18:52:53.1195405Z") == civil(2021, 4, 28, 18, 52, 53));
  // Offsets are accepted and not applied: the spec asks for no timezone conversion.
  CHECK(parse_timestamp("2024-05-01T23:30:00+02:00") == civil(2024, 5, 1, 23, 30));
  CHECK(parse_timestamp("2024-05-01T23:30:00-0500") == civil(2024, 5, 1, 23, 30));
  CHECK(parse_timestamp("2024-05-01T23:30:00+01") == civil(2024, 5, 1, 23, 30));
  CHECK(parse_timestamp("2016-12-31T23:59:60Z") == civil(2016, 12, 31, 23, 59, 60));
}

TEST_CASE("malformed timestamps are refused", "[time]") {
  for (const char* bad : {"", "2024-05", "2024-13-01", "2023-02-29", "2024-05-01T",
                          "2024-05-01T24:00:00", "2024-05-01T13:60", "2024-05-01T13:45:10.",
                          "2024-05-01T13:45:10Zx", "2024-05-01T13:45:10+2", "2024-05-01x",
                          "2024-5-1", "May  1 13:45:10", "yesterday", "nan", "inf"}) {
    INFO(bad);
    CHECK_FALSE(parse_timestamp(bad).has_value());
  }
  CHECK(parse_timestamp("2024-02-29").has_value());
  // A bare number is an epoch time, not a year.
  CHECK(parse_timestamp("2024") == civil(1970, 1, 1, 0, 33, 44));
}

TEST_CASE("epoch numbers", "[time]") {
  CHECK(from_epoch(0) == civil(1970, 1, 1));
  CHECK(from_epoch(-1) == civil(1969, 12, 31, 23, 59, 59));
  CHECK(from_epoch(1700000000.123) == civil(2023, 11, 14, 22, 13, 20));
  CHECK(from_epoch(1700000000123.0) == civil(2023, 11, 14, 22, 13, 20));  // milliseconds
  CHECK(from_epoch(951782400) == civil(2000, 2, 29));
  CHECK(parse_timestamp("1700000000.123") == civil(2023, 11, 14, 22, 13, 20));
  CHECK(parse_timestamp("1700000000") == civil(2023, 11, 14, 22, 13, 20));
  CHECK_FALSE(from_epoch(1e300));
  CHECK_FALSE(from_epoch(std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(from_epoch(std::numeric_limits<double>::infinity()));
}

TEST_CASE("ISO week numbers match Python's isocalendar", "[time]") {
  struct Case {
    int y, m, d, week;
  };
  for (const Case c : {Case{2024, 5, 1, 18}, {2021, 1, 3, 53}, {2021, 1, 4, 1}, {2020, 12, 31, 53},
                       {2026, 12, 31, 53}, {2027, 1, 1, 53}, {2024, 12, 30, 1}, {2015, 12, 31, 53},
                       {2016, 1, 1, 53}, {2008, 12, 29, 1}, {2000, 2, 29, 9}, {1970, 1, 1, 1},
                       {1, 1, 1, 1}, {9999, 12, 31, 52}}) {
    INFO(c.y << "-" << c.m << "-" << c.d);
    CHECK(iso_week(civil(c.y, c.m, c.d)) == c.week);
  }
}

TEST_CASE("time fields", "[time]") {
  const CivilTime t = civil(2024, 5, 1, 13, 45, 10);
  CHECK(time_field(t, TimeField::Minute) == 45);
  CHECK(time_field(t, TimeField::Hour) == 13);
  CHECK(time_field(t, TimeField::Day) == 1);
  CHECK(time_field(t, TimeField::Week) == 18);
  CHECK(time_field(t, TimeField::Month) == 5);
  CHECK(time_field(t, TimeField::Year) == 2024);
}
