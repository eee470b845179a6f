// The windash modifier: Windows accepts `-`, `/` and (through code-page best-fit mapping) the
// en dash, em dash and horizontal bar as the start of a command-line option.
//
// Like pySigma, only a dash or slash that starts an option is varied: a `-` or `/` matched by
// `\B[-/]\b` inside one literal part (preceded by a non-word character or the part's start,
// followed by a word character), so `-foo /bar` varies both and `a-b` neither.
#pragma once

#include <cstddef>
#include <vector>

#include "compiler/modifiers/sigma_string.hpp"

namespace sigma::modifiers {

// How many characters windash would vary in `s`; the variants number 5 to that power.
std::size_t windash_positions(const SigmaString& s);

// Every variant of `s`, varying each position over - / – — ―. The caller bounds
// windash_positions() first.
std::vector<SigmaString> windash_variants(const SigmaString& s);

}  // namespace sigma::modifiers
