// Regexes that only count characters: `.{n}`, `.{n,}` and `.{n,m}` (SigmaHQ's "abnormally long
// command line" is `.{1000,}`). Searched for, such a regex matches exactly when the text has a
// run of n characters that `.` accepts: n characters without a newline (with the `s` flag, any
// n characters). RE2 runs it as a DFA that visits a new state at every byte, 6-8 us a call on
// a text of a few KiB (`.{1000,}` is a program of 8,000 instructions); on ASCII text, where a
// character is a byte, the answer is a search for newlines. Other text is left to RE2, whose
// `.` takes UTF-8 characters (and no malformed bytes).
//
// Regexes that are only literals to look for (match::literal_alternatives) are answered by a
// search for those literals. RegexShortcut holds what a pattern can be answered by.
//
//   const auto shortcut = match::shortcut_of(re);  // once, when compiling
//   if (match::search(re, shortcut, text)) ...    // per text
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}  // namespace re2

namespace sigma::match {

struct CharacterRun {
  std::size_t min = 0;    // characters
  bool newlines = false;  // the `s` flag: `.` takes newlines too
};

// The run `pattern` asks for, when it is one: an optional flag group of i, m and s
// (`(?is)`), then `.{n}`, `.{n,}` or `.{n,m}` with m >= n, and nothing else.
std::optional<CharacterRun> run_of(std::string_view pattern);

// Whether ASCII `text` holds `run` (what RE2::PartialMatch answers for its pattern).
bool has_run(std::string_view text, const CharacterRun& run);

// What a regex can be answered by without RE2, worked out once from its pattern and options
// (none where an option changes what the pattern means: case-insensitive, literal, never_nl).
struct RegexShortcut {
  std::optional<CharacterRun> run;                   // run_of(pattern)
  std::optional<std::vector<std::string>> literals;  // literal_alternatives(pattern)
};
RegexShortcut shortcut_of(const re2::RE2& re);

// RE2::PartialMatch(text, re), answered by a search for the literals where the shortcut has
// them, by has_run() where it has a run and the text is ASCII: the one way rule leaves and
// expressions run a regex. (A regex of literals needs no literal pre-check either: callers
// leave it out, as the search costs no more.)
bool search(const re2::RE2& re, const RegexShortcut& shortcut, std::string_view text);

}  // namespace sigma::match
