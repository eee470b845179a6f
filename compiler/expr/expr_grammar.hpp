// The eval / where expression parser: text -> expr::Node (expr_ast.hpp). Splunk `eval` syntax.
//
// External interface: parse_expression().
//
// Grammar (EBNF; keywords and function names are case-insensitive, whitespace separates
// tokens). Precedence, tightest first: prefix `-`; `* / %`; `+ - .`; comparisons; `NOT` / `!`;
// `AND`; `OR`; `XOR`. Binary operators associate to the left.
//
//   expression = or_expr , { "XOR" , or_expr } ;
//   or_expr    = and_expr , { "OR" , and_expr } ;
//   and_expr   = not_expr , { "AND" , not_expr } ;
//   not_expr   = { "NOT" | "!" } , cmp_expr ;                (* `!` not followed by `=` *)
//   cmp_expr   = add_expr , { cmp_op , add_expr } ;
//   cmp_op     = "==" | "=" | "!=" | "<=" | ">=" | "<" | ">" | "LIKE" ;
//   add_expr   = mul_expr , { ( "+" | "-" | "." ) , mul_expr } ;   (* "." concatenates *)
//   mul_expr   = unary , { ( "*" | "/" | "%" ) , unary } ;
//   unary      = { "-" } , primary ;
//   primary    = number | string | quoted_name | "(" , expression , ")" | call | name ;
//   call       = func_name , "(" , [ expression , { "," , expression } ] , ")" ;
//   func_name  = bare_name ;                       (* not AND / OR / XOR / NOT; LIKE is ok *)
//   name       = bare_name ;                       (* not AND / OR / XOR / NOT / LIKE *)
//   bare_name  = name_start , { name_char | "." , name_char } ;   (* `user.username` *)
//   name_start = "A".."Z" | "a".."z" | "_" ;
//   name_char  = name_start | digit ;
//   number     = digit , { digit } , [ "." , { digit } ] , [ ( "e" | "E" ) , [ "+" | "-" ] ,
//                digit , { digit } ] ;             (* integer unless "." or exponent *)
//   string     = '"' , { char - '"' | "\" , char } , '"' ;   (* \" and \\ unescaped; any
//                                                               other backslash is kept *)
//   quoted_name = "'" , { char - "'" | "\" , char } , "'" ;  (* 'sourceIPs{}' *)
//
// `true()`, `false()` and `null()` are functions; a bare `true` is a field name, as in SPL.
// An integer literal too large for int64 becomes a float.
//
// Refused before the grammar runs (a linear pre-scan, so the recursive parser never sees
// hostile input), all S0501:
//   - text longer than kMaxExpressionBytes;
//   - an unterminated string or quoted name;
//   - nesting of parentheses (calls included) and prefix operators deeper than
//     kMaxExpressionDepth.
//
// parse_expression never throws; every failure is an Error with the offending token's span.
// Unknown functions and argument counts are checked by compile(), not here.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "compiler/expr/expr_ast.hpp"

namespace sigma::expr {

inline constexpr std::size_t kMaxExpressionBytes = 64 * 1024;
// Each level costs the recursive X3 parser 4-8 KiB of stack in a debug build (8-12 KiB with
// ASan; measured), so 128 levels stay far inside any thread's stack. Real rules nest < 10.
inline constexpr unsigned kMaxExpressionDepth = 128;

struct ParseResult {
  bool ok = false;
  Node root;                  // valid when ok
  std::vector<Error> errors;  // at least one when !ok
};

ParseResult parse_expression(std::string_view text);

}  // namespace sigma::expr
