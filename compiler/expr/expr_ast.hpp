// The expression AST: a parsed eval / where expression, before names are resolved.
//
// Produced by parse_expression() (expr_grammar.hpp), consumed by compile() (expr_program.hpp).
// Plain values only: no Spirit type escapes the parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::expr {

// Operators. Binary ones join the operands of a Chain; Neg and Not are prefix operators.
enum class Op : std::uint8_t {
  Xor,
  Or,
  And,  // logical, loosest
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Like,  // comparison (`=` and `==` are both Eq)
  Add,
  Sub,
  Cat,  // `+` `-` `.`
  Mul,
  Div,
  Mod,  // `*` `/` `%`
  Not,
  Neg,  // prefix `NOT` / `!`, prefix `-`
};

// Operators of one precedence level share a level number (higher binds tighter).
int precedence(Op op);

// Stable lower-case name used by dumps: "add", "eq", "not"...
std::string_view op_name(Op op);

struct Node {
  enum class Kind : std::uint8_t {
    Int,     // integer literal: `integer`, `text` as written
    Float,   // decimal or exponent literal: `real`, `text` as written
    String,  // double-quoted literal: `text` unescaped
    Name,    // field / variable / selection reference: `text`; `quoted` if written '...'
    Call,    // function call: `text` the name as written, `children` the arguments
    Unary,   // `op` Neg or Not, one child
    Chain,   // children[0] ops[0] children[1] ops[1] ... children[n]: a left-assoc chain of
             // operators of ONE precedence level (flat, so long chains do not nest deeply)
  };
  Kind kind = Kind::Int;
  Op op = Op::Neg;
  bool quoted = false;
  bool parenthesised = false;  // written inside ( ): a chain that must not absorb its neighbours
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
  std::uint32_t offset = 0;  // 0-based byte offset in the expression text
  std::uint32_t length = 0;  // bytes spanned
  std::vector<Node> children;
  std::vector<Op> ops;  // Chain: ops.size() == children.size() - 1
};

// One problem in an expression. Codes are the S05xx ones of compiler/diag/codes.hpp (and
// S0106 / S0108 for an invalid regex / CIDR literal).
struct Error {
  const char* code = "S0501";
  std::uint32_t offset = 0;  // 0-based byte offset of the offending token
  std::uint32_t length = 1;  // its length in bytes (at least 1, even at end of input)
  std::string message;
  std::string help;
};

// A compact, stable text form of the tree, used by tests and `--emit ast`:
// `add(mul(field(a),num(3)),field(b))`, `call(if,field(x),num(1),num(0))`, `str("a\"b")`,
// `neg(num(2))`, `not(eq(field(a),str("x")))`, `field('sourceIPs{}')`.
// A chain prints as the left-nested binary operators it stands for.
std::string dump(const Node& node);

}  // namespace sigma::expr
