// Program accessors and its dump.
#include "compiler/expr/expr_program.hpp"

#include <fmt/format.h>

namespace sigma::expr {

Value Program::constant(std::uint32_t i) const {
  const Constant& c = constants_[i];
  switch (c.kind) {
    case Value::Kind::Bool:
      return Value::from_bool(c.boolean);
    case Value::Kind::Int:
      return Value::from_int(c.integer);
    case Value::Kind::Float:
      return Value::from_double(c.real);
    case Value::Kind::String:
      return Value::string(std::string_view(pool_).substr(c.offset, c.length));
    default:
      return Value::null();
  }
}

namespace {

void dump_to(const Program& p, std::uint32_t i, std::string& out) {
  const Program::Node& n = p.node(i);
  auto args = p.args(n);
  switch (n.code) {
    case Program::Code::Const: {
      Value v = p.constant(n.a);
      TextBuffer buf;
      if (v.kind == Value::Kind::String) {
        out += "str(\"";
        for (char c : v.text) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += "\")";
      } else if (v.kind == Value::Kind::Bool) {
        out += v.boolean ? "true" : "false";
      } else if (v.is_null()) {
        out += "null";
      } else {
        out += fmt::format("num({})", *scalar_text(v, buf));
      }
      return;
    }
    case Program::Code::Field:
      out += fmt::format("field#{}", n.a);
      return;
    case Program::Code::Var:
      out += fmt::format("var#{}", n.a);
      return;
    case Program::Code::Sel:
      out += fmt::format("sel#{}", n.a);
      return;
    case Program::Code::Neg:
    case Program::Code::Not:
      out += n.code == Program::Code::Neg ? "neg(" : "not(";
      dump_to(p, args.front().node, out);
      out += ')';
      return;
    case Program::Code::Chain:
      for (std::size_t k = args.size(); k-- > 1;) {
        out += op_name(args[k].op);
        out += '(';
      }
      for (std::size_t k = 0; k < args.size(); ++k) {
        if (k > 0) out += ',';
        dump_to(p, args[k].node, out);
        if (k > 0) out += ')';
      }
      return;
    case Program::Code::Call: {
      std::string_view name = "?";
      for (const FunctionInfo& f : all_functions())
        if (f.fn == n.fn) {
          name = f.name;
          break;
        }
      out += "call(";
      out += name;
      if (n.a != 0) out += (n.fn == Fn::CidrMatch) ? "/cidr" : "/re";
      for (const Program::Arg& a : args) {
        out += ',';
        dump_to(p, a.node, out);
      }
      out += ')';
      return;
    }
  }
}

}  // namespace

std::string Program::dump() const {
  std::string out;
  if (!nodes_.empty()) dump_to(*this, root_, out);
  return out;
}

}  // namespace sigma::expr
