#include "compiler/expr/expr_format.hpp"

#include <cmath>

#include "compiler/expr/expr_utf8.hpp"

namespace sigma::expr {

void append_text(std::string& out, const Value& v) {
  if (v.kind == Value::Kind::Multi) {
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      if (i > 0) out += '\n';
      out += v.items[i];
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
  if (v.kind == Value::Kind::Multi) return {v.items.begin(), v.items.end()};
  TextBuffer buf;
  auto t = scalar_text(v, buf);
  if (!t) return {};
  return {std::string(*t)};
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      utf8::Decoded d = utf8::decode(s, i);
      if (d.valid)
        out.append(s.substr(i, d.length));
      else
        out += "\xEF\xBF\xBD";  // U+FFFD
      i += d.length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace

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
      append_json_string(out, v.text);
      return;
    case Value::Kind::Multi:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, v.items[i]);
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
