// Diagnostics: what the compiler says about a rule, with where it says it.
//
// A Diagnostic is a plain value. The compiler collects every problem of a file in one run; the
// caller renders them gcc-style (`path:line:col: error: message`) or as JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigma {

enum class Severity : std::uint8_t { Error, Warning };

// 1-based line and column; 0 means "unknown" (for example an I/O error on a whole file).
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // stable code, e.g. "S0107" (docs/diagnostics.md lists them)
  std::string message;  // one line, no trailing period
  SourceLocation location;
  std::uint32_t length = 1;  // columns the caret underlines
  std::string label;         // short text printed under the caret, may be empty
  std::string help;          // a hint ("did you mean `contains`?"), may be empty
};

// `path:line:col: error: message [S0107]`, then the source line with a caret and the help line
// when `source` (the whole file text) is given.
std::string format_diagnostic(const Diagnostic& d, std::string_view source = {});

// The diagnostics as one JSON array of objects with the keys severity, code, message, file,
// line, column, length, label, help.
std::string diagnostics_to_json(const std::vector<Diagnostic>& ds);

}  // namespace sigma
