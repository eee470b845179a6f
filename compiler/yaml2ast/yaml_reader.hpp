// YAML text -> YamlNode documents. The only file of the project that sees the YAML parser
// (libyaml, the parser under PyYAML and so under pySigma).
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"

namespace sigma::yaml2ast {

// Parses every document of `text`. A syntax error is reported (S0001) with its position and no
// document is returned. Duplicate keys in a map are warned about (the last
// one wins, as in PyYAML).
std::vector<ast::YamlNode> read_documents(std::string_view text, diag::Sink& diags);

}  // namespace sigma::yaml2ast
