// The condition AST: a parsed `condition:` string, before identifiers are resolved.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::cond {

struct Expr {
  enum class Kind : std::uint8_t {
    And,    // children: 2+
    Or,     // children: 2+
    Not,    // children: 1
    Ident,  // name: a search identifier
    Of,     // `1 of pattern`, `all of them`: name is the pattern ("them" for them), count/all
  };
  Kind kind = Kind::Ident;
  std::string name;
  bool all = false;          // Of: `all of`
  std::uint32_t count = 1;   // Of: `N of` (the spec uses 1)
  std::uint32_t offset = 0;  // 0-based byte offset of the construct in the condition text
  std::uint32_t length = 0;  // bytes it spans
  std::vector<Expr> children;
};

struct ParseError {
  std::uint32_t offset = 0;  // 0-based byte offset of the offending token
  std::uint32_t length = 1;
  std::string message;
  std::string help;
  const char* code = "S0201";  // diag::code::kConditionSyntax, kAggregation or kNestingTooDeep
};

struct ParseResult {
  bool ok = false;
  Expr expr;                       // valid when ok
  std::vector<ParseError> errors;  // at least one when !ok
};

// Grammar, precedence and limits: see condition_parser.hpp.
ParseResult parse_condition(std::string_view text);

}  // namespace sigma::cond
