// Processing pipelines in pySigma's YAML format: what a pipeline file says, once loaded.
//
// A pipeline is an ordered list of processing items. Each item is one transformation (rename
// fields, add a condition, change the logsource, fill placeholders...) gated by conditions on
// the rule, on each detection item and on each field name. load.cpp builds this from YAML,
// apply.cpp runs it over rule ASTs before they are lowered to the IR.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "compiler/ast/rule_ast.hpp"

namespace re2 {
class RE2;
}

namespace sigma::pipeline {

// A boolean combination of an item's conditions of one kind, by index into its list.
struct CondExpr {
  enum class Op : std::uint8_t { True, False, Leaf, And, Or, Not };
  Op op = Op::True;
  std::size_t leaf = 0;
  std::vector<CondExpr> kids;
};

// A comparison of processing_state and rule_attribute conditions.
enum class CmpOp : std::uint8_t { Eq, Ne, Lt, Lte, Gt, Gte, In, NotIn };

// Conditions on the whole rule.
struct RuleCondition {
  enum class Kind : std::uint8_t {
    Logsource,              // category / product / service: each one given must be equal
    ContainsDetectionItem,  // some item on `field` has the value `value`
    ContainsField,          // some item is on `field`
    ProcessingItemApplied,  // the rule was changed by the processing item `value`
    ProcessingState,        // the pipeline state `field` compares to `value`
    IsSigmaRule,            // a detection rule
    IsSigmaCorrelationRule,
    RuleAttribute,          // the attribute `field` compares to `value`
    Tag,                    // the rule carries the tag `value`
  };
  Kind kind = Kind::Logsource;
  std::optional<std::string> category, product, service;
  std::string field, value;
  CmpOp op = CmpOp::Eq;
};

// Conditions on one detection item.
struct ItemCondition {
  enum class Kind : std::uint8_t {
    MatchString,            // string values match `pattern` (anchored at the start)
    MatchValue,             // values equal `value`
    ContainsWildcard,       // string values hold `*` or `?` wildcards
    IsNull,                 // values are null
    ProcessingItemApplied,  // the item was changed by the processing item `value`
    ProcessingState,        // the pipeline state `key` compares to `value`
  };
  Kind kind = Kind::MatchString;
  std::shared_ptr<const re2::RE2> pattern;
  bool all = false;     // cond: all, else any (over the item's values)
  bool negate = false;  // match_string: negate each value's match
  std::string key, value;
  CmpOp op = CmpOp::Eq;
};

// Conditions on one field name.
struct FieldCondition {
  enum class Kind : std::uint8_t { Include, Exclude, ProcessingItemApplied, ProcessingState };
  Kind kind = Kind::Include;
  std::vector<std::string> fields;                         // mode: plain
  std::vector<std::shared_ptr<const re2::RE2>> patterns;  // mode: re (anchored at the start)
  std::string key, value;
  CmpOp op = CmpOp::Eq;
};

// --- Transformations ---------------------------------------------------------------------

using NameMap = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct FieldNameMapping { NameMap mapping; };          // one to one, or one to many (OR)
struct FieldNamePrefixMapping { NameMap mapping; };    // prefix -> replacement prefix
struct FieldNamePrefix { std::string prefix; };
struct FieldNameSuffix { std::string suffix; };
struct DropDetectionItem {};
struct AddCondition {
  ast::YamlNode conditions;  // a detection map, built per rule (templates may differ)
  std::string name;          // of the added selection; `_cond_N` when not given
  bool negated = false;
  bool templated = false;    // $category / $product / $service in values
};
struct ChangeLogsource {
  std::optional<std::string> category, product, service;
};
struct ReplaceString {
  std::shared_ptr<const re2::RE2> regex;
  std::string replacement;  // \1 .. \9 refer to groups
  bool skip_special = false;       // replace in the plain runs only, leaving wildcards alone
  bool interpret_special = false;  // with skip_special: read the result as a Sigma string
};
struct MapString { NameMap mapping; };  // value -> value(s)
struct SetValue { ast::Value value; };
struct CaseChange { std::string method; };  // lower, upper, snake_case
struct Placeholders {
  bool wildcard = false;  // wildcard_placeholders: each handled placeholder becomes `*`
  std::vector<std::string> include, exclude;
};
struct Failure {
  bool rule = true;  // rule_failure, else detection_item_failure
  std::string message;
};
struct SetState { std::string key, value; };
struct FieldsAttribute {  // add_field / remove_field / set_field on the rule's `fields`
  enum class Op : std::uint8_t { Add, Remove, Set } op = Op::Add;
  std::vector<std::string> fields;
};
struct ConvertType { bool to_number = false; };
struct SetCustomAttribute { std::string attribute, value; };
struct ProcessingItem;
struct Nest { std::vector<ProcessingItem> items; };

using Transformation =
    std::variant<FieldNameMapping, FieldNamePrefixMapping, FieldNamePrefix, FieldNameSuffix,
                 DropDetectionItem, AddCondition, ChangeLogsource, ReplaceString, MapString,
                 SetValue, CaseChange, Placeholders, Failure, SetState, FieldsAttribute,
                 ConvertType, SetCustomAttribute, Nest>;

struct ProcessingItem {
  std::string id;
  std::string type;  // as written, for messages
  Transformation transformation;
  std::vector<RuleCondition> rule_conditions;
  CondExpr rule_expr;
  std::vector<ItemCondition> item_conditions;
  CondExpr item_expr;
  std::vector<FieldCondition> field_conditions;
  CondExpr field_expr;
  ast::Pos pos;
};

struct Pipeline {
  std::string name;
  std::string file;
  int priority = 0;
  std::vector<std::pair<std::string, std::vector<std::string>>> vars;
  std::vector<ProcessingItem> items;
};

}  // namespace sigma::pipeline
