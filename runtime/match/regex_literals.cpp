#include "runtime/match/regex_literals.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <numeric>

#include "runtime/match/glob.hpp"

namespace sigma::match {

RegexLiterals::RegexLiterals(const re2::RE2& re) {
  if (!re.ok()) return;
  // Atoms of every length: get() treats the ones shorter than it is asked for as present, which
  // is what FilteredRE2 built for that length does with them.
  auto filter = std::make_unique<re2::FilteredRE2>(1);
  int id = 0;
  if (filter->Add(re.pattern(), re.options(), &id) != re2::RE2::NoError) return;
  filter->Compile(&atoms_);
  filter_ = std::move(filter);
}

RegexLiterals::~RegexLiterals() = default;

std::vector<std::vector<std::string>> RegexLiterals::sets(std::size_t min_length,
                                                          std::size_t max_sets) const {
  std::vector<std::vector<std::string>> out;
  if (filter_ == nullptr) return out;
  // The prefilter is a monotone AND/OR of atoms: the regex can match only if it passes with the
  // atoms present. A set works while the prefilter fails with every atom outside it present.
  std::vector<bool> assumed(atoms_.size());  // present whatever the text
  for (std::size_t i = 0; i < atoms_.size(); ++i) {
    const std::string& a = atoms_[i];
    // Only ASCII atoms: our folding and RE2's lowering agree on those.
    assumed[i] = a.size() < min_length ||
                 std::any_of(a.begin(), a.end(), [](char c) { return (c & 0x80) != 0; });
  }
  std::vector<bool> present;
  std::vector<int> given, potential;
  const auto passes = [&] {
    given.clear();
    for (std::size_t i = 0; i < atoms_.size(); ++i)
      if (present[i]) given.push_back(static_cast<int>(i));
    filter_->AllPotentials(given, &potential);
    return !potential.empty();
  };
  // Short atoms go first, so the longer (rarer) ones stay in the set.
  std::vector<std::size_t> order(atoms_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return atoms_[a].size() < atoms_[b].size();
  });
  std::vector<bool> taken(atoms_.size(), false);  // in a set found before
  while (out.size() < max_sets) {
    // The atoms of the sets before count as present: the next set holds without them.
    present = assumed;
    for (std::size_t i = 0; i < atoms_.size(); ++i) present[i] = present[i] || taken[i];
    if (passes()) break;
    for (std::size_t i : order) {
      if (present[i]) continue;
      present[i] = true;
      if (passes()) present[i] = false;  // needed
    }
    std::vector<std::string> set;
    for (std::size_t i = 0; i < atoms_.size(); ++i)
      if (!present[i]) {
        set.push_back(atoms_[i]);
        taken[i] = true;
      }
    if (set.empty()) break;  // cannot be: the prefilter passes with every atom present
    out.push_back(std::move(set));
  }
  return out;
}

std::vector<std::string> RegexLiterals::get(std::size_t min_length) const {
  auto found = sets(min_length, 1);
  return found.empty() ? std::vector<std::string>{} : std::move(found.front());
}

std::vector<std::vector<std::string>> literal_needs(const RegexLiterals& literals) {
  auto sets = literals.sets(1, kMaxLiteralSets);
  std::stable_sort(sets.begin(), sets.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  return sets;
}

bool holds_each(std::string_view folded, std::span<const std::vector<std::string>> sets) {
  return std::all_of(sets.begin(), sets.end(), [&](const std::vector<std::string>& set) {
    return std::any_of(set.begin(), set.end(), [&](const std::string& literal) {
      return find_bytes(folded, literal, 0) != std::string_view::npos;
    });
  });
}

std::vector<std::string> regex_literals(const re2::RE2& re, std::size_t min_length) {
  return RegexLiterals(re).get(min_length);
}

}  // namespace sigma::match
