// Loading the conditions of processing items: rule, detection item and field name conditions,
// as a list combined with `_op` / `_not`, or as a map named in a `_expr` boolean expression.
#include <re2/re2.h>

#include <algorithm>
#include <initializer_list>

#include "compiler/diag/edit_distance.hpp"
#include "compiler/pipeline/load_context.hpp"
#include "runtime/match/regex_compile.hpp"

namespace sigma::pipeline::detail {
namespace {

using Kind = ast::YamlNode::Kind;


// "did you mean" over a fixed list of names.
std::string suggest(std::string_view name, std::initializer_list<std::string_view> known) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto k : known) {
    const auto d = diag::edit_distance(name, k);
    if (d < best_d) best_d = d, best = k;
  }
  if (!best.empty()) return "did you mean `" + best + "`?";
  std::string all = "known:";
  for (const auto k : known) all += " " + std::string(k);
  return all;
}

// Parser of `_expr` strings: identifiers, not / and / or, parentheses (not > and > or).
class ExprParser {
 public:
  ExprParser(std::string_view text, const std::vector<std::string>& names)
      : t_(text), names_(names), used_(names.size(), false) {}

  std::optional<CondExpr> parse(std::string& error, std::size_t& offset) {
    auto e = disjunction();
    skip();
    if (e && i_ != t_.size()) fail("unexpected `" + std::string(t_.substr(i_, 1)) + "`");
    if (!e || !error_.empty()) {
      error = error_.empty() ? "syntax error" : error_;
      offset = error_at_;
      return std::nullopt;
    }
    for (std::size_t k = 0; k < names_.size(); ++k)
      if (!used_[k]) {
        error = "condition `" + names_[k] + "` is defined but not used in the expression";
        offset = 0;
        return std::nullopt;
      }
    return e;
  }

 private:
  void skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n')) ++i_;
  }
  static bool ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  }
  std::string_view word() {
    skip();
    std::size_t j = i_;
    while (j < t_.size() && ident_char(t_[j])) ++j;
    return t_.substr(i_, j - i_);
  }
  bool keyword(std::string_view k) {
    if (word() != k) return false;
    i_ += k.size();
    return true;
  }
  void fail(std::string message) {
    if (!error_.empty()) return;
    error_ = std::move(message);
    error_at_ = i_;
  }

  std::optional<CondExpr> disjunction() { return chain("or", CondExpr::Op::Or, &ExprParser::conjunction); }
  std::optional<CondExpr> conjunction() { return chain("and", CondExpr::Op::And, &ExprParser::negation); }

  std::optional<CondExpr> chain(std::string_view kw, CondExpr::Op op,
                                std::optional<CondExpr> (ExprParser::*next)()) {
    auto first = (this->*next)();
    if (!first) return std::nullopt;
    CondExpr out{op, 0, {std::move(*first)}};
    while (keyword(kw)) {
      auto e = (this->*next)();
      if (!e) return std::nullopt;
      out.kids.push_back(std::move(*e));
    }
    if (out.kids.size() == 1) return std::move(out.kids.front());
    return out;
  }

  std::optional<CondExpr> negation() {
    if (keyword("not")) {
      auto e = negation();
      if (!e) return std::nullopt;
      return CondExpr{CondExpr::Op::Not, 0, {std::move(*e)}};
    }
    return primary();
  }

  std::optional<CondExpr> primary() {
    skip();
    if (i_ < t_.size() && t_[i_] == '(') {
      ++i_;
      auto e = disjunction();
      skip();
      if (!e) return std::nullopt;
      if (i_ >= t_.size() || t_[i_] != ')') return fail("missing `)`"), std::nullopt;
      ++i_;
      return e;
    }
    const auto w = word();
    if (w.empty() || w == "and" || w == "or" || w == "not")
      return fail(i_ >= t_.size() ? "expression ends early" : "expected a condition name"),
             std::nullopt;
    for (std::size_t k = 0; k < names_.size(); ++k) {
      if (names_[k] == w) {
        used_[k] = true;
        i_ += w.size();
        return CondExpr{CondExpr::Op::Leaf, k, {}};
      }
    }
    fail("unknown condition `" + std::string(w) + "`");
    return std::nullopt;
  }

  std::string_view t_;
  const std::vector<std::string>& names_;
  std::vector<bool> used_;
  std::size_t i_ = 0;
  std::string error_;
  std::size_t error_at_ = 0;
};

// The keys a condition of `type` may have, besides `type`.
bool check_keys(const ast::YamlNode& v, std::initializer_list<std::string_view> allowed,
                LoadContext& ctx) {
  bool ok = true;
  for (const auto& [k, value] : v.entries) {
    if (k.value == "type") continue;
    if (std::find(allowed.begin(), allowed.end(), k.value) != allowed.end()) continue;
    ctx.error(k.pos, "unknown parameter `" + k.value + "` for condition `" + v.find("type")->scalar + "`",
              allowed.size() ? suggest(k.value, allowed) : "this condition takes no parameters");
    ok = false;
  }
  return ok;
}

const ast::YamlNode* need(const ast::YamlNode& v, std::string_view key, LoadContext& ctx) {
  const auto* n = v.find(key);
  if (!n) ctx.error(v.pos, "condition `" + v.find("type")->scalar + "` needs `" + std::string(key) + "`");
  return n;
}

}  // namespace

void LoadContext::error(ast::Pos pos, std::string message, std::string help, const char* code) {
  ++errors_;
  diags_.error(code, pos, std::move(message), std::move(help));
}

std::optional<std::string> LoadContext::text(const ast::YamlNode& v, std::string_view what) {
  if (v.kind == Kind::Scalar) return v.scalar;
  error(v.pos, "`" + std::string(what) + "` must be a string");
  return std::nullopt;
}

std::vector<std::string> LoadContext::text_list(const ast::YamlNode& v, std::string_view what) {
  std::vector<std::string> out;
  if (v.kind == Kind::Scalar) {
    out.push_back(v.scalar);
  } else if (v.kind == Kind::Sequence) {
    for (const auto& x : v.items) {
      if (x.kind == Kind::Scalar) out.push_back(x.scalar);
      else error(x.pos, "`" + std::string(what) + "` must hold strings");
    }
  } else if (v.kind != Kind::Null) {
    error(v.pos, "`" + std::string(what) + "` must be a string or a list of strings");
  }
  return out;
}

bool LoadContext::flag(const ast::YamlNode& v, std::string_view what) {
  if (v.kind == Kind::Scalar && v.style == ast::YamlNode::Style::Plain) {
    const auto& s = v.scalar;
    if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "off") return false;
  }
  error(v.pos, "`" + std::string(what) + "` must be true or false");
  return false;
}

NameMap LoadContext::name_map(const ast::YamlNode& v, std::string_view what) {
  NameMap out;
  if (v.kind != Kind::Map) {
    error(v.pos, "`" + std::string(what) + "` must be a map of name: name (or a list of names)");
    return out;
  }
  for (const auto& [k, value] : v.entries) {
    auto targets = text_list(value, what);
    if (targets.empty() && value.kind == Kind::Sequence)
      error(value.pos, "`" + k.value + "` is mapped to an empty list", "map it to at least one name");
    out.emplace_back(k.value, std::move(targets));
  }
  return out;
}

std::shared_ptr<const re2::RE2> LoadContext::regex(const ast::YamlNode& v, bool anchored) {
  const auto s = text(v, "pattern");
  if (!s) return nullptr;
  std::shared_ptr<const re2::RE2> re = match::compile_regex(anchored ? "^(?:" + *s + ")" : *s);
  if (!re->ok()) {
    error(v.content, "invalid regular expression: " + re->error(), {}, diag::code::kInvalidRegex);
    return nullptr;
  }
  return re;
}

CmpOp LoadContext::cmp_op(const ast::YamlNode& v) {
  static const std::pair<std::string_view, CmpOp> kOps[] = {
      {"eq", CmpOp::Eq},   {"ne", CmpOp::Ne},   {"lt", CmpOp::Lt}, {"lte", CmpOp::Lte},
      {"gt", CmpOp::Gt},   {"gte", CmpOp::Gte}, {"in", CmpOp::In}, {"not_in", CmpOp::NotIn}};
  for (const auto& [name, op] : kOps)
    if (v.scalar == name) return op;
  error(v.content, "unknown comparison `" + v.scalar + "`", "use eq, ne, lt, lte, gt, gte, in or not_in");
  return CmpOp::Eq;
}

bool LoadContext::rule_condition(const ast::YamlNode& v, RuleCondition& c) {
  using K = RuleCondition::Kind;
  const std::string& type = v.find("type")->scalar;
  const auto str = [&](std::string_view key, std::string& out) {
    if (const auto* n = need(v, key, *this))
      if (auto s = text(*n, key)) out = *s;
  };
  if (type == "logsource") {
    c.kind = K::Logsource;
    check_keys(v, {"category", "product", "service"}, *this);
    if (const auto* n = v.find("category")) c.category = text(*n, "category");
    if (const auto* n = v.find("product")) c.product = text(*n, "product");
    if (const auto* n = v.find("service")) c.service = text(*n, "service");
    if (!c.category && !c.product && !c.service)
      error(v.pos, "a logsource condition needs a category, product or service");
  } else if (type == "contains_detection_item") {
    c.kind = K::ContainsDetectionItem;
    check_keys(v, {"field", "value"}, *this);
    str("field", c.field);
    str("value", c.value);
  } else if (type == "contains_field") {
    c.kind = K::ContainsField;
    check_keys(v, {"field"}, *this);
    str("field", c.field);
  } else if (type == "processing_item_applied") {
    c.kind = K::ProcessingItemApplied;
    check_keys(v, {"processing_item_id"}, *this);
    str("processing_item_id", c.value);
  } else if (type == "processing_state") {
    c.kind = K::ProcessingState;
    check_keys(v, {"key", "val", "op"}, *this);
    str("key", c.field);
    str("val", c.value);
    if (const auto* n = v.find("op")) c.op = cmp_op(*n);
  } else if (type == "is_sigma_rule" || type == "is_sigma_correlation_rule") {
    c.kind = type == "is_sigma_rule" ? K::IsSigmaRule : K::IsSigmaCorrelationRule;
    check_keys(v, {}, *this);
  } else if (type == "rule_attribute") {
    c.kind = K::RuleAttribute;
    check_keys(v, {"attribute", "value", "op"}, *this);
    str("attribute", c.field);
    str("value", c.value);
    if (const auto* n = v.find("op")) c.op = cmp_op(*n);
  } else if (type == "tag") {
    c.kind = K::Tag;
    check_keys(v, {"tag"}, *this);
    str("tag", c.value);
  } else {
    error(v.find("type")->content, "unknown rule condition `" + type + "`",
          suggest(type, {"logsource", "contains_detection_item", "contains_field",
                         "processing_item_applied", "processing_state", "is_sigma_rule",
                         "is_sigma_correlation_rule", "rule_attribute", "tag"}),
          diag::code::kPipelineUnknownTransformation);
    return false;
  }
  return true;
}

// processing_item_applied and processing_state, which detection item and field name conditions
// share. False when `v` is neither.
template <class C>
bool LoadContext::state_condition(const ast::YamlNode& v, C& c) {
  const std::string& type = v.find("type")->scalar;
  if (type == "processing_item_applied") {
    c.kind = C::Kind::ProcessingItemApplied;
    check_keys(v, {"processing_item_id"}, *this);
    if (const auto* n = need(v, "processing_item_id", *this)) c.value = n->scalar;
    return true;
  }
  if (type == "processing_state") {
    c.kind = C::Kind::ProcessingState;
    check_keys(v, {"key", "val", "op"}, *this);
    if (const auto* n = need(v, "key", *this)) c.key = n->scalar;
    if (const auto* n = need(v, "val", *this)) c.value = n->scalar;
    if (const auto* n = v.find("op")) c.op = cmp_op(*n);
    return true;
  }
  return false;
}

bool LoadContext::item_condition(const ast::YamlNode& v, ItemCondition& c) {
  using K = ItemCondition::Kind;
  const std::string& type = v.find("type")->scalar;
  const auto cond = [&] {
    const auto* n = need(v, "cond", *this);
    if (!n) return;
    if (n->scalar == "all") c.all = true;
    else if (n->scalar != "any") error(n->content, "`cond` must be `any` or `all`");
  };
  if (type == "match_string") {
    c.kind = K::MatchString;
    check_keys(v, {"cond", "pattern", "negate"}, *this);
    cond();
    if (const auto* n = need(v, "pattern", *this)) c.pattern = regex(*n, true);
    if (const auto* n = v.find("negate")) c.negate = flag(*n, "negate");
  } else if (type == "match_value") {
    c.kind = K::MatchValue;
    check_keys(v, {"cond", "value"}, *this);
    cond();
    if (const auto* n = need(v, "value", *this)) c.value = n->scalar;
  } else if (type == "contains_wildcard" || type == "is_null") {
    c.kind = type == "is_null" ? K::IsNull : K::ContainsWildcard;
    check_keys(v, {"cond"}, *this);
    cond();
  } else if (!state_condition(v, c)) {
    error(v.find("type")->content, "unknown detection item condition `" + type + "`",
          suggest(type, {"match_string", "match_value", "contains_wildcard", "is_null",
                         "processing_item_applied", "processing_state"}),
          diag::code::kPipelineUnknownTransformation);
    return false;
  }
  return true;
}

bool LoadContext::field_condition(const ast::YamlNode& v, FieldCondition& c) {
  using K = FieldCondition::Kind;
  const std::string& type = v.find("type")->scalar;
  if (type == "include_fields" || type == "exclude_fields") {
    c.kind = type == "include_fields" ? K::Include : K::Exclude;
    check_keys(v, {"fields", "mode"}, *this);
    bool re = false;
    if (const auto* m = v.find("mode")) {
      if (m->scalar == "re") re = true;
      else if (m->scalar != "plain") error(m->content, "`mode` must be `plain` or `re`");
    }
    if (const auto* n = need(v, "fields", *this)) {
      if (!re) {
        c.fields = text_list(*n, "fields");
      } else if (n->kind == Kind::Sequence) {
        for (const auto& x : n->items)
          if (auto r = regex(x, true)) c.patterns.push_back(std::move(r));
      } else if (auto r = regex(*n, true)) {
        c.patterns.push_back(std::move(r));
      }
    }
  } else if (!state_condition(v, c)) {
    error(v.find("type")->content, "unknown field name condition `" + type + "`",
          suggest(type, {"include_fields", "exclude_fields", "processing_item_applied",
                         "processing_state"}),
          diag::code::kPipelineUnknownTransformation);
    return false;
  }
  return true;
}

CondExpr LoadContext::expression(const ast::YamlNode& text,
                                 const std::vector<std::string>& names) {
  std::string message;
  std::size_t offset = 0;
  auto e = ExprParser(text.scalar, names).parse(message, offset);
  if (!e) {
    error(text.offset_pos(static_cast<std::uint32_t>(offset)), message);
    return {};
  }
  return std::move(*e);
}

// `<prefix>conditions` as a list (combined by `<prefix>cond_op`, default and) or as a map named
// in `<prefix>cond_expr`; `<prefix>cond_not` negates the result. `guard_empty`: no conditions
// at all means "always" whatever the other keys say (pySigma does this for rule conditions only).
template <class C, class Parse>
void LoadContext::conditions(const ast::YamlNode& item, std::string_view prefix,
                             std::vector<C>& out, CondExpr& expr, bool guard_empty, Parse parse) {
  const std::string p(prefix);
  const auto* list = item.find(p + "conditions");
  const auto* op = item.find(p + "cond_op");
  const auto* neg = item.find(p + "cond_not");
  const auto* text = item.find(p + "cond_expr");
  std::vector<std::string> names;
  const auto add = [&](const ast::YamlNode& c, std::string name) {
    if (c.kind != Kind::Map || !c.find("type") || c.find("type")->kind != Kind::Scalar) {
      error(c.pos, "a condition is a map with a `type`");
      return;
    }
    C parsed;
    if (parse(c, parsed)) {
      out.push_back(std::move(parsed));
      names.push_back(std::move(name));
    }
  };
  if (list && list->kind == Kind::Sequence) {
    for (const auto& c : list->items) add(c, {});
  } else if (list && list->kind == Kind::Map) {
    for (const auto& [k, c] : list->entries) add(c, k.value);
  } else if (list && list->kind != Kind::Null) {
    error(list->pos, "`" + p + "conditions` must be a list or a map of conditions");
  }
  if (text) {
    if (op) error(op->pos, "`" + p + "cond_op` and `" + p + "cond_expr` cannot be combined");
    if (!list || list->kind != Kind::Map)
      error(text->pos, "`" + p + "cond_expr` names the conditions of a map, not of a list",
            "write `" + p + "conditions` as a map of name: condition");
    else if (names.size() == list->entries.size())
      expr = expression(*text, names);
  } else {
    bool any = false;
    if (op) {
      if (op->scalar == "or") any = true;
      else if (op->scalar != "and") error(op->content, "`" + p + "cond_op` must be `and` or `or`");
    }
    expr = CondExpr{any ? CondExpr::Op::Or : CondExpr::Op::And, 0, {}};
    for (std::size_t i = 0; i < out.size(); ++i) expr.kids.push_back({CondExpr::Op::Leaf, i, {}});
    if (expr.kids.empty()) expr.op = any ? CondExpr::Op::False : CondExpr::Op::True;
  }
  if (neg && flag(*neg, p + "cond_not")) expr = CondExpr{CondExpr::Op::Not, 0, {std::move(expr)}};
  if (guard_empty && out.empty()) expr = CondExpr{};
}

void LoadContext::rule_conditions(const ast::YamlNode& item, ProcessingItem& out) {
  conditions(item, "rule_", out.rule_conditions, out.rule_expr, true,
             [&](const ast::YamlNode& v, RuleCondition& c) { return rule_condition(v, c); });
}

void LoadContext::item_conditions(const ast::YamlNode& item, ProcessingItem& out) {
  conditions(item, "detection_item_", out.item_conditions, out.item_expr, false,
             [&](const ast::YamlNode& v, ItemCondition& c) { return item_condition(v, c); });
}

void LoadContext::field_conditions(const ast::YamlNode& item, ProcessingItem& out) {
  conditions(item, "field_name_", out.field_conditions, out.field_expr, false,
             [&](const ast::YamlNode& v, FieldCondition& c) { return field_condition(v, c); });
}

}  // namespace sigma::pipeline::detail
