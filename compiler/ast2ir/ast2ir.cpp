#include "compiler/ast2ir/ast2ir.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "compiler/ast2ir/detection2ir.hpp"
#include "compiler/ast2ir/extension2ir.hpp"
#include "compiler/ir/simplify.hpp"

namespace sigma::ast2ir {
namespace {

namespace code = diag::code;

ir::Rule rule_header(const ast::Rule& r) {
  ir::Rule out;
  out.id = r.id;
  out.name = r.name;
  out.title = r.title;
  out.level = r.level;
  out.status = r.status;
  out.file = r.file;
  out.description = r.description;
  out.author = r.author;
  out.date = r.date;
  out.modified = r.modified;
  out.tags = r.tags;
  out.references = r.references;
  out.falsepositives = r.falsepositives;
  out.fields = r.fields;
  out.logsource = {r.logsource.category, r.logsource.product, r.logsource.service};
  return out;
}

// A filter applies to a rule when every logsource key it sets agrees with the rule's.
bool logsource_covers(const ast::Logsource& filter, const ir::Logsource& rule) {
  return (filter.category.empty() || filter.category == rule.category) &&
         (filter.product.empty() || filter.product == rule.product) &&
         (filter.service.empty() || filter.service == rule.service);
}

bool parse_number(std::string_view s, double& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

Lowering::Lowering(const modifiers::PlaceholderResolver* placeholders)
    : program_(std::make_shared<ir::Program>()), placeholders_(placeholders) {}

bool Lowering::add(const ast::Rule& rule, diag::Sink& diags) {
  modifiers::ItemContext ctx{program_->fields, program_->leaves, diags, placeholders_};
  switch (rule.kind) {
    case ast::Rule::Kind::Detection: {
      auto det = compile_detection(rule.selections, rule.conditions, rule.required, ctx);
      if (!det) return false;
      ir::Rule out = rule_header(rule);
      out.condition = std::move(det->condition);
      out.selections = std::move(det->selections);
      if (!compile_extension(rule, program_->fields, program_->leaves, out, diags)) return false;
      program_->rules.push_back(std::move(out));
      return true;
    }
    case ast::Rule::Kind::Filter: {
      const auto& f = *rule.filter;
      auto det = compile_detection(f.selections, f.conditions, rule.required, ctx);
      if (!det) return false;
      filters_.push_back({rule, std::move(det->condition)});
      return true;
    }
    case ast::Rule::Kind::Correlation:
      correlations_.push_back(rule);
      return true;
  }
  return false;
}

std::shared_ptr<ir::Program> Lowering::finish(diag::Sink& diags) {
  auto& rules = program_->rules;
  std::multimap<std::string, std::uint32_t> by_ref;  // id and name -> rule index
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].id.empty()) by_ref.emplace(rules[i].id, i);
    if (!rules[i].name.empty()) by_ref.emplace(rules[i].name, i);
  }
  for (const auto& f : filters_) {
    diags.set_file(f.rule.file);
    for (const auto& ref : f.rule.filter->rules) {
      const auto [lo, hi] = by_ref.equal_range(ref.value);
      if (lo == hi)
        diags.warning(code::kUnknownRuleReference, ref.pos,
                      "filter names rule `" + ref.value + "`, which is not loaded");
      for (auto it = lo; it != hi; ++it) {
        auto& target = rules[it->second];
        if (!logsource_covers(f.rule.logsource, target.logsource)) continue;
        target.condition =
            ir::simplify(ir::Node::make(ir::Op::And, {std::move(target.condition), f.condition}));
      }
    }
  }
  for (const auto& c : correlations_) {
    diags.set_file(c.file);
    const auto& ac = *c.correlation;
    ir::Correlation out;
    out.id = c.id;
    out.name = c.name;
    out.title = c.title;
    out.level = c.level;
    out.type = ac.type.value;
    out.group_by = ac.group_by;
    out.timespan_seconds = ac.timespan_seconds;
    out.generate = ac.generate;
    bool ok = true;
    for (const auto& ref : ac.rules) {
      const auto [lo, hi] = by_ref.equal_range(ref.value);
      if (lo == hi) {
        diags.error(code::kUnknownRuleReference, ref.pos,
                    "correlation names rule `" + ref.value + "`, which is not loaded",
                    "load the rule it correlates together with it", 
                    static_cast<std::uint32_t>(ref.value.size()));
        ok = false;
      }
      for (auto it = lo; it != hi; ++it) out.rules.push_back(it->second);
    }
    for (const auto& [op, value] : ac.condition) {
      if (op == "field") {
        out.field = value.value;
        continue;
      }
      double n = 0;
      if (!parse_number(value.value, n)) {
        diags.error(code::kCorrelation, value.pos,
                    "correlation condition `" + op + "` needs a number, not `" + value.value + "`");
        ok = false;
        continue;
      }
      if (op == "neq") out.not_equal.push_back(n);
      else if (op == "eq") out.condition.emplace_back(ir::CmpOp::Eq, n);
      else if (op == "gt") out.condition.emplace_back(ir::CmpOp::Gt, n);
      else if (op == "gte") out.condition.emplace_back(ir::CmpOp::Gte, n);
      else if (op == "lt") out.condition.emplace_back(ir::CmpOp::Lt, n);
      else if (op == "lte") out.condition.emplace_back(ir::CmpOp::Lte, n);
    }
    if (out.type == "value_count" && out.field.empty()) {
      diags.error(code::kCorrelation, ac.pos, "a value_count correlation needs `condition.field`");
      ok = false;
    }
    if (ok) program_->correlations.push_back(std::move(out));
  }
  return program_;
}

}  // namespace sigma::ast2ir
