// The IR's text form: stable, readable, one leaf per line. `sigmac compile --emit ir` prints it
// and the golden tests compare it, so change it only together with the golden files.
#pragma once

#include <string>

#include "compiler/ir/ir.hpp"

namespace sigma::ir {

// One leaf: `contains CommandLine "whoami"`, `regex|i a0 /^ku/`, `lt EventID 5`, ...
std::string dump_leaf(const Program& program, const Leaf& leaf);

// A tree, indented by `indent` levels of two spaces, one line per node.
std::string dump_node(const Program& program, const Node& node, int indent = 0);

// A whole rule: header, logsource, condition tree.
std::string dump_rule(const Program& program, const Rule& rule);

// Every rule of the program, separated by blank lines.
std::string dump_program(const Program& program);

// A string literal with escapes, between double quotes.
std::string quote(std::string_view s);

}  // namespace sigma::ir
