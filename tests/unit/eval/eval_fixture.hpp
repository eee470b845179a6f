// Test helpers for the evaluator: a mock event over a map of field -> values that counts its
// lookups, and a small builder for hand-made ir::Programs.
#pragma once

#include <sigma/event.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine.hpp"
#include "runtime/text/casefold.hpp"

namespace sigma::test {

// A value as the mock stores it; strings are owned here and handed out as views.
struct V {
  Value::Type type = Value::Type::Null;
  std::string s;
  std::int64_t i = 0;
  double d = 0;
  bool b = false;
};
inline V str(std::string s) { return V{Value::Type::String, std::move(s), 0, 0, false}; }
inline V num(std::int64_t i) { return V{Value::Type::Int, {}, i, 0, false}; }
inline V real(double d) { return V{Value::Type::Float, {}, 0, d, false}; }
inline V boolean(bool b) { return V{Value::Type::Bool, {}, 0, 0, b}; }
inline V null() { return V{}; }

inline Value view(const V& v) {
  switch (v.type) {
    case Value::Type::String: return Value::string(v.s);
    case Value::Type::Int: return Value::from_int(v.i);
    case Value::Type::Float: return Value::from_double(v.d);
    case Value::Type::Bool: return Value::from_bool(v.b);
    case Value::Type::Null: break;
  }
  return Value::null();
}

class MockEvent final : public Event {
 public:
  MockEvent() = default;
  MockEvent(std::initializer_list<std::pair<const std::string, std::vector<V>>> fields)
      : fields_(fields) {}

  MockEvent& set(const std::string& name, std::vector<V> values) {
    fields_[name] = std::move(values);
    return *this;
  }
  MockEvent& set_raw(std::string raw) {
    raw_ = std::move(raw);
    return *this;
  }

  bool lookup(const Field& field, ValueSink& out) const override {
    ++lookups_[std::string(field.name)];
    const auto it = fields_.find(field.name);
    if (it == fields_.end()) return false;
    for (const V& v : it->second) out.value(view(v));
    return true;
  }
  std::string_view raw() const override { return raw_; }
  void for_each_string(ValueSink& out) const override {
    for (const auto& [name, values] : fields_)
      for (const V& v : values)
        if (v.type == Value::Type::String) out.value(view(v));
  }

  int lookups(const std::string& name) const {
    const auto it = lookups_.find(name);
    return it == lookups_.end() ? 0 : it->second;
  }
  int total_lookups() const {
    int n = 0;
    for (const auto& [name, count] : lookups_) n += count;
    return n;
  }

 private:
  std::map<std::string, std::vector<V>, std::less<>> fields_;
  std::string raw_;
  mutable std::map<std::string, int> lookups_;
};

// Builds a Program by hand: leaves by field name, rules from nodes.
class ProgramBuilder {
 public:
  ProgramBuilder() : p_(std::make_shared<ir::Program>()) {}

  ir::FieldId field(std::string_view name) { return p_->fields.intern(name); }

  ir::LeafId leaf(std::string_view field_name, ir::Predicate pred) {
    const ir::FieldId f = field_name == "*keywords*" ? ir::kKeywords : field(field_name);
    return p_->leaves.intern(ir::Leaf{f, std::move(pred)});
  }
  // A string leaf; the pattern is folded here as the compiler would, unless cased.
  ir::LeafId str(std::string_view field_name, ir::StringOp op, std::string_view pattern,
                 bool cased = false) {
    return leaf(field_name,
                ir::StringMatch{op, cased, cased ? std::string(pattern) : text::casefold(pattern)});
  }
  ir::LeafId eq(std::string_view field_name, std::string_view pattern) {
    return str(field_name, ir::StringOp::Exact, pattern);
  }

  std::uint32_t rule(std::string title, ir::Node condition) {
    ir::Rule r;
    r.title = std::move(title);
    r.condition = std::move(condition);
    p_->rules.push_back(std::move(r));
    return static_cast<std::uint32_t>(p_->rules.size() - 1);
  }

  std::shared_ptr<const ir::Program> build() const { return p_; }
  ir::Program& program() { return *p_; }

 private:
  std::shared_ptr<ir::Program> p_;
};

inline ir::Node L(ir::LeafId id) { return ir::Node::make_leaf(id); }
inline ir::Node And(std::vector<ir::Node> c) { return ir::Node::make(ir::Op::And, std::move(c)); }
inline ir::Node Or(std::vector<ir::Node> c) { return ir::Node::make(ir::Op::Or, std::move(c)); }
inline ir::Node Not(ir::Node n) { return ir::Node::make_not(std::move(n)); }

// Evaluates one node against one event with a fresh scratch.
inline bool eval_once(const runtime::Engine& engine, const ir::Node& node, const Event& ev) {
  runtime::Scratch scratch(engine);
  scratch.reset(ev);
  return runtime::eval_node(engine, node, scratch);
}

// Names of the rules that match.
inline std::vector<std::string> matching(const runtime::Engine& engine, const Event& ev) {
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> ids;
  runtime::match(engine, ev, scratch, ids);
  std::vector<std::string> out;
  for (const std::uint32_t id : ids) out.push_back(engine.program().rules[id].title);
  return out;
}

}  // namespace sigma::test
