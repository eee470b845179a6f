// Output forms: table text, list, JSON.
#include <catch.hpp>
#include <cmath>
#include <limits>

#include "compiler/expr/expr_format.hpp"
#include "compiler/expr/expr_value.hpp"

namespace {

using sigma::expr::Value;

TEST_CASE("table text", "[expr][format]") {
  std::string_view items[] = {"a", "b c"};
  CHECK(sigma::expr::to_text(Value::null()) == "");
  CHECK(sigma::expr::to_text(Value::from_bool(true)) == "true");
  CHECK(sigma::expr::to_text(Value::from_bool(false)) == "false");
  CHECK(sigma::expr::to_text(Value::from_int(-12)) == "-12");
  CHECK(sigma::expr::to_text(Value::from_double(0.5)) == "0.5");
  CHECK(sigma::expr::to_text(Value::from_double(2.0)) == "2");
  CHECK(sigma::expr::to_text(Value::from_double(1e21)) == "1e+21");
  CHECK(sigma::expr::to_text(Value::from_double(123456789012.25)) == "123456789012.25");
  CHECK(sigma::expr::to_text(Value::from_double(0.000001)) == "0.000001");
  CHECK(sigma::expr::to_text(Value::from_double(-0.0)) == "0");
  CHECK(sigma::expr::to_text(Value::from_double(std::nan(""))) == "nan");
  CHECK(sigma::expr::to_text(Value::from_double(-HUGE_VAL)) == "-inf");
  CHECK(sigma::expr::to_text(Value::string("x y")) == "x y");
  CHECK(sigma::expr::to_text(Value::multi(items)) == "a\nb c");
}

TEST_CASE("lists", "[expr][format]") {
  std::string_view items[] = {"a", "b"};
  CHECK(sigma::expr::to_list(Value::null()).empty());
  CHECK(sigma::expr::to_list(Value::from_int(3)) == std::vector<std::string>{"3"});
  CHECK(sigma::expr::to_list(Value::multi(items)) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("JSON", "[expr][format]") {
  std::string_view items[] = {"a\"", "10.0.0.1"};
  CHECK(sigma::expr::to_json(Value::null()) == "null");
  CHECK(sigma::expr::to_json(Value::from_bool(true)) == "true");
  CHECK(sigma::expr::to_json(Value::from_int(3)) == "3");
  CHECK(sigma::expr::to_json(Value::from_double(0.5)) == "0.5");
  CHECK(sigma::expr::to_json(Value::from_double(HUGE_VAL)) == "null");
  CHECK(sigma::expr::to_json(Value::string("42", true)) == "\"42\"");
  CHECK(sigma::expr::to_json(Value::string("a\\b\n\t\x01")) == R"~("a\\b\n\t\u0001")~");
  CHECK(sigma::expr::to_json(Value::string("straße")) == "\"straße\"");
  CHECK(sigma::expr::to_json(Value::string("bad\xff")) == "\"bad\xEF\xBF\xBD\"");
  CHECK(sigma::expr::to_json(Value::multi(items)) == R"~(["a\"","10.0.0.1"])~");
}

TEST_CASE("numbers parse strictly", "[expr][format]") {
  using sigma::expr::parse_number;
  CHECK(parse_number("42")->is_int);
  CHECK(parse_number("-42")->i == -42);
  CHECK(parse_number("+7")->i == 7);
  CHECK(parse_number(".5")->d == 0.5);
  CHECK(parse_number("1e3")->d == 1000);
  CHECK_FALSE(parse_number("9223372036854775808")->is_int);
  CHECK(std::isinf(parse_number("1e999")->d));
  CHECK(parse_number("1e-999")->d == 0);
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("-"));
  CHECK_FALSE(parse_number("."));
  CHECK_FALSE(parse_number(" 1"));
  CHECK_FALSE(parse_number("1 "));
  CHECK_FALSE(parse_number("0x10"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("1e"));
  CHECK_FALSE(parse_number("+-1"));
}

}  // namespace
