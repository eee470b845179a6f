// Internal to the pipeline: what applying a pipeline to one rule keeps track of, and the
// functions the transformations share.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/apply.hpp"

namespace sigma::pipeline::detail {

// std::visit over a set of lambdas.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// An item's fields: `field`, then those a one-to-many mapping added.
inline std::vector<std::string> fields_of(const ast::DetectionItem& d) {
  std::vector<std::string> out{d.field};
  out.insert(out.end(), d.more_fields.begin(), d.more_fields.end());
  return out;
}

// Sets the item's fields from a list fields_of() gave (not empty).
inline void set_fields(ast::DetectionItem& d, const std::vector<std::string>& names) {
  d.field = names.front();
  d.more_fields.assign(names.begin() + 1, names.end());
}

struct RuleContext {
  ast::Rule& rule;
  const Resolved& pipeline;
  diag::Sink& diags;
  std::map<std::string, std::string, std::less<>> state;  // set_state, reset for every rule
  // The processing items that renamed a field, by its current name (processing_item_applied
  // on field names; carried across renames).
  std::map<std::string, std::vector<std::string>, std::less<>> field_applied;
  std::size_t added_selections = 0;
  bool refused = false;

  void refuse(ast::Pos pos, std::string message, std::string help = {}) {
    refused = true;
    diags.error(diag::code::kPipelineRuleFailure, pos, std::move(message), std::move(help));
  }
};

// --- conditions.cpp
bool evaluate(const CondExpr& e, const auto& leaf) {
  switch (e.op) {
    case CondExpr::Op::True: return true;
    case CondExpr::Op::False: return false;
    case CondExpr::Op::Leaf: return leaf(e.leaf);
    case CondExpr::Op::Not: return !evaluate(e.kids.front(), leaf);
    case CondExpr::Op::And:
      for (const auto& k : e.kids)
        if (!evaluate(k, leaf)) return false;
      return true;
    case CondExpr::Op::Or:
      for (const auto& k : e.kids)
        if (evaluate(k, leaf)) return true;
      return false;
  }
  return false;
}

bool rule_matches(const ProcessingItem& item, const RuleContext& ctx);
bool detection_item_matches(const ProcessingItem& item, const ast::DetectionItem& d,
                            const RuleContext& ctx);
// Field name conditions on one name ("" for keyword items).
bool field_matches(const ProcessingItem& item, std::string_view field, const RuleContext& ctx);

bool has_modifier(const ast::DetectionItem& d, std::string_view name);

// --- detection_items.cpp: the transformations that act on detection items.
void transform_detection_items(const ProcessingItem& item, RuleContext& ctx);

// --- apply.cpp
void apply_item(const ProcessingItem& item, RuleContext& ctx);

}  // namespace sigma::pipeline::detail
