// Fuzz target for the condition parser. Beyond "no crash", it checks the parser's promises:
// errors point inside the text; a tree is well formed, its spans lie inside the text; and
// printing the tree back as a condition and re-parsing it gives the same tree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "compiler/condition/condition_parser.hpp"

namespace {

using sigma::cond::Expr;

[[noreturn]] void broken() { std::abort(); }

void check_tree(const Expr& e, std::size_t text_size) {
  if (e.length == 0 || std::size_t{e.offset} + e.length > text_size) broken();
  switch (e.kind) {
    case Expr::Kind::And:
    case Expr::Kind::Or:
      if (e.children.size() < 2) broken();
      break;
    case Expr::Kind::Not:
      if (e.children.size() != 1) broken();
      break;
    case Expr::Kind::Ident:
    case Expr::Kind::Of:
      if (!e.children.empty() || e.name.empty() || (!e.all && e.count == 0)) broken();
      break;
  }
  for (const Expr& c : e.children) {
    // A child lies within its parent's span.
    if (c.offset < e.offset || c.offset + c.length > e.offset + e.length) broken();
    check_tree(c, text_size);
  }
}

// Prints a tree as condition text, parenthesising only a chain nested in a chain or a `not`,
// so the printed text never nests deeper than the original.
void print(const Expr& e, std::string& out) {
  auto operand = [&](const Expr& c) {
    const bool group = c.kind == Expr::Kind::And || c.kind == Expr::Kind::Or;
    if (group) out += '(';
    print(c, out);
    if (group) out += ')';
  };
  switch (e.kind) {
    case Expr::Kind::Ident:
      out += e.name;
      break;
    case Expr::Kind::Of:
      out += e.all ? std::string("all") : std::to_string(e.count);
      out += " of ";
      out += e.name;
      break;
    case Expr::Kind::Not:
      out += "not ";
      operand(e.children[0]);
      break;
    case Expr::Kind::And:
    case Expr::Kind::Or:
      for (std::size_t i = 0; i < e.children.size(); ++i) {
        if (i) out += e.kind == Expr::Kind::And ? " and " : " or ";
        operand(e.children[i]);
      }
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = sigma::cond::parse_condition(text);
  if (!r.ok) {
    if (r.errors.empty()) broken();
    for (const auto& e : r.errors)
      if (e.offset > size || e.message.empty() || e.code == nullptr) broken();
    return 0;
  }
  if (!r.errors.empty()) broken();
  check_tree(r.expr, size);
  std::string printed;
  print(r.expr, printed);
  const auto again = sigma::cond::parse_condition(printed);
  if (!again.ok || sigma::cond::dump(again.expr) != sigma::cond::dump(r.expr)) broken();
  return 0;
}
