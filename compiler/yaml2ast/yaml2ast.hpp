// Sigma YAML -> rule AST.
//
// This file's external interface is load_rules(): one file's text (a single rule, or a rule
// collection of several documents with `action: global|reset|repeat`) becomes ast::Rules, with
// every problem reported to the sink and every good rule kept.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"

namespace sigma::yaml2ast {

// `file` names the source in the rules and diagnostics. Rules whose attributes have errors are
// returned with `refused` set, so their detection can still be checked.
std::vector<ast::Rule> load_rules(std::string_view file, std::string_view text, diag::Sink& diags);

// One document (already merged with its collection's global part) -> rule. Returns false when
// the document is refused.
bool build_rule(const ast::YamlNode& doc, ast::Rule& out, diag::Sink& diags);

// One search identifier (`name: map | list of maps | keywords`), as in a detection section.
// Used by processing pipelines to build the selections they add. Returns false on errors.
bool build_selection(const ast::Located<std::string>& name, const ast::YamlNode& value,
                     ast::Selection& out, diag::Sink& diags);

// Splits a detection key `field|mod1|mod2` into field and modifiers, with positions.
void split_field_key(const ast::Located<std::string>& key, ast::DetectionItem& item);

}  // namespace sigma::yaml2ast
