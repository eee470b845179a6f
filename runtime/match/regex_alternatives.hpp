// Regexes that are only literals to look for: `docker\.sock`, `(--privileged|--net=host)`. A
// search for such a regex matches exactly when the text holds one of its literals, so a search
// for those (match::find_bytes) answers without RE2, and without the folded copy and the
// literal pre-check a regex needs first (the extension's match() calls in the seed rules are
// all of this kind or start with one). match::search takes them through RegexShortcut.
//
//   if (const auto alts = match::literal_alternatives(pattern)) ...  // once, when compiling
//   match::holds_any_literal(text, *alts)                              // per text
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::match {

// The literals `pattern` is an alternation of, when it is one: alternatives of printable ASCII
// bytes and escaped punctuation (`\.`), none empty, separated by `|`, the whole optionally in
// one group (`(...)` or `(?:...)`), and nothing else (no flags, classes, anchors, repeats).
std::optional<std::vector<std::string>> literal_alternatives(std::string_view pattern);

// Whether `text` holds one of `literals`, byte for byte: RE2::PartialMatch for the pattern
// literal_alternatives() took them from.
bool holds_any_literal(std::string_view text, const std::vector<std::string>& literals);

}  // namespace sigma::match
