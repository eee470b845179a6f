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

namespace sigma::runtime {

class ExactTable {
 public:
  void add(std::string_view value, std::uint32_t anchor);
  // Builds the table; call once, after the last add().
  void build();

  bool empty() const { return slots_.empty(); }
  // The anchors of `text`, empty when it is no value of the table.
  std::span<const std::uint32_t> find(std::string_view text) const {
    if (text.size() > longest_ || slots_.empty()) return {};
    const std::uint64_t h = hash(text);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.end == 0) return {};
      if (s.hash == h && s.size == text.size() &&
          std::string_view(pool_.data() + s.start, s.size) == text)
        return {anchors_.data() + s.begin, anchors_.data() + s.end};
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t start = 0, size = 0;  // the value's bytes in pool_
    std::uint32_t begin = 0, end = 0;   // its anchors in anchors_; end == 0: a free slot
  };
  static std::uint64_t hash(std::string_view s) noexcept;

  std::vector<std::pair<std::string, std::uint32_t>> added_;  // until build()
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t longest_ = 0;  // longer texts skip the hash
  std::string pool_;
  std::vector<std::uint32_t> anchors_;
};

}  // namespace sigma::runtime
