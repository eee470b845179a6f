// Run-time values of eval / where expressions, with SPL's types: null, number (int64 or
// double: `1+2` is the integer 3, `1/2` the double 0.5), string, boolean and multivalue (a list
// of strings).
//
// A Value is a view: its text and items point into the event, the compiled expression or the
// Evaluator's scratch (expr_eval.hpp), and stay valid until Evaluator::reset().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sigma::expr {

struct Value {
  enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, Multi };

  Kind kind = Kind::Null;
  bool boolean = false;
  // String only: the text was read from a field or an earlier eval variable, so, as in SPL,
  // numeric-looking text takes part in `+` as a number. A string literal or a string
  // function's result does not (`"1" + "2"` is "12"; with fields a=1, b=2, `a + b` is 3).
  bool from_field = false;
  // Only the member of the value's kind is read. Unions keep a Value at 32 bytes, copied on
  // every step of an evaluation.
  union {
    std::int64_t integer = 0;  // Int
    double real;               // Float
  };
  union {
    std::string_view text{};  // String
    struct {
      const std::string_view* first;
      std::size_t count;
    } list;  // Multi: always 2 or more (items())
  };

  static constexpr Value null() { return {}; }
  static constexpr Value from_bool(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
  }
  static constexpr Value from_int(std::int64_t i) {
    Value v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
  }
  static constexpr Value from_double(double d) {
    Value v;
    v.kind = Kind::Float;
    v.real = d;
    return v;
  }
  static constexpr Value string(std::string_view s, bool from_field = false) {
    Value v;
    v.kind = Kind::String;
    v.text = s;
    v.from_field = from_field;
    return v;
  }
  // A list of values: none is null, one is a plain string, more is a multivalue.
  static constexpr Value multi(std::span<const std::string_view> items) {
    if (items.empty()) return null();
    if (items.size() == 1) return string(items.front());
    Value v;
    v.kind = Kind::Multi;
    v.list = {items.data(), items.size()};
    return v;
  }

  std::span<const std::string_view> items() const { return {list.first, list.count}; }
  bool is_null() const { return kind == Kind::Null; }
  bool is_number() const { return kind == Kind::Int || kind == Kind::Float; }
};
static_assert(sizeof(Value) == 32);

// A number parsed from text or taken from a value.
struct Number {
  bool is_int = true;
  std::int64_t i = 0;
  double d = 0;
  double as_double() const { return is_int ? static_cast<double>(i) : d; }
  Value value() const { return is_int ? Value::from_int(i) : Value::from_double(d); }
};

// The whole of `s` as a decimal number: [+-] digits [. digits] [e [+-] digits] (or `.5`).
// Integer when there is no `.` or exponent and it fits in int64. No spaces, no hex, no inf/nan.
std::optional<Number> parse_number(std::string_view s);

// The number a value stands for: Int / Float, or a String whose whole text is a number.
std::optional<Number> numeric(const Value& v);

// Writes a number the way SPL prints it: integers in full, doubles in the shortest form that
// reads back exactly, without trailing zeros (0.5, 2, 3.3333333333333335), in plain notation
// from 1e-6 to 1e21 and exponent notation outside; "nan", "inf", "-inf". Returns the length;
// `out` needs kNumberChars bytes.
inline constexpr std::size_t kNumberChars = 48;
std::size_t format_int(char* out, std::int64_t i);
std::size_t format_double(char* out, double d);

// The text of a scalar value, formatted into `buf` when it is a number. Bool is
// "true"/"false". Null and Multi have none.
struct TextBuffer {
  char data[kNumberChars];
};
std::optional<std::string_view> scalar_text(const Value& v, TextBuffer& buf);

}  // namespace sigma::expr
