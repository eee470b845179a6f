// The expand modifier: `%name%` placeholders replaced by the values a processing pipeline
// gives them. Each value is read as a Sigma string, so a pipeline may give wildcards; several
// placeholders in one value give every combination.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/modifiers/item2ir.hpp"
#include "compiler/modifiers/sigma_string.hpp"

namespace sigma::modifiers {

struct Expansion {
  std::vector<SigmaString> values;      // empty when unresolved or too many
  std::vector<std::string> unresolved;  // names no pipeline defines, in order, once each
  bool too_many = false;                // more than `limit` combinations
};

Expansion expand_placeholders(const SigmaString& s, const PlaceholderResolver* resolver,
                              std::size_t limit);

}  // namespace sigma::modifiers
