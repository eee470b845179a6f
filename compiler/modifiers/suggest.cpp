// "did you mean" for unknown modifiers: the closest known name by edit distance
// (diag/edit_distance.hpp: `contians` -> `contains` is one edit).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "compiler/diag/edit_distance.hpp"
#include "compiler/modifiers/item2ir.hpp"
#include "compiler/modifiers/modifier_chain.hpp"

namespace sigma::modifiers {

std::string suggest_modifier(std::string_view unknown) {
  if (unknown.size() > 64) return {};  // nothing known is that long; bound the table
  std::string lower(unknown);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view best;
  std::size_t best_distance = 0;
  for (const auto name : known_modifiers()) {
    if (name == lower)  // pySigma's names are case-sensitive; say which spelling it wants
      return fmt::format("did you mean `{}`? modifier names are lowercase", name);
    if (name.size() < 2) continue;  // `i` `m` `s` are too short to guess
    const std::size_t d = diag::edit_distance(lower, name);
    if (best.empty() || d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  // Close means at most one edit for short names, two for longer ones.
  const std::size_t limit = lower.size() <= 4 ? 1 : 2;
  if (best.empty() || best_distance > limit) return {};
  return fmt::format("did you mean `{}`?", best);
}

}  // namespace sigma::modifiers
