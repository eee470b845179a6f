// Regexes that only count characters: `.{n}`, `.{n,}` and `.{n,m}` (SigmaHQ's "abnormally long
// command line" is `.{1000,}`). Searched for, such a regex matches exactly when the text has a
// run of n characters that `.` accepts: n characters without a newline (with the `s` flag, any
// n characters). RE2 runs it as a DFA that visits a new state at every byte, 6-8 us a call on
// a text of a few KiB (`.{1000,}` is a program of 8,000 instructions); on ASCII text, where a
// character is a byte, the answer is a search for newlines. Other text is left to RE2, whose
// `.` takes UTF-8 characters (and no malformed bytes).
//
//   const auto run = match::run_of(re.pattern());   // once, when compiling
//   if (match::search(re, run, text)) ...            // per text
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

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

// RE2::PartialMatch(text, re), answered by has_run() where `run` (run_of(re.pattern())) is set
// and the text is ASCII: the one way rule leaves and expressions run a regex.
bool search(const re2::RE2& re, const std::optional<CharacterRun>& run, std::string_view text);

}  // namespace sigma::match
