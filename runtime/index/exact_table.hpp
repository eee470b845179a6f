// ExactTable: the prefilter's exact values of one field, each with its items (for the rule
// index, everything a hit on the value does, so that a hit reads nothing else first).
//
// One flat open-addressing table over the values' hashes, with the values' bytes in one pool
// and each value's items side by side in one array: a look-up touches a slot, the bytes it
// compares and the items it returns, where a node-based hash map would chase a bucket, a node
// and a heap string.
//
//   ExactTable<std::uint32_t> t;
//   t.add("whoami.exe", 7);   // any number of times, values repeating
//   t.build();
//   for (std::uint32_t item : t.find(folded_value)) ...
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/text/ascii.hpp"

namespace sigma::runtime {

// Item: ordered and equality-comparable (equal pairs of value and item are kept once).
template <class Item>
class ExactTable {
 public:
  void add(std::string_view value, const Item& item) { added_.emplace_back(value, item); }
  // Builds the table; call once, after the last add().
  void build() {
    std::sort(added_.begin(), added_.end());
    added_.erase(std::unique(added_.begin(), added_.end()), added_.end());
    std::size_t values = 0;
    for (std::size_t i = 0; i < added_.size(); ++i)
      if (i == 0 || added_[i].first != added_[i - 1].first) ++values;
    slots_.assign(values == 0 ? 0 : std::bit_ceil(values * 2), Slot{});
    mask_ = slots_.empty() ? 0 : slots_.size() - 1;
    pool_.clear();
    items_.assign(1, Item{});  // so that no value's items end at 0, the mark of a free slot
    longest_ = 0;
    for (std::size_t i = 0; i < added_.size();) {
      const std::string& value = added_[i].first;
      Slot s;
      s.hash = hash<false>(value);
      s.start = static_cast<std::uint32_t>(pool_.size());
      s.size = static_cast<std::uint32_t>(value.size());
      pool_ += value;
      s.begin = static_cast<std::uint32_t>(items_.size());
      for (; i < added_.size() && added_[i].first == value; ++i) items_.push_back(added_[i].second);
      s.end = static_cast<std::uint32_t>(items_.size());
      longest_ = std::max(longest_, value.size());
      std::size_t at = s.hash & mask_;
      while (slots_[at].end != 0) at = (at + 1) & mask_;
      slots_[at] = s;
    }
    added_.clear();
    added_.shrink_to_fit();
  }

  bool empty() const { return slots_.empty(); }
  // The items of `text` (folded, as the values are), empty when it is no value of the table.
  std::span<const Item> find(std::string_view text) const { return find_as<false>(text); }
  // find() of ASCII text in any case (every byte below 0x80): the items of its lowering, which
  // is its folding, without making that copy.
  std::span<const Item> find_ascii(std::string_view text) const { return find_as<true>(text); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t start = 0, size = 0;  // the value's bytes in pool_
    std::uint32_t begin = 0, end = 0;   // its items in items_; end == 0: a free slot
  };
  // kLower: `text` is ASCII, and is hashed and compared as if lowered.
  template <bool kLower>
  std::span<const Item> find_as(std::string_view text) const {
    if (text.size() > longest_ || slots_.empty()) return {};
    const std::uint64_t h = hash<kLower>(text);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.end == 0) return {};
      if (s.hash == h && s.size == text.size() &&
          text::equal_lowered<kLower>(text.data(), pool_.data() + s.start, text.size()))
        return {items_.data() + s.begin, items_.data() + s.end};
    }
  }
  template <bool kLower>
  static std::uint64_t word(const char* p, std::size_t n) noexcept {
    const std::uint64_t w = text::load_word(p, n);
    return kLower ? text::lower_ascii_word(w) : w;
  }
  // A value and the ASCII texts that lower to it hash alike: values are folded, so they hold
  // no 'A'..'Z' for the lowering to change.
  template <bool kLower>
  static std::uint64_t hash(std::string_view s) noexcept {
    const auto mix = [](std::uint64_t h, std::uint64_t w) {
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      return h ^ (h >> 31);
    };
    std::uint64_t h = s.size() * 0x9E3779B97F4A7C15ull;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) h = mix(h, word<kLower>(s.data() + i, 8));
    if (i < s.size()) h = mix(h, word<kLower>(s.data() + i, s.size() - i));
    return h ^ (h >> 29);
  }

  std::vector<std::pair<std::string, Item>> added_;  // until build()
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t longest_ = 0;  // longer texts skip the hash
  std::string pool_;
  std::vector<Item> items_;
};

}  // namespace sigma::runtime
