// The Sigma condition parser: `condition:` text -> cond::Expr (condition_ast.hpp).
//
// External interface: parse_condition() (declared in condition_ast.hpp) and dump().
//
// Grammar (EBNF; keywords are case-insensitive, whitespace separates tokens):
//
//   condition  = or_expr ;
//   or_expr    = and_expr , { "or" , and_expr } ;
//   and_expr   = not_expr , { "and" , not_expr } ;
//   not_expr   = "not" , not_expr | of_expr | primary ;
//   of_expr    = quantifier , "of" , ( "them" | pattern ) ;
//   quantifier = "all" | "any" | integer ;          (* "any" means 1; integer >= 1 *)
//   primary    = identifier | "(" , or_expr , ")" ;
//   identifier = head , { tail } ;                    (* not a keyword, not all digits *)
//   pattern    = ( head | "*" ) , { tail | "*" } ;    (* same, with `*` wildcards *)
//   head       = letter | digit | "_" ;
//   tail       = head | "." | "-" ;
//   keyword    = "and" | "or" | "not" | "of" | "them" | "all" | "any" | "near" ;
//
// Precedence, loosest to tightest: or, and, not, `x of`, parentheses. `and` / `or` chains are
// flattened into one And / Or node with 2+ children; a parenthesised group stays its own node,
// so `(a and b) and c` is and(and(a,b),c). `not` nests: `not not a` is not(not(a)).
//
// Spans: every node's offset/length is the text it was written as, e.g. `not (a or b)` for a
// Not; parentheses around a whole node are not part of that node's span.
//
// Refused before the grammar runs (a linear pre-scan, so the recursive parser never sees
// hostile input):
//   - text longer than kMaxConditionBytes (S0201);
//   - characters outside identifiers, `*`, parentheses and whitespace, an identifier that
//     starts with `.` or `-`, a `*` pattern that does not follow `of` (S0201);
//   - a `(` never closed or a `)` never opened (S0201);
//   - nesting of parentheses and `not` deeper than kMaxConditionDepth (S0205);
//   - Sigma 1 aggregations: anything from a `|` on, and the `near` keyword (S0204).
//
// parse_condition never throws; every failure is a ParseError with the offending token's span.
#pragma once

#include <cstddef>
#include <string>

#include "compiler/condition/condition_ast.hpp"

namespace sigma::cond {

inline constexpr std::size_t kMaxConditionBytes = 64 * 1024;
inline constexpr unsigned kMaxConditionDepth = 64;

// A compact, stable text form of the tree, used by tests and `--emit ast`:
// `and(sel1,not(filter),of(1,selection_*))`, `of(all,them)`, `or(a,b)`.
std::string dump(const Expr& e);

}  // namespace sigma::cond
