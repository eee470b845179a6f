// Strict number parsing and the text form of numbers.
#include <catch.hpp>

#include <limits>

#include "runtime/match/number.hpp"

using namespace sigma::match;

TEST_CASE("parse_int takes whole decimal integers only", "[number]") {
  CHECK(parse_int("4688") == 4688);
  CHECK(parse_int("-12") == -12);
  CHECK(parse_int("+7") == 7);
  CHECK(parse_int("0") == 0);
  CHECK(parse_int("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK_FALSE(parse_int("9223372036854775808"));
  CHECK_FALSE(parse_int(""));
  CHECK_FALSE(parse_int("+"));
  CHECK_FALSE(parse_int("-"));
  CHECK_FALSE(parse_int("+-1"));
  CHECK_FALSE(parse_int(" 1"));
  CHECK_FALSE(parse_int("1 "));
  CHECK_FALSE(parse_int("1.0"));
  CHECK_FALSE(parse_int("0x10"));
  CHECK_FALSE(parse_int("12abc"));
}

TEST_CASE("parse_double takes whole finite numbers only", "[number]") {
  CHECK(parse_double("1.5") == 1.5);
  CHECK(parse_double("-2e3") == -2000.0);
  CHECK(parse_double("+.5") == 0.5);
  CHECK(parse_double("1700000000.123") == 1700000000.123);
  CHECK(parse_double("42") == 42.0);
  CHECK_FALSE(parse_double("inf"));
  CHECK_FALSE(parse_double("-inf"));
  CHECK_FALSE(parse_double("nan"));
  CHECK_FALSE(parse_double("infinity"));
  CHECK_FALSE(parse_double("1e999"));
  CHECK_FALSE(parse_double("1.5x"));
  CHECK_FALSE(parse_double(""));
  CHECK_FALSE(parse_double("."));
  CHECK_FALSE(parse_double("0x1p3"));
}

TEST_CASE("number text forms", "[number]") {
  char buf[kNumberTextMax];
  CHECK(format_int(4688, buf) == "4688");
  CHECK(format_int(std::numeric_limits<std::int64_t>::min(), buf) == "-9223372036854775808");
  CHECK(format_double(1.5, buf) == "1.5");
  CHECK(format_double(4688.0, buf) == "4688");
  CHECK(format_double(-0.1, buf) == "-0.1");
  CHECK(format_double(1e20, buf) == "1e+20");
  CHECK(format_double(-1.2345678901234567e-308, buf).size() < kNumberTextMax);
  CHECK(format_bool(true) == "true");
  CHECK(format_bool(false) == "false");
}
