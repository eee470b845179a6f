// dump(): the compact text form of a condition tree (see condition_parser.hpp).
#include <string>

#include "compiler/condition/condition_parser.hpp"

namespace sigma::cond {
namespace {

// Recursion is bounded: the parser refuses nesting deeper than kMaxConditionDepth.
void dump_to(const Expr& e, std::string& out) {
  switch (e.kind) {
    case Expr::Kind::Ident:
      out += e.name;
      return;
    case Expr::Kind::Of:
      out += "of(";
      out += e.all ? std::string("all") : std::to_string(e.count);
      out += ',';
      out += e.name;
      out += ')';
      return;
    case Expr::Kind::And:
      out += "and(";
      break;
    case Expr::Kind::Or:
      out += "or(";
      break;
    case Expr::Kind::Not:
      out += "not(";
      break;
  }
  for (std::size_t i = 0; i < e.children.size(); ++i) {
    if (i) out += ',';
    dump_to(e.children[i], out);
  }
  out += ')';
}

}  // namespace

std::string dump(const Expr& e) {
  std::string out;
  dump_to(e, out);
  return out;
}

}  // namespace sigma::cond
