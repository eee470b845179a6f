// The literals a regex cannot match without, for skipping it on text that holds none of them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace sigma::match {

// Literals (lower case, ASCII, min_length bytes or more) at least one of which occurs, in any
// case, in every text the regex matches; empty when there is no such set. Found with RE2's
// prefilter (FilteredRE2) and then pared down: an atom is dropped while the regex still cannot
// match without one of the others, so AND(a, b) keeps only one of them (the longer).
std::vector<std::string> regex_literals(const re2::RE2& re, std::size_t min_length);

}  // namespace sigma::match
