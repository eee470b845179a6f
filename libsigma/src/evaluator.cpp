#include <sigma/sigma.hpp>

#include "compiler/expr/expr_eval.hpp"
#include "compiler/expr/expr_format.hpp"
#include "libsigma/src/ruleset_impl.hpp"
#include "runtime/index/rule_index.hpp"
#include "runtime/text/equal_bytes.hpp"
#include "runtime/text/time_text.hpp"

namespace sigma {
namespace {

// Writes `v` into `out`, reusing the memory `out` already holds (a recycled alert's).
void output_into(const expr::Value& v, OutputValue& out) {
  out.text.clear();
  out.list.clear();
  switch (v.kind) {
    case expr::Value::Kind::Null:
      out.type = OutputValue::Type::Null;
      return;
    case expr::Value::Kind::Bool:
      out.type = OutputValue::Type::Bool;
      break;
    case expr::Value::Kind::Int:
    case expr::Value::Kind::Float:
      out.type = OutputValue::Type::Number;
      break;
    case expr::Value::Kind::String:
      out.type = OutputValue::Type::String;
      break;
    case expr::Value::Kind::Multi:
      out.type = OutputValue::Type::List;
      out.list = expr::to_list(v);
      return;
  }
  expr::append_text(out.text, v);
}

// Splunk shows _time as a time, whatever the log wrote; we show ISO 8601 UTC.
void normalize_time(OutputValue& v) {
  if (v.type != OutputValue::Type::String && v.type != OutputValue::Type::Number) return;
  if (auto iso = text::iso_utc(v.text)) {
    v.type = OutputValue::Type::String;
    v.text = std::move(*iso);
  }
}

}  // namespace

struct Evaluator::Impl final : expr::Context {
  explicit Impl(RuleSet r) : rules(std::move(r)), scratch(*rules.impl().engine) {}

  // expr::Context: what eval / where expressions see of the current event.
  std::span<const Value> field(std::uint32_t id, bool& present) const override {
    return runtime::field_values(*rules.impl().engine, id, scratch, present);
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

  void column(const ir::Column& c, OutputValue& out) {
    if (c.source == ir::Column::Source::Variable) return output_into(variables[c.index], out);
    bool present = false;
    const auto values = runtime::field_values(*rules.impl().engine, c.index, scratch, present);
    output_into(expr::event_value(values, exprs.scratch()), out);
  }

  // The rule index for `source`: the last one used when the source did not change, else from
  // this Evaluator's own cache, else from the RuleSet's shared table.
  const runtime::RuleIndex& index_for(const EventSource& source) {
    if (last != nullptr && last->fits(source)) return *last->index;
    return find_index(source);
  }

  [[gnu::noinline]] const runtime::RuleIndex& find_index(const EventSource& source) {
    for (const Route& r : routes)
      if (r.fits(source)) {
        last = &r;
        return *r.index;
      }
    const auto& index = rules.impl().routes->get({source.category, source.product, source.service});
    routes.push_back({std::string(source.category), std::string(source.product),
                      std::string(source.service), &index});
    last = &routes.back();
    return index;
  }

  struct Route {
    std::string category, product, service;
    const runtime::RuleIndex* index;

    // Sizes first: most sources leave a name empty, and then nothing is compared for it.
    bool fits(const EventSource& s) const {
      return category.size() == s.category.size() && product.size() == s.product.size() &&
             service.size() == s.service.size() &&
             text::equal_bytes(category.data(), s.category.data(), category.size()) &&
             text::equal_bytes(product.data(), s.product.data(), product.size()) &&
             text::equal_bytes(service.data(), s.service.data(), service.size());
    }
  };
  std::vector<Route> routes;
  const Route* last = nullptr;  // into routes

  RuleSet rules;
  mutable runtime::Scratch scratch;
  runtime::IndexScratch iscratch;
  expr::Evaluator exprs;
  std::vector<expr::Value> variables;
  const ir::Rule* rule = nullptr;  // the rule whose extension is running
  std::vector<std::uint32_t> matched;
  std::vector<Alert> alerts;
  std::vector<Alert> spare;  // recycled alerts, whose memory the next alerts reuse
  static constexpr std::size_t kMaxSpare = 4096;
};

Evaluator::Evaluator(RuleSet rules) : impl_(std::make_unique<Impl>(std::move(rules))) {}
Evaluator::~Evaluator() = default;

const RuleSet& Evaluator::rules() const { return impl_->rules; }

std::span<Alert> Evaluator::evaluate(const Event& event) { return evaluate(event, {}); }

std::span<Alert> Evaluator::evaluate(const Event& event, const EventSource& source) {
  auto& s = *impl_;
  const auto& rs = s.rules.impl();
  // Alerts the caller left in place are reused like recycled ones (moved-out ones hold nothing).
  for (Alert& a : s.alerts)
    if (a.columns.capacity() > 0 && s.spare.size() < Impl::kMaxSpare)
      s.spare.push_back(std::move(a));
  s.alerts.clear();
  const runtime::RuleIndex& routed = s.index_for(source);
  // Most events of a small index stop at its raw-text gate: nothing is set up for them.
  if (runtime::ruled_out(routed, event)) return s.alerts;
  s.matched.clear();
  s.exprs.reset();
  runtime::match(*rs.engine, routed, event, s.scratch, s.iscratch, s.matched, true);
  for (const auto index : s.matched) {
    const auto& rule = rs.program->rules[index];
    s.rule = &rule;
    if (rule.extension && !s.run_extension(*rule.extension)) continue;
    Alert& a = s.alerts.emplace_back();
    if (!s.spare.empty()) {
      a = std::move(s.spare.back());
      s.spare.pop_back();
    }
    a.rule_index = index;
    a.rule = &rs.infos[index];
    a.columns.resize(rule.columns.size());
    for (std::size_t i = 0; i < rule.columns.size(); ++i) {
      const ir::Column& c = rule.columns[i];
      OutputColumn& out = a.columns[i];
      out.name = c.name;
      s.column(c, out.value);
      if (c.name == "_time") normalize_time(out.value);
    }
  }
  return s.alerts;
}

void Evaluator::recycle(Alert&& alert) {
  if (impl_->spare.size() < Impl::kMaxSpare) impl_->spare.push_back(std::move(alert));
}

}  // namespace sigma
