// Output forms of a value: the text an SPL `table` cell shows, a list of values, JSON.
//
// Text: null is "" (an empty cell); numbers as SPL prints them (expr_value.hpp: `3`, `0.5`,
// `3.3333333333333335`); booleans "true" / "false" (SPL cannot store a boolean in a field;
// we keep it readable rather than refusing it); a multivalue's values joined by "\n", the way
// Splunk stacks them in one cell.
//
// JSON: null, true / false, numbers as JSON numbers (nan and infinities as null), strings
// (numeric text from a field stays a string, as Splunk's JSON output keeps it), a
// multivalue as an array of strings. Invalid UTF-8 bytes become U+FFFD so the output is
// always valid JSON.
#pragma once

#include <string>
#include <vector>

#include "compiler/expr/expr_value.hpp"

namespace sigma::expr {

std::string to_text(const Value& v);
void append_text(std::string& out, const Value& v);

// null: no values; a multivalue: its values; a scalar: its text.
std::vector<std::string> to_list(const Value& v);

std::string to_json(const Value& v);
void append_json(std::string& out, const Value& v);

}  // namespace sigma::expr
