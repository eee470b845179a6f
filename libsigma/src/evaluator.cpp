#include <sigma/sigma.hpp>

#include "compiler/expr/expr_eval.hpp"
#include "compiler/expr/expr_format.hpp"
#include "libsigma/src/ruleset_impl.hpp"
#include "runtime/text/time_text.hpp"

namespace sigma {
namespace {

OutputValue output_of(const expr::Value& v) {
  OutputValue out;
  switch (v.kind) {
    case expr::Value::Kind::Null: return out;
    case expr::Value::Kind::Bool: out.type = OutputValue::Type::Bool; break;
    case expr::Value::Kind::Int:
    case expr::Value::Kind::Float: out.type = OutputValue::Type::Number; break;
    case expr::Value::Kind::String: out.type = OutputValue::Type::String; break;
    case expr::Value::Kind::Multi:
      out.type = OutputValue::Type::List;
      out.list = expr::to_list(v);
      return out;
  }
  out.text = expr::to_text(v);
  return out;
}

// Splunk shows _time as a time, whatever the log wrote; we show ISO 8601 UTC.
void normalize_time(OutputValue& v) {
  if (v.type != OutputValue::Type::String && v.type != OutputValue::Type::Number) return;
  if (auto iso = text::iso_utc(v.text)) {
    v.type = OutputValue::Type::String;
    v.text = std::move(*iso);
  }
}

bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

bool fits(const ir::Logsource& rule, const EventSource& source) {
  const auto part = [](std::string_view r, std::string_view s) {
    return r.empty() || s.empty() || same_word(r, s);
  };
  return part(rule.product, source.product) && part(rule.service, source.service) &&
         part(rule.category, source.category);
}

}  // namespace

struct Evaluator::Impl : expr::Context {
  explicit Impl(RuleSet r) : rules(std::move(r)), scratch(*rules.impl().engine) {}

  // expr::Context: what eval / where expressions see of the current event.
  bool field(std::uint32_t id, ValueSink& out) const override {
    bool present = false;
    for (const auto& v : runtime::field_values(*rules.impl().engine, id, scratch, present))
      out.value(v);
    return present;
  }
  expr::Value variable(std::uint32_t slot) const override { return variables[slot]; }
  bool selection(std::uint32_t index) const override {
    return runtime::eval_node(*rules.impl().engine, rule->selections[index].second, scratch);
  }

  // Runs the rule's extension; false when its `where` drops the alert.
  bool run_extension(const ir::Extension& ext) {
    variables.assign(ext.values.size(), expr::Value::null());
    for (std::size_t i = 0; i < ext.values.size(); ++i)
      variables[i] = exprs.evaluate(ext.values[i], *this);
    return ext.where.empty() || exprs.test(ext.where, *this);
  }

  OutputValue column(const ir::Column& c) {
    if (c.source == ir::Column::Source::Variable) return output_of(variables[c.index]);
    bool present = false;
    const auto values = runtime::field_values(*rules.impl().engine, c.index, scratch, present);
    return output_of(expr::event_value(values, exprs.scratch()));
  }

  RuleSet rules;
  mutable runtime::Scratch scratch;
  expr::Evaluator exprs;
  std::vector<expr::Value> variables;
  const ir::Rule* rule = nullptr;  // the rule whose extension is running
  std::vector<std::uint32_t> matched;
  std::vector<Alert> alerts;
};

Evaluator::Evaluator(RuleSet rules) : impl_(std::make_unique<Impl>(std::move(rules))) {}
Evaluator::~Evaluator() = default;

const RuleSet& Evaluator::rules() const { return impl_->rules; }

std::span<const Alert> Evaluator::evaluate(const Event& event) { return evaluate(event, {}); }

std::span<const Alert> Evaluator::evaluate(const Event& event, const EventSource& source) {
  auto& s = *impl_;
  const auto& rs = s.rules.impl();
  s.matched.clear();
  s.alerts.clear();
  s.exprs.reset();
  runtime::match(*rs.engine, event, s.scratch, s.matched);
  for (const auto index : s.matched) {
    const auto& rule = rs.program->rules[index];
    if (!fits(rule.logsource, source)) continue;
    s.rule = &rule;
    if (rule.extension && !s.run_extension(*rule.extension)) continue;
    Alert a;
    a.rule_index = index;
    a.rule = &rs.infos[index];
    for (const auto& c : rule.columns) {
      auto value = s.column(c);
      if (c.name == "_time") normalize_time(value);
      a.columns.push_back({c.name, std::move(value)});
    }
    s.alerts.push_back(std::move(a));
  }
  return s.alerts;
}

}  // namespace sigma
