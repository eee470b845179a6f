#include "compiler/modifiers/expand.hpp"

#include <algorithm>

namespace sigma::modifiers {

Expansion expand_placeholders(const SigmaString& s, const PlaceholderResolver* resolver,
                              std::size_t limit) {
  Expansion out;
  std::vector<SigmaString> acc{SigmaString{}};
  for (const auto& p : s.parts()) {
    if (p.kind != Part::Kind::Placeholder) {
      for (auto& v : acc) v.append(p);
      continue;
    }
    std::optional<std::vector<std::string>> values;
    if (resolver != nullptr && *resolver) values = (*resolver)(p.text);
    if (!values) {
      if (std::find(out.unresolved.begin(), out.unresolved.end(), p.text) == out.unresolved.end())
        out.unresolved.push_back(p.text);
      continue;
    }
    if (!out.unresolved.empty()) continue;  // the value is lost anyway; just collect names
    if (!values->empty() && acc.size() > limit / values->size()) {
      out.too_many = true;
      return out;
    }
    std::vector<SigmaString> next;
    next.reserve(acc.size() * values->size());
    for (const auto& v : acc) {
      for (const auto& text : *values) {
        SigmaString w = v;
        w.append(SigmaString::parse(text));
        next.push_back(std::move(w));
      }
    }
    acc = std::move(next);
  }
  if (out.unresolved.empty()) out.values = std::move(acc);
  return out;
}

}  // namespace sigma::modifiers
