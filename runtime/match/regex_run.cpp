#include "runtime/match/regex_run.hpp"

#include <re2/re2.h>

#include <charconv>
#include <cstddef>
#include <cstring>

#include "runtime/match/regex_alternatives.hpp"
#include "runtime/text/plain_ascii.hpp"

namespace sigma::match {
namespace {

// Reads the count at s[at] into `out` and moves `at` past it. False without digits, past RE2's
// limit of 1000, or with a leading zero: RE2 reads `.{010}` as a dot and the text "{010}".
bool count(std::string_view s, std::size_t& at, std::size_t& out) {
  const auto [end, ec] = std::from_chars(s.data() + at, s.data() + s.size(), out);
  if (ec != std::errc() || end == s.data() + at || out > 1000) return false;
  if (s[at] == '0' && end - (s.data() + at) > 1) return false;
  at = static_cast<std::size_t>(end - s.data());
  return true;
}

}  // namespace

std::optional<CharacterRun> run_of(std::string_view p) {
  CharacterRun run;
  std::size_t at = 0;
  if (p.starts_with("(?")) {
    const std::size_t close = p.find(')');
    if (close == std::string_view::npos || close == 2) return std::nullopt;
    for (const char f : p.substr(2, close - 2)) {
      if (f == 's')
        run.newlines = true;
      else if (f != 'i' && f != 'm')
        return std::nullopt;
    }
    at = close + 1;
  }
  if (p.substr(at, 2) != ".{") return std::nullopt;
  at += 2;
  if (!count(p, at, run.min)) return std::nullopt;
  if (at < p.size() && p[at] == ',') {
    ++at;
    std::size_t max = 0;
    if (at < p.size() && p[at] != '}' && (!count(p, at, max) || max < run.min)) return std::nullopt;
  }
  if (at + 1 != p.size() || p[at] != '}') return std::nullopt;
  return run;
}

bool has_run(std::string_view text, const CharacterRun& run) {
  if (run.min == 0) return true;  // the empty run
  if (text.size() < run.min) return false;
  if (run.newlines) return true;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* from = begin;;) {
    const auto* nl = static_cast<const char*>(std::memchr(from, '\n', end - from));
    const char* const stop = nl == nullptr ? end : nl;
    if (static_cast<std::size_t>(stop - from) >= run.min) return true;
    if (nl == nullptr || end - (nl + 1) < static_cast<std::ptrdiff_t>(run.min)) return false;
    from = nl + 1;
  }
}

RegexShortcut shortcut_of(const re2::RE2& re) {
  const re2::RE2::Options& o = re.options();
  if (!o.case_sensitive() || o.literal() || o.never_nl()) return {};
  RegexShortcut s{run_of(re.pattern()), literal_alternatives(re.pattern())};
  if (s.run && o.dot_nl()) s.run->newlines = true;
  return s;
}

bool search(const re2::RE2& re, const RegexShortcut& shortcut, std::string_view text) {
  if (shortcut.literals) return holds_any_literal(text, *shortcut.literals);
  if (shortcut.run && text::is_plain_ascii(text)) return has_run(text, *shortcut.run);
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

}  // namespace sigma::match
