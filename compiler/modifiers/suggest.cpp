// "did you mean" for unknown modifiers: the closest known name by edit distance, counting a
// swap of neighbours as one edit (`contians` -> `contains`).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "compiler/modifiers/item2ir.hpp"
#include "compiler/modifiers/modifier_chain.hpp"

namespace sigma::modifiers {
namespace {

// Optimal string alignment distance.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

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
    const std::size_t d = edit_distance(lower, name);
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
