#include "compiler/expr/expr_ast.hpp"

#include <fmt/format.h>

#include "compiler/expr/expr_lex.hpp"

namespace sigma::expr {

int precedence(Op op) {
  switch (op) {
    case Op::Xor:
      return 1;
    case Op::Or:
      return 2;
    case Op::And:
      return 3;
    case Op::Not:
      return 4;
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::Like:
      return 5;
    case Op::Add:
    case Op::Sub:
    case Op::Cat:
      return 6;
    case Op::Mul:
    case Op::Div:
    case Op::Mod:
      return 7;
    case Op::Neg:
      return 8;
  }
  return 0;
}

std::string_view op_name(Op op) {
  switch (op) {
    case Op::Xor:
      return "xor";
    case Op::Or:
      return "or";
    case Op::And:
      return "and";
    case Op::Eq:
      return "eq";
    case Op::Ne:
      return "ne";
    case Op::Lt:
      return "lt";
    case Op::Le:
      return "le";
    case Op::Gt:
      return "gt";
    case Op::Ge:
      return "ge";
    case Op::Like:
      return "like";
    case Op::Add:
      return "add";
    case Op::Sub:
      return "sub";
    case Op::Cat:
      return "cat";
    case Op::Mul:
      return "mul";
    case Op::Div:
      return "div";
    case Op::Mod:
      return "mod";
    case Op::Not:
      return "not";
    case Op::Neg:
      return "neg";
  }
  return "?";
}

namespace {

// Quotes `s` with `q`, escaping the quote, backslash and control characters.
void append_quoted(std::string& out, std::string_view s, char q) {
  out += q;
  for (char c : s) {
    if (c == q || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  out += q;
}

bool is_bare(std::string_view name) {
  return !name.empty() && lex::scan_name(name, 0) == name.size() && !lex::is_reserved(name);
}

void dump_to(std::string& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::Int:
    case Node::Kind::Float:
      out += "num(";
      out += n.text;
      out += ')';
      return;
    case Node::Kind::String:
      out += "str(";
      append_quoted(out, n.text, '"');
      out += ')';
      return;
    case Node::Kind::Name:
      out += "field(";
      if (is_bare(n.text))
        out += n.text;
      else
        append_quoted(out, n.text, '\'');
      out += ')';
      return;
    case Node::Kind::Call:
      out += "call(";
      out += n.text;
      for (const Node& c : n.children) {
        out += ',';
        dump_to(out, c);
      }
      out += ')';
      return;
    case Node::Kind::Unary:
      out += op_name(n.op);
      out += '(';
      if (!n.children.empty()) dump_to(out, n.children.front());
      out += ')';
      return;
    case Node::Kind::Chain:
      // ops[k] applies to (everything before, children[k+1]): open the outermost first.
      for (std::size_t k = n.ops.size(); k-- > 0;) {
        out += op_name(n.ops[k]);
        out += '(';
      }
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out += ',';
        dump_to(out, n.children[i]);
        if (i > 0) out += ')';
      }
      return;
  }
}

}  // namespace

std::string dump(const Node& node) {
  std::string out;
  dump_to(out, node);
  return out;
}

}  // namespace sigma::expr
