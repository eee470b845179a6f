// The distance behind every "did you mean" hint (unknown modifiers, identifiers, functions).
#pragma once

#include <cstddef>
#include <string_view>

namespace sigma::diag {

// Optimal string alignment distance: an insertion, deletion, substitution or swap of two
// neighbouring characters costs one (`contians` -> `contains` is 1). ASCII letters compare
// without case.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace sigma::diag
