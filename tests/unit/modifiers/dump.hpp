// Test helpers: build detection items compactly and print what item_to_ir makes of them, one
// line per item (more compact than the IR printer, ir_dump.hpp, for one-line assertions).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/modifiers/item2ir.hpp"

namespace sigma::modifiers::test {

ast::Value S(std::string text);
ast::Value I(std::int64_t n);
ast::Value F(double d, std::string text);
ast::Value B(bool b);
ast::Value N();

// `key` is `field|mod|mod` as in YAML, the key at line 3 column 5. A single value is written
// on the key's line (column = 5 + key + 2); several go one per line from line 4, column 9.
ast::DetectionItem item(std::string key, std::vector<ast::Value> values);
// The same values written as a YAML list, even of one element.
ast::DetectionItem list_item(std::string key, std::vector<ast::Value> values);

// "exact", "prefix", "suffix", "contains", "glob".
const char* op_name(ir::StringOp op);
// `Image suffix "\cmd.exe"`, `or(...)`, `not(...)`.
std::string dump(const ir::Node& n, const ir::LeafTable& leaves, const ir::FieldTable& fields);

struct Outcome {
  std::string ir;                  // "refused" when item_to_ir returned nullopt
  std::vector<std::string> diags;  // "S0105 3:15 message" (help after " | help: ")
  std::string first_diag() const { return diags.empty() ? std::string() : diags.front(); }
};

Outcome compile(const ast::DetectionItem& item, const PlaceholderResolver* resolver = nullptr);

}  // namespace sigma::modifiers::test
