// Evaluating processing item conditions on a rule, a detection item and a field name.
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "compiler/modifiers/sigma_string.hpp"
#include "compiler/pipeline/apply_context.hpp"

namespace sigma::pipeline::detail {
namespace {

std::optional<double> number(std::string_view s) {
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

// The rank of an ordered enum attribute (level, status), for lt/gt; -1 when unknown.
int rank(std::string_view attribute, std::string_view v) {
  static constexpr std::string_view kLevels[] = {"informational", "low", "medium", "high",
                                                 "critical"};
  static constexpr std::string_view kStatuses[] = {"unsupported", "deprecated", "experimental",
                                                   "test", "stable"};
  std::string lower(v);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto find = [&](const auto& list) {
    for (int i = 0; i < static_cast<int>(std::size(list)); ++i)
      if (list[i] == lower) return i;
    return -1;
  };
  if (attribute == "level") return find(kLevels);
  if (attribute == "status") return find(kStatuses);
  return -1;
}

bool compare(int c, CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return c == 0;
    case CmpOp::Ne: return c != 0;
    case CmpOp::Lt: return c < 0;
    case CmpOp::Lte: return c <= 0;
    case CmpOp::Gt: return c > 0;
    case CmpOp::Gte: return c >= 0;
    case CmpOp::In:
    case CmpOp::NotIn: return false;
  }
  return false;
}

// Compares two scalars: as numbers when both are, as enum ranks for level and status, else as
// text.
bool compare_scalar(std::string_view attribute, std::string_view have, std::string_view want,
                    CmpOp op) {
  if (op == CmpOp::In || op == CmpOp::NotIn) return false;
  const auto a = number(have), b = number(want);
  if (a && b) return compare(*a < *b ? -1 : *a > *b ? 1 : 0, op);
  const int ra = rank(attribute, have), rb = rank(attribute, want);
  if (ra >= 0 && rb >= 0) return compare(ra - rb, op);
  if (op != CmpOp::Eq && op != CmpOp::Ne && !(attribute == "date" || attribute == "modified"))
    return false;  // text has no order (ISO dates compare as text)
  return compare(have.compare(want), op);
}

bool state_matches(const RuleContext& ctx, const std::string& key, const std::string& value,
                   CmpOp op) {
  const auto it = ctx.state.find(key);
  return it != ctx.state.end() && compare_scalar({}, it->second, value, op);
}

const std::vector<std::string>* list_attribute(const ast::Rule& r, std::string_view a) {
  if (a == "tags") return &r.tags;
  if (a == "references") return &r.references;
  if (a == "falsepositives") return &r.falsepositives;
  if (a == "fields") return &r.fields;
  return nullptr;
}

std::optional<std::string> scalar_attribute(const ast::Rule& r, std::string_view a) {
  const std::pair<std::string_view, const std::string*> kText[] = {
      {"title", &r.title},     {"id", &r.id},           {"name", &r.name},
      {"status", &r.status},   {"level", &r.level},     {"description", &r.description},
      {"author", &r.author},   {"date", &r.date},       {"modified", &r.modified},
      {"license", &r.license}, {"taxonomy", &r.taxonomy}, {"scope", &r.scope}};
  for (const auto& [name, value] : kText)
    if (name == a) return value->empty() ? std::nullopt : std::optional<std::string>(*value);
  if (const auto* v = r.custom_attribute(a); v && v->kind == ast::YamlNode::Kind::Scalar)
    return v->scalar;
  return std::nullopt;
}

bool attribute_matches(const ast::Rule& r, const RuleCondition& c) {
  if (const auto* list = list_attribute(r, c.field)) {
    const bool in = std::find(list->begin(), list->end(), c.value) != list->end();
    if (c.op == CmpOp::In) return in;
    if (c.op == CmpOp::NotIn) return !in;
    return c.op == CmpOp::Ne;
  }
  const auto have = scalar_attribute(r, c.field);
  return have && compare_scalar(c.field, *have, c.value, c.op);
}

template <class F>
bool any_item(const ast::Rule& r, F&& f) {
  const auto scan = [&](const std::vector<ast::Selection>& sels) {
    for (const auto& s : sels)
      for (const auto& m : s.alternatives)
        for (const auto& i : m.items)
          if (f(i)) return true;
    return false;
  };
  return scan(r.selections) || (r.filter && scan(r.filter->selections));
}

bool has_field(const ast::DetectionItem& i, std::string_view field) {
  return i.field == field || std::find(i.more_fields.begin(), i.more_fields.end(), field) !=
                                 i.more_fields.end();
}

bool rule_condition(const RuleCondition& c, const RuleContext& ctx) {
  using K = RuleCondition::Kind;
  const auto& r = ctx.rule;
  switch (c.kind) {
    case K::Logsource: {
      // Each part the condition names must be equal (case-sensitively, as pySigma compares).
      const auto part = [](const std::optional<std::string>& want, const std::string& have) {
        return !want || (!have.empty() && *want == have);
      };
      return r.kind != ast::Rule::Kind::Correlation && part(c.category, r.logsource.category) &&
             part(c.product, r.logsource.product) && part(c.service, r.logsource.service);
    }
    case K::ContainsDetectionItem:
      return any_item(r, [&](const ast::DetectionItem& i) {
        if (!has_field(i, c.field)) return false;
        for (const auto& v : i.values)
          if (v.kind != ast::Value::Kind::Null && v.text == c.value) return true;
        return false;
      });
    case K::ContainsField:
      return any_item(r, [&](const ast::DetectionItem& i) { return has_field(i, c.field); });
    case K::ProcessingItemApplied:
      return std::find(r.applied.begin(), r.applied.end(), c.value) != r.applied.end();
    case K::ProcessingState:
      return state_matches(ctx, c.field, c.value, c.op);
    case K::IsSigmaRule:
      return r.kind == ast::Rule::Kind::Detection;
    case K::IsSigmaCorrelationRule:
      return r.kind == ast::Rule::Kind::Correlation;
    case K::RuleAttribute:
      return attribute_matches(r, c);
    case K::Tag:
      return std::find(r.tags.begin(), r.tags.end(), c.value) != r.tags.end();
  }
  return false;
}

bool value_condition(const ItemCondition& c, const ast::DetectionItem& d, const auto& test) {
  if (d.values.empty()) return c.all;
  for (const auto& v : d.values) {
    const bool m = test(v);
    if (c.all && !m) return false;
    if (!c.all && m) return true;
  }
  return c.all;
}

bool item_condition(const ItemCondition& c, const ast::DetectionItem& d, const RuleContext& ctx) {
  using K = ItemCondition::Kind;
  using VK = ast::Value::Kind;
  switch (c.kind) {
    case K::MatchString:
      return value_condition(c, d, [&](const ast::Value& v) {
        if (v.kind != VK::String) return c.negate;
        return RE2::PartialMatch(v.text, *c.pattern) != c.negate;
      });
    case K::MatchValue:
      return value_condition(c, d, [&](const ast::Value& v) {
        if (v.kind == VK::String) return v.text == c.value;
        const auto a = number(v.text), b = number(c.value);
        return v.kind != VK::Null && a && b && *a == *b;
      });
    case K::ContainsWildcard:
      return value_condition(c, d, [&](const ast::Value& v) {
        return v.kind == VK::String && modifiers::SigmaString::parse(v.text).has_wildcards();
      });
    case K::IsNull:
      return value_condition(c, d, [](const ast::Value& v) { return v.kind == VK::Null; });
    case K::ProcessingItemApplied:
      return std::find(d.applied.begin(), d.applied.end(), c.value) != d.applied.end();
    case K::ProcessingState:
      return state_matches(ctx, c.key, c.value, c.op);
  }
  return false;
}

bool field_condition(const FieldCondition& c, std::string_view field, const RuleContext& ctx) {
  using K = FieldCondition::Kind;
  switch (c.kind) {
    case K::Include:
    case K::Exclude: {
      bool in = false;
      if (!field.empty()) {
        in = std::find(c.fields.begin(), c.fields.end(), field) != c.fields.end();
        for (const auto& re : c.patterns) in = in || RE2::PartialMatch(field, *re);
      }
      return c.kind == K::Include ? in : !in;
    }
    case K::ProcessingItemApplied: {
      const auto it = ctx.field_applied.find(field);
      return it != ctx.field_applied.end() &&
             std::find(it->second.begin(), it->second.end(), c.value) != it->second.end();
    }
    case K::ProcessingState:
      return state_matches(ctx, c.key, c.value, c.op);
  }
  return false;
}

}  // namespace

bool has_modifier(const ast::DetectionItem& d, std::string_view name) {
  for (const auto& m : d.modifiers)
    if (m.value == name) return true;
  return false;
}

bool rule_matches(const ProcessingItem& item, const RuleContext& ctx) {
  return evaluate(item.rule_expr, [&](std::size_t i) {
    return rule_condition(item.rule_conditions[i], ctx);
  });
}

bool detection_item_matches(const ProcessingItem& item, const ast::DetectionItem& d,
                            const RuleContext& ctx) {
  const bool di = evaluate(item.item_expr, [&](std::size_t i) {
    return item_condition(item.item_conditions[i], d, ctx);
  });
  if (!di) return false;
  // A field name condition holds for an item when it holds for one of its fields, or for a
  // field a `fieldref` value names.
  const bool fieldref = has_modifier(d, "fieldref");
  return evaluate(item.field_expr, [&](std::size_t i) {
    const auto& c = item.field_conditions[i];
    if (field_condition(c, d.field, ctx)) return true;
    for (const auto& f : d.more_fields)
      if (field_condition(c, f, ctx)) return true;
    if (fieldref)
      for (const auto& v : d.values)
        if (field_condition(c, v.text, ctx)) return true;
    return false;
  });
}

bool field_matches(const ProcessingItem& item, std::string_view field, const RuleContext& ctx) {
  return evaluate(item.field_expr, [&](std::size_t i) {
    return field_condition(item.field_conditions[i], field, ctx);
  });
}

}  // namespace sigma::pipeline::detail
