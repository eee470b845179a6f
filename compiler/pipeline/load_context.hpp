// Internal to the pipeline loader: reading typed parameters out of YAML nodes, with errors.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/pipeline.hpp"

namespace sigma::pipeline::detail {

class LoadContext {
 public:
  explicit LoadContext(diag::Sink& diags) : diags_(diags) {}

  bool ok() const { return errors_ == 0; }
  void error(ast::Pos pos, std::string message, std::string help = {},
             const char* code = diag::code::kPipeline);

  // A scalar parameter (numbers and booleans as written). nullopt, with an error, otherwise.
  std::optional<std::string> text(const ast::YamlNode& v, std::string_view what);
  // A string or a list of strings.
  std::vector<std::string> text_list(const ast::YamlNode& v, std::string_view what);
  // true / false (YAML 1.1 spellings too).
  bool flag(const ast::YamlNode& v, std::string_view what);
  // A map of name -> string or list of strings (field mappings and the like).
  NameMap name_map(const ast::YamlNode& v, std::string_view what);
  // An RE2 pattern; `anchored` matches at the start only, as Python's re.match does.
  std::shared_ptr<const re2::RE2> regex(const ast::YamlNode& v, bool anchored);
  CmpOp cmp_op(const ast::YamlNode& v);

  // Conditions of the three kinds, with their `_op`, `_not` and `_expr` keys.
  void rule_conditions(const ast::YamlNode& item, ProcessingItem& out);
  void item_conditions(const ast::YamlNode& item, ProcessingItem& out);
  void field_conditions(const ast::YamlNode& item, ProcessingItem& out);

 private:
  template <class C, class Parse>
  void conditions(const ast::YamlNode& item, std::string_view prefix, std::vector<C>& out,
                  CondExpr& expr, bool guard_empty, Parse parse);
  CondExpr expression(const ast::YamlNode& text, const std::vector<std::string>& names);

  bool rule_condition(const ast::YamlNode& v, RuleCondition& c);
  bool item_condition(const ast::YamlNode& v, ItemCondition& c);
  bool field_condition(const ast::YamlNode& v, FieldCondition& c);
  template <class C>
  bool state_condition(const ast::YamlNode& v, C& c);

  diag::Sink& diags_;
  std::size_t errors_ = 0;
};

// Reads one processing item's transformation from the keys the item does not reserve.
bool load_transformation(const ast::YamlNode& item, const std::string& type, LoadContext& ctx,
                         ProcessingItem& out, diag::Sink& diags);

// A processing item (id, type, conditions, transformation).
std::optional<ProcessingItem> load_item(const ast::YamlNode& item, LoadContext& ctx,
                                        diag::Sink& diags);

}  // namespace sigma::pipeline::detail
