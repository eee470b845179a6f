#include "compiler/expr/expr_format.hpp"

#include <cmath>

#include "runtime/text/json_text.hpp"

namespace sigma::expr {

void append_text(std::string& out, const Value& v) {
  if (v.kind == Value::Kind::Multi) {
    for (std::size_t i = 0; i < v.items().size(); ++i) {
      if (i > 0) out += '\n';
      out += v.items()[i];
    }
    return;
  }
  TextBuffer buf;
  if (auto t = scalar_text(v, buf)) out += *t;
}

std::string to_text(const Value& v) {
  std::string out;
  append_text(out, v);
  return out;
}

std::vector<std::string> to_list(const Value& v) {
  if (v.kind == Value::Kind::Multi) return {v.items().begin(), v.items().end()};
  TextBuffer buf;
  auto t = scalar_text(v, buf);
  if (!t) return {};
  return {std::string(*t)};
}

void append_json(std::string& out, const Value& v) {
  TextBuffer buf;
  switch (v.kind) {
    case Value::Kind::Null:
      out += "null";
      return;
    case Value::Kind::Bool:
      out += v.boolean ? "true" : "false";
      return;
    case Value::Kind::Int:
      out += *scalar_text(v, buf);
      return;
    case Value::Kind::Float:
      if (!std::isfinite(v.real))
        out += "null";
      else
        out += *scalar_text(v, buf);
      return;
    case Value::Kind::String:
      text::append_json_string(out, v.text);
      return;
    case Value::Kind::Multi:
      out += '[';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += ',';
        text::append_json_string(out, v.items()[i]);
      }
      out += ']';
      return;
  }
}

std::string to_json(const Value& v) {
  std::string out;
  append_json(out, v);
  return out;
}

}  // namespace sigma::expr
