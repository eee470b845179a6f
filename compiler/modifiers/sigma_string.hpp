// A Sigma string value as a sequence of literal text and wildcard tokens.
//
// Parsing follows the specification's escape rules exactly as pySigma applies them: `*` and `?`
// are wildcards; `\*`, `\?` and `\\` are the literal characters; a backslash before any other
// character, or at the very end, is a literal backslash (so `C:\Windows\*` needs no doubling).
// With `|expand`, `%name%` becomes a placeholder token and `\%` a literal percent sign.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.hpp"

namespace sigma::modifiers {

struct Part {
  enum class Kind : std::uint8_t { Literal, AnyRun, AnyChar, Placeholder };
  Kind kind = Kind::Literal;
  std::string text;  // Literal: the bytes; Placeholder: the name
  friend bool operator==(const Part&, const Part&) = default;
};

class SigmaString {
 public:
  SigmaString() = default;

  // `written` is the value as it appears in the rule (YAML escapes already applied).
  static SigmaString parse(std::string_view written, bool placeholders = false);
  // Text taken verbatim, no wildcards (numbers, booleans, encoder output).
  static SigmaString literal(std::string_view text);

  void append_literal(std::string_view text);  // merges with a preceding literal
  void append(Part part);
  void append(const SigmaString& other);
  void prepend_any_run();  // unless it already starts with `*`
  void append_any_run();   // unless it already ends with `*`

  const std::vector<Part>& parts() const { return parts_; }
  bool empty() const { return parts_.empty(); }
  bool has_wildcards() const;
  bool has_placeholders() const;
  // The literal text; only meaningful without wildcards and placeholders.
  std::string plain() const;
  // Back to the written form (wildcards as `*` `?`, literal ones escaped), for messages.
  std::string written() const;
  // The text parse() reads back as exactly this string: every literal `*` `?` `\` escaped, and
  // `%` too when `placeholders` (parsed with placeholders on).
  std::string exact(bool placeholders) const;

  friend bool operator==(const SigmaString&, const SigmaString&) = default;

 private:
  // The parts written back, with a backslash before each literal byte in `escaped`.
  std::string render(std::string_view escaped) const;

  std::vector<Part> parts_;
};

// Lowers a string without placeholders to the narrowest StringMatch: Exact, Prefix (`abc*`),
// Suffix (`*abc`), Contains (`*abc*`), else Glob in escaped-glob form. Literals are case-folded
// unless `cased`.
ir::StringMatch to_string_match(const SigmaString& s, bool cased);

}  // namespace sigma::modifiers
