// The eval function table: names (case-insensitive), argument counts, ids.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sigma::expr {

enum class Fn : std::uint8_t {
  // conditionals and null handling (arguments evaluated lazily)
  If,
  Case,
  Validate,
  Coalesce,
  // constants
  True,
  False,
  Null,
  // predicates
  IsNull,
  IsNotNull,
  IsNum,
  IsInt,
  IsStr,
  IsBool,
  TypeOf,
  Match,
  Like,
  In,
  CidrMatch,
  // text
  Lower,
  Upper,
  Len,
  Trim,
  LTrim,
  RTrim,
  Replace,
  Substr,
  ToNumber,
  ToString,
  // multivalue
  MvAppend,
  MvJoin,
  MvCount,
  MvIndex,
  MvDedup,
  MvSort,
  Split,
  // math
  Abs,
  Round,
  Floor,
  Ceil,
  Min,
  Max,
  Pow,
  Sqrt,
};

inline constexpr std::uint8_t kVariadic = 0xFF;

struct FunctionInfo {
  std::string_view name;  // lower case, as documented
  Fn fn;
  std::uint8_t min_args;
  std::uint8_t max_args;  // kVariadic: no limit
  bool pairs = false;     // arguments come in (condition, value) pairs: case, validate
};

// The function called `name` (any case), or nullptr.
const FunctionInfo* find_function(std::string_view name);

// Every function, for "did you mean" hints and documentation.
std::span<const FunctionInfo> all_functions();

}  // namespace sigma::expr
