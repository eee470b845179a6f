// The literals a regex cannot match without, for skipping it on text that holds none of them.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
class FilteredRE2;
}  // namespace re2

namespace sigma::match {

// A regex's prefilter, parsed once, asked for its literals at any minimum length: the engine
// wants literals of any length (to skip values before running the regex), the rule index those
// of 3 bytes or more (its anchors), and parsing the regex is three quarters of the work.
class RegexLiterals {
 public:
  explicit RegexLiterals(const re2::RE2& re);
  ~RegexLiterals();
  RegexLiterals(const RegexLiterals&) = delete;
  RegexLiterals& operator=(const RegexLiterals&) = delete;

  // Literals (lower case, ASCII, min_length bytes or more) at least one of which occurs, in any
  // case, in every text the regex matches; empty when there is no such set. Found with RE2's
  // prefilter (FilteredRE2) and then pared down: an atom is dropped while the regex still
  // cannot match without one of the others, so AND(a, b) keeps only one of them (the longer).
  std::vector<std::string> get(std::size_t min_length) const;

  // Up to max_sets such sets, disjoint, every one of which the text must hold a literal of: the
  // first is get()'s, each next one found the same way among the atoms the sets before did not
  // take: `(?i)set.*&&.*(invoke|environment)` gives {"invoke", "environment"}, {"set"} and
  // {"&&"}; a prefilter that is an OR at its top gives one set at most.
  std::vector<std::vector<std::string>> sets(std::size_t min_length, std::size_t max_sets) const;

 private:
  std::unique_ptr<re2::FilteredRE2> filter_;  // null when the regex has no usable prefilter
  std::vector<std::string> atoms_;
};

// How many literal sets the engine and the expressions check before running a regex: each is a
// search of the text at most, and more than a few rarely reject what the first ones let through.
inline constexpr std::size_t kMaxLiteralSets = 4;

// Whether `folded` holds a literal of every one of `sets` (RegexLiterals::sets): the regex
// cannot match it otherwise, and looking for literals costs far less than running the regex.
bool holds_each(std::string_view folded, std::span<const std::vector<std::string>> sets);

// The sets holds_each() checks before a regex runs: up to kMaxLiteralSets of them, those of
// fewest literals first. A set costs a search of the text for each literal it lacks, and any
// set lacking rejects the text: a script block without `-f` is rejected by one search, before
// the ten of `{0}`..`{9}`.
std::vector<std::vector<std::string>> literal_needs(const RegexLiterals& literals);

// RegexLiterals(re).get(min_length).
std::vector<std::string> regex_literals(const re2::RE2& re, std::size_t min_length);

}  // namespace sigma::match
