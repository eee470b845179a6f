// ExactTable: the prefilter's exact values of one field, each with the anchors it decides.
//
// One flat open-addressing table over the values' hashes, with the values' bytes in one pool
// and the anchors in one array: a look-up touches a slot and the bytes it compares, where a
// node-based hash map would chase a bucket, a node and a heap string.
//
//   ExactTable t;
//   t.add("whoami.exe", anchor);   // any number of times, values repeating
//   t.build();
//   for (std::uint32_t a : t.find(folded_value)) ...
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/text/ascii.hpp"

namespace sigma::runtime {

class ExactTable {
 public:
  void add(std::string_view value, std::uint32_t anchor);
  // Builds the table; call once, after the last add().
  void build();

  bool empty() const { return slots_.empty(); }
  // The anchors of `text` (folded, as the values are), empty when it is no value of the table.
  std::span<const std::uint32_t> find(std::string_view text) const { return find_as<false>(text); }
  // find() of ASCII text in any case (every byte below 0x80): the anchors of its lowering, which
  // is its folding, without making that copy.
  std::span<const std::uint32_t> find_ascii(std::string_view text) const {
    return find_as<true>(text);
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t start = 0, size = 0;  // the value's bytes in pool_
    std::uint32_t begin = 0, end = 0;   // its anchors in anchors_; end == 0: a free slot
  };
  // kLower: `text` is ASCII, and is hashed and compared as if lowered.
  template <bool kLower>
  std::span<const std::uint32_t> find_as(std::string_view text) const {
    if (text.size() > longest_ || slots_.empty()) return {};
    const std::uint64_t h = hash<kLower>(text);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.end == 0) return {};
      if (s.hash == h && s.size == text.size() &&
          text::equal_lowered<kLower>(text.data(), pool_.data() + s.start, text.size()))
        return {anchors_.data() + s.begin, anchors_.data() + s.end};
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

  std::vector<std::pair<std::string, std::uint32_t>> added_;  // until build()
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t longest_ = 0;  // longer texts skip the hash
  std::string pool_;
  std::vector<std::uint32_t> anchors_;
};

}  // namespace sigma::runtime
