// Applying a merged pipeline to one rule: the item loop, rule conditions and the rule-level
// transformations (add_condition, change_logsource, fields, state, failures, nest).
#include "compiler/pipeline/apply.hpp"

#include <algorithm>
#include <variant>

#include "compiler/pipeline/apply_context.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"

namespace sigma::pipeline {
namespace detail {
namespace {

// `$category`, `${product}`... in a template value; a part the rule lacks becomes "None", as
// Python's string.Template does with pySigma's None values.
std::string fill_template(std::string s, const ast::Logsource& ls) {
  const std::pair<std::string_view, const std::string*> parts[] = {
      {"category", &ls.category}, {"product", &ls.product}, {"service", &ls.service}};
  for (const auto& [name, value] : parts) {
    const std::string with = value->empty() ? "None" : *value;
    for (const auto& key : {"${" + std::string(name) + "}", "$" + std::string(name)}) {
      for (std::size_t i = 0; (i = s.find(key, i)) != std::string::npos; i += with.size())
        s.replace(i, key.size(), with);
    }
  }
  return s;
}

void fill_templates(ast::YamlNode& n, const ast::Logsource& ls) {
  if (n.kind == ast::YamlNode::Kind::Scalar) n.scalar = fill_template(n.scalar, ls);
  for (auto& i : n.items) fill_templates(i, ls);
  for (auto& e : n.entries) fill_templates(e.second, ls);
}

void add_condition(const AddCondition& t, const ProcessingItem& item, RuleContext& ctx) {
  auto& r = ctx.rule;
  if (r.kind != ast::Rule::Kind::Detection) return;  // filters join rules that already have it
  const auto taken = [&](const std::string& n) {
    return std::any_of(r.selections.begin(), r.selections.end(),
                       [&](const ast::Selection& s) { return s.name.value == n; });
  };
  std::string name = t.name;
  if (name.empty() || taken(name)) {
    do name = "_cond_" + std::to_string(++ctx.added_selections);
    while (taken(name));
  }
  ast::YamlNode conditions = t.conditions;
  if (t.templated) fill_templates(conditions, r.logsource);
  ast::Selection sel;
  if (!yaml2ast::build_selection({name, item.pos}, conditions, sel, ctx.diags)) {
    ctx.refused = true;
    return;
  }
  r.selections.push_back(std::move(sel));
  r.required.push_back({name, t.negated});
}

void change_logsource(const ChangeLogsource& t, RuleContext& ctx) {
  auto& r = ctx.rule;
  if (r.kind == ast::Rule::Kind::Correlation) return;
  // pySigma replaces the whole logsource: a part the transformation omits is cleared.
  const auto pos = r.logsource.pos;
  r.logsource = {};
  r.logsource.pos = pos;
  r.logsource.category = t.category.value_or("");
  r.logsource.product = t.product.value_or("");
  r.logsource.service = t.service.value_or("");
}

void fields_attribute(const FieldsAttribute& t, RuleContext& ctx) {
  auto& fields = ctx.rule.fields;
  switch (t.op) {
    case FieldsAttribute::Op::Add:
      fields.insert(fields.end(), t.fields.begin(), t.fields.end());
      break;
    case FieldsAttribute::Op::Remove:
      std::erase_if(fields, [&](const std::string& f) {
        return std::find(t.fields.begin(), t.fields.end(), f) != t.fields.end();
      });
      break;
    case FieldsAttribute::Op::Set:
      fields = t.fields;
      break;
  }
}

void set_custom_attribute(const SetCustomAttribute& t, const ProcessingItem& item,
                          RuleContext& ctx) {
  ast::YamlNode value;
  value.kind = ast::YamlNode::Kind::Scalar;
  value.style = ast::YamlNode::Style::Quoted;
  value.scalar = t.value;
  value.pos = value.content = item.pos;
  for (auto& [k, v] : ctx.rule.custom) {
    if (k.value == t.attribute) {
      v = std::move(value);
      return;
    }
  }
  ctx.rule.custom.emplace_back(ast::Located<std::string>{t.attribute, item.pos}, std::move(value));
}

}  // namespace

void apply_item(const ProcessingItem& item, RuleContext& ctx) {
  if (!rule_matches(item, ctx)) return;
  auto& r = ctx.rule;
  if (!item.id.empty()) r.applied.push_back(item.id);
  std::visit(Overloaded{
                 [&](const AddCondition& t) { add_condition(t, item, ctx); },
                 [&](const ChangeLogsource& t) { change_logsource(t, ctx); },
                 [&](const FieldsAttribute& t) { fields_attribute(t, ctx); },
                 [&](const SetState& t) { ctx.state[t.key] = t.value; },
                 [&](const SetCustomAttribute& t) { set_custom_attribute(t, item, ctx); },
                 [&](const Nest& t) {
                   for (const auto& nested : t.items) apply_item(nested, ctx);
                 },
                 [&](const Failure& t) {
                   if (t.rule)
                     ctx.refuse(r.pos, t.message,
                                "processing item `" + item.id + "` refuses this rule");
                   else
                     transform_detection_items(item, ctx);
                 },
                 [&](const auto&) { transform_detection_items(item, ctx); },
             },
             item.transformation);
}

}  // namespace detail

Resolved merge(std::vector<Pipeline> pipelines) {
  std::stable_sort(pipelines.begin(), pipelines.end(),
                   [](const Pipeline& a, const Pipeline& b) { return a.priority < b.priority; });
  Resolved out;
  for (auto& p : pipelines) {
    out.names.push_back(p.name.empty() ? p.file : p.name);
    for (auto& item : p.items) out.items.push_back(std::move(item));
    for (auto& var : p.vars) {
      const auto it = std::find_if(out.vars.begin(), out.vars.end(),
                                   [&](const auto& v) { return v.first == var.first; });
      if (it != out.vars.end()) it->second = std::move(var.second);
      else out.vars.push_back(std::move(var));
    }
  }
  return out;
}

bool Applier::apply(ast::Rule& rule, diag::Sink& diags) const {
  detail::RuleContext ctx{rule, p_, diags, {}, {}, 0, false};
  for (const auto& item : p_.items) {
    detail::apply_item(item, ctx);
    if (ctx.refused) return false;
  }
  return true;
}

}  // namespace sigma::pipeline
