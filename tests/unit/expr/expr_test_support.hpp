// Test doubles for the expression engine: an event as a map of field values, a Resolver that
// interns names, a Context that answers from the map, and a typed dump of values.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/expr_eval.hpp"
#include "compiler/expr/expr_format.hpp"
#include "compiler/expr/expr_program.hpp"

namespace sigma::expr::test {

// An event: field name -> values (absent when not in the map), plus selection results.
class TestEvent {
 public:
  TestEvent& str(const std::string& name, std::string value) {
    fields_[name].push_back(sigma::Value::string(keep(std::move(value))));
    return *this;
  }
  TestEvent& num(const std::string& name, std::int64_t i) {
    fields_[name].push_back(sigma::Value::from_int(i));
    return *this;
  }
  TestEvent& real(const std::string& name, double d) {
    fields_[name].push_back(sigma::Value::from_double(d));
    return *this;
  }
  TestEvent& boolean(const std::string& name, bool b) {
    fields_[name].push_back(sigma::Value::from_bool(b));
    return *this;
  }
  TestEvent& null(const std::string& name) {
    fields_[name].push_back(sigma::Value::null());
    return *this;
  }
  TestEvent& list(const std::string& name, std::vector<std::string> values) {
    auto& f = fields_[name];
    for (auto& v : values) f.push_back(sigma::Value::string(keep(std::move(v))));
    return *this;
  }
  TestEvent& selection(const std::string& name, bool matched) {
    selections_[name] = matched;
    return *this;
  }

  const std::vector<sigma::Value>* find(std::string_view name) const {
    auto it = fields_.find(name);
    return it == fields_.end() ? nullptr : &it->second;
  }
  std::optional<bool> find_selection(std::string_view name) const {
    auto it = selections_.find(name);
    if (it == selections_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::string_view keep(std::string s) { return strings_.emplace_back(std::move(s)); }

  std::deque<std::string> strings_;  // stable addresses for the views
  std::map<std::string, std::vector<sigma::Value>, std::less<>> fields_;
  std::map<std::string, bool, std::less<>> selections_;
};

// Runs a rule's eval entries in order against one event, the way the engine will: each entry
// sees the variables defined before it; names resolve variable, selection, then field.
class Rule final : public Resolver, public Context {
 public:
  explicit Rule(const TestEvent& event) : event_(event) {}

  // Resolver
  std::optional<std::uint32_t> variable(std::string_view name) override {
    for (std::uint32_t i = 0; i < variable_names_.size(); ++i)
      if (variable_names_[i] == name) return i;
    return std::nullopt;
  }
  std::optional<std::uint32_t> selection(std::string_view name) override {
    if (!event_.find_selection(name)) return std::nullopt;
    for (std::uint32_t i = 0; i < selection_names_.size(); ++i)
      if (selection_names_[i] == name) return i;
    selection_names_.emplace_back(name);
    return static_cast<std::uint32_t>(selection_names_.size() - 1);
  }
  std::uint32_t field(std::string_view name) override {
    for (std::uint32_t i = 0; i < field_names_.size(); ++i)
      if (field_names_[i] == name) return i;
    field_names_.emplace_back(name);
    return static_cast<std::uint32_t>(field_names_.size() - 1);
  }

  // Context
  std::span<const sigma::Value> field(std::uint32_t id, bool& present) const override {
    const auto* values = event_.find(field_names_.at(id));
    present = values != nullptr;
    return present ? std::span<const sigma::Value>(*values) : std::span<const sigma::Value>();
  }
  Value variable(std::uint32_t slot) const override { return variable_values_.at(slot); }
  bool selection(std::uint32_t index) const override {
    return event_.find_selection(selection_names_.at(index)).value_or(false);
  }

  // Compiles and evaluates `text`; on a compile error returns nullopt and keeps the errors.
  std::optional<Value> eval(std::string_view text) {
    auto r = compile(text, static_cast<Resolver&>(*this));
    if (!r.ok) {
      errors = r.errors;
      return std::nullopt;
    }
    programs_.push_back(std::move(r.program));
    return evaluator.evaluate(programs_.back(), *this);
  }
  // `eval name=text`: later entries see it.
  std::optional<Value> define(const std::string& name, std::string_view text) {
    auto v = eval(text);
    if (!v) return v;
    if (auto slot = variable(name)) {
      variable_values_[*slot] = *v;
    } else {
      variable_names_.push_back(name);
      variable_values_.push_back(*v);
    }
    return v;
  }
  bool where(std::string_view text) {
    auto r = compile(text, static_cast<Resolver&>(*this));
    if (!r.ok) {
      errors = r.errors;
      return false;
    }
    programs_.push_back(std::move(r.program));
    return evaluator.test(programs_.back(), *this);
  }
  // The table cell of a column: an eval variable, else the event field.
  std::string column(const std::string& name) {
    if (auto slot = variable(name)) return to_text(variable_values_[*slot]);
    const auto* values = event_.find(name);
    if (values == nullptr) return {};
    return to_text(event_value(*values, evaluator.scratch()));
  }

  Evaluator evaluator;
  std::vector<Error> errors;

 private:
  const TestEvent& event_;
  std::vector<std::string> variable_names_, selection_names_, field_names_;
  std::vector<Value> variable_values_;
  std::deque<Program> programs_;
};

// A typed dump: `null`, `b:true`, `i:3`, `f:0.5`, `s:text`, `mv:a|b|c`.
inline std::string repr(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return std::string("b:") + (v.boolean ? "true" : "false");
    case Value::Kind::Int:
      return "i:" + to_text(v);
    case Value::Kind::Float:
      return "f:" + to_text(v);
    case Value::Kind::String:
      return "s:" + std::string(v.text);
    case Value::Kind::Multi: {
      std::string out = "mv:";
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += '|';
        out += v.items()[i];
      }
      return out;
    }
  }
  return "?";
}

}  // namespace sigma::expr::test
