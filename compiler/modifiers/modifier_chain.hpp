// A detection item's modifier chain (`field|contains|all`), parsed and checked.
//
// parse_chain() resolves every name (S0107 with a "did you mean" hint when unknown), rejects
// combinations that have no meaning (S0105, naming both modifiers), and sorts the chain into
// what the item's values become: strings transformed step by step, or one typed predicate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/ir/ir.hpp"

namespace sigma::modifiers {

enum class Mod : std::uint8_t {
  Contains,
  Startswith,
  Endswith,
  All,
  Neq,
  Cased,
  Exists,
  Windash,
  Expand,
  Utf16le,
  Utf16be,
  Utf16,
  Base64,
  Base64Offset,
  Re,
  ReI,
  ReM,
  ReS,
  Cidr,
  Lt,
  Lte,
  Gt,
  Gte,
  Minute,
  Hour,
  Day,
  Week,
  Month,
  Year,
  Fieldref,
};

struct Modifier {
  Mod mod = Mod::All;
  std::string name;  // as written (`wide` and `utf16le` are one Mod)
  ast::Pos pos;
};

// What an item's values are turned into.
enum class ValueType : std::uint8_t { String, Regex, Cidr, Number, Time, Exists, FieldRef };

struct ModifierChain {
  ValueType type = ValueType::String;
  std::string type_name;  // the modifier that chose a typed ValueType, for messages

  // String: the value transformations in rule order (contains startswith endswith windash
  // expand utf16* base64*).
  std::vector<Modifier> steps;

  bool all = false, neq = false, cased = false, expand = false;
  ast::Pos all_pos;
  bool re_i = false, re_m = false, re_s = false;  // Regex
  // contains/startswith/endswith if present: Contains, Prefix, Suffix; else Exact.
  ir::StringOp position = ir::StringOp::Exact;
  ir::CmpOp cmp = ir::CmpOp::Eq;           // Number, Time
  ir::TimePart part = ir::TimePart::Hour;  // Time
};

// Parses and checks `item.modifiers`; reports every problem to `diags`. nullopt when any of
// them is an error.
std::optional<ModifierChain> parse_chain(const ast::DetectionItem& item, diag::Sink& diags);

// "did you mean `contains`?" for an unknown name, or "" when nothing known is close.
std::string suggest_modifier(std::string_view unknown);

}  // namespace sigma::modifiers
