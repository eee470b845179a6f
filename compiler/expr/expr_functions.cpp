#include "compiler/expr/expr_functions.hpp"

#include <array>

#include "compiler/expr/expr_lex.hpp"

namespace sigma::expr {
namespace {

constexpr std::uint8_t V = kVariadic;

constexpr std::array kFunctions = {
    FunctionInfo{"if", Fn::If, 3, 3},
    FunctionInfo{"case", Fn::Case, 2, V, true},
    FunctionInfo{"validate", Fn::Validate, 2, V, true},
    FunctionInfo{"coalesce", Fn::Coalesce, 1, V},
    FunctionInfo{"true", Fn::True, 0, 0},
    FunctionInfo{"false", Fn::False, 0, 0},
    FunctionInfo{"null", Fn::Null, 0, 0},
    FunctionInfo{"isnull", Fn::IsNull, 1, 1},
    FunctionInfo{"isnotnull", Fn::IsNotNull, 1, 1},
    FunctionInfo{"isnum", Fn::IsNum, 1, 1},
    FunctionInfo{"isint", Fn::IsInt, 1, 1},
    FunctionInfo{"isstr", Fn::IsStr, 1, 1},
    FunctionInfo{"isbool", Fn::IsBool, 1, 1},
    FunctionInfo{"typeof", Fn::TypeOf, 1, 1},
    FunctionInfo{"match", Fn::Match, 2, 2},
    FunctionInfo{"like", Fn::Like, 2, 2},
    FunctionInfo{"in", Fn::In, 2, V},
    FunctionInfo{"cidrmatch", Fn::CidrMatch, 2, 2},
    FunctionInfo{"lower", Fn::Lower, 1, 1},
    FunctionInfo{"upper", Fn::Upper, 1, 1},
    FunctionInfo{"len", Fn::Len, 1, 1},
    FunctionInfo{"trim", Fn::Trim, 1, 2},
    FunctionInfo{"ltrim", Fn::LTrim, 1, 2},
    FunctionInfo{"rtrim", Fn::RTrim, 1, 2},
    FunctionInfo{"replace", Fn::Replace, 3, 3},
    FunctionInfo{"substr", Fn::Substr, 2, 3},
    FunctionInfo{"tonumber", Fn::ToNumber, 1, 2},
    FunctionInfo{"tostring", Fn::ToString, 1, 2},
    FunctionInfo{"mvappend", Fn::MvAppend, 1, V},
    FunctionInfo{"mvjoin", Fn::MvJoin, 2, 2},
    FunctionInfo{"mvcount", Fn::MvCount, 1, 1},
    FunctionInfo{"mvindex", Fn::MvIndex, 2, 3},
    FunctionInfo{"mvdedup", Fn::MvDedup, 1, 1},
    FunctionInfo{"mvsort", Fn::MvSort, 1, 1},
    FunctionInfo{"split", Fn::Split, 2, 2},
    FunctionInfo{"abs", Fn::Abs, 1, 1},
    FunctionInfo{"round", Fn::Round, 1, 2},
    FunctionInfo{"floor", Fn::Floor, 1, 1},
    FunctionInfo{"ceil", Fn::Ceil, 1, 1},
    FunctionInfo{"ceiling", Fn::Ceil, 1, 1},
    FunctionInfo{"min", Fn::Min, 1, V},
    FunctionInfo{"max", Fn::Max, 1, V},
    FunctionInfo{"pow", Fn::Pow, 2, 2},
    FunctionInfo{"sqrt", Fn::Sqrt, 1, 1},
};

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kFunctions)
    if (lex::equals_keyword(name, f.name)) return &f;
  return nullptr;
}

std::span<const FunctionInfo> all_functions() { return kFunctions; }

}  // namespace sigma::expr
