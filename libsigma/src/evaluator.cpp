#include <sigma/sigma.hpp>

#include <charconv>

#include "libsigma/src/ruleset_impl.hpp"

namespace sigma {
namespace {

// Text of a scalar event value, as a table shows it.
std::string value_text(const Value& v) {
  char buf[64];
  switch (v.type) {
    case Value::Type::Null: return {};
    case Value::Type::Bool: return v.boolean ? "true" : "false";
    case Value::Type::Int: {
      const auto r = std::to_chars(buf, buf + sizeof buf, v.integer);
      return std::string(buf, r.ptr);
    }
    case Value::Type::Float: {
      const auto r = std::to_chars(buf, buf + sizeof buf, v.real);
      return std::string(buf, r.ptr);
    }
    case Value::Type::String: return std::string(v.text);
  }
  return {};
}

OutputValue output_of(std::span<const Value> values, bool present) {
  OutputValue out;
  if (!present || values.empty()) return out;
  if (values.size() > 1) {
    out.type = OutputValue::Type::List;
    for (const auto& v : values) out.list.push_back(value_text(v));
    return out;
  }
  const auto& v = values.front();
  if (v.type == Value::Type::Null) return out;
  out.type = (v.type == Value::Type::Int || v.type == Value::Type::Float)
                 ? OutputValue::Type::Number
                 : OutputValue::Type::String;
  out.text = value_text(v);
  return out;
}

}  // namespace

struct Evaluator::Impl {
  explicit Impl(RuleSet r) : rules(std::move(r)), scratch(*rules.impl().engine) {}
  RuleSet rules;
  runtime::Scratch scratch;
  std::vector<std::uint32_t> matched;
  std::vector<Alert> alerts;
};

Evaluator::Evaluator(RuleSet rules) : impl_(std::make_unique<Impl>(std::move(rules))) {}
Evaluator::~Evaluator() = default;

const RuleSet& Evaluator::rules() const { return impl_->rules; }

std::span<const Alert> Evaluator::evaluate(const Event& event) {
  auto& s = *impl_;
  const auto& rs = s.rules.impl();
  s.matched.clear();
  s.alerts.clear();
  runtime::match(*rs.engine, event, s.scratch, s.matched);
  for (const auto index : s.matched) {
    const auto& rule = rs.program->rules[index];
    Alert a;
    a.rule_index = index;
    a.rule = &rs.infos[index];
    for (const auto field : rule.columns) {
      bool present = false;
      const auto values = runtime::field_values(*rs.engine, field, s.scratch, present);
      a.columns.push_back({rs.program->fields[field].name, output_of(values, present)});
    }
    s.alerts.push_back(std::move(a));
  }
  return s.alerts;
}

}  // namespace sigma
