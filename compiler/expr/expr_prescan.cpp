// The pre-scan tokenises the text once, without recursion, and measures how deep the
// recursive parser (and every later recursive walk of the AST) would go: each open
// parenthesis and each prefix operator adds a level. Binary chains do not: the AST keeps them
// flat.
#include "compiler/expr/expr_prescan.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <vector>

#include "compiler/expr/expr_grammar.hpp"
#include "compiler/expr/expr_lex.hpp"

namespace sigma::expr {
namespace {

Error make_error(std::size_t offset, std::size_t length, std::string message,
                 std::string help = {}) {
  Error e;
  e.code = "S0501";
  e.offset = static_cast<std::uint32_t>(offset);
  e.length = static_cast<std::uint32_t>(length == 0 ? 1 : length);
  e.message = std::move(message);
  e.help = std::move(help);
  return e;
}

}  // namespace

std::optional<Error> prescan_expression(std::string_view text) {
  if (text.size() > kMaxExpressionBytes)
    return make_error(kMaxExpressionBytes, 1,
                      fmt::format("expression longer than {} bytes", kMaxExpressionBytes));

  // depth = levels open at this point; base = depth of the innermost open parenthesis.
  // A prefix operator raises depth until its operand ends; an operand ending drops back to
  // base; `(` opens a level above everything pending; `)` closes back to the outer base.
  unsigned depth = 0, base = 0;
  std::vector<unsigned> bases;
  bool after_operand = false;
  auto deeper = [&](std::size_t pos, std::size_t len) -> std::optional<Error> {
    if (++depth <= kMaxExpressionDepth) return std::nullopt;
    return make_error(
        pos, len, fmt::format("expression nested more than {} levels deep", kMaxExpressionDepth),
        "split it into several eval entries");
  };

  std::size_t pos = lex::skip_spaces(text, 0);
  while (pos < text.size()) {
    char c = text[pos];
    std::size_t len = 0;
    if (c == '"' || c == '\'') {
      len = lex::scan_quoted(text, pos, c);
      if (len == 0)
        return make_error(pos, text.size() - pos,
                          c == '"' ? "unterminated string" : "unterminated quoted field name",
                          fmt::format("add the closing {}", c));
      depth = base, after_operand = true;
    } else if ((len = lex::scan_name(text, pos)) != 0) {
      std::string_view word = text.substr(pos, len);
      if (lex::equals_keyword(word, "not")) {
        if (auto e = deeper(pos, len)) return e;
        after_operand = false;
      } else if (lex::is_reserved(word)) {
        after_operand = false;
      } else {
        depth = base, after_operand = true;
      }
    } else if ((len = lex::scan_number(text, pos)) != 0) {
      depth = base, after_operand = true;
    } else {
      len = lex::token_length(text, pos);
      if (c == '(') {
        bases.push_back(base);
        if (auto e = deeper(pos, 1)) return e;
        base = depth;
        after_operand = false;
      } else if (c == ')') {
        if (!bases.empty()) base = bases.back(), bases.pop_back();
        depth = base, after_operand = true;
      } else if (c == ',') {
        depth = base, after_operand = false;
      } else if ((c == '-' || (c == '!' && len == 1)) && !after_operand) {
        if (auto e = deeper(pos, 1)) return e;
      } else {
        after_operand = false;
      }
    }
    pos = lex::skip_spaces(text, pos + len);
  }
  return std::nullopt;
}

}  // namespace sigma::expr
