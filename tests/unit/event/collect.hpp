// Test helpers: ask an Event for a field the way the engine does and render what it answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <sigma/event.hpp>

namespace sigma::test {

inline std::string render(const sigma::Value& v) {
  switch (v.type) {
    case sigma::Value::Type::Null: return "null";
    case sigma::Value::Type::Bool: return v.boolean ? "true" : "false";
    case sigma::Value::Type::Int: return "int:" + std::to_string(v.integer);
    case sigma::Value::Type::Float: return "float:" + std::to_string(v.real);
    case sigma::Value::Type::String: return std::string(v.text);
  }
  return "?";
}

class Collect final : public sigma::ValueSink {
 public:
  void value(const sigma::Value& v) override { values.push_back(render(v)); }
  std::vector<std::string> values;
};

// The field's values joined by '|', "<absent>" when the event says it has no such field.
inline std::string get(const sigma::Event& e, std::string_view name) {
  std::vector<std::string_view> path;
  for (std::size_t b = 0;;) {
    std::size_t dot = name.find('.', b);
    path.push_back(name.substr(b, dot == std::string_view::npos ? dot : dot - b));
    if (dot == std::string_view::npos) break;
    b = dot + 1;
  }
  sigma::Field f{0, name, path};
  Collect c;
  if (!e.lookup(f, c)) return "<absent>";
  std::string out;
  for (std::size_t i = 0; i < c.values.size(); ++i) out += (i ? "|" : "") + c.values[i];
  return out;
}

inline std::vector<std::string> strings(const sigma::Event& e) {
  Collect c;
  e.for_each_string(c);
  return c.values;
}

}  // namespace sigma::test
