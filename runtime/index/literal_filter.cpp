#include "runtime/index/literal_filter.hpp"

#include <algorithm>
#include <bit>
#include <unordered_map>

namespace sigma::runtime {

std::uint32_t LiteralFilter::add(std::string_view literal) {
  literals_.emplace_back(literal);
  return static_cast<std::uint32_t>(literals_.size() - 1);
}

void LiteralFilter::build() {
  // How many literals contain each window: a long literal is keyed by its least shared one,
  // so a window common to many literals (".exe", "\\win") rarely decides which are checked.
  std::unordered_map<std::uint32_t, std::uint32_t> shared;
  std::vector<std::uint32_t> grams;
  for (const std::string& lit : literals_) {
    grams.clear();
    for (std::size_t i = 0; i + kWindow <= lit.size(); ++i) grams.push_back(load(lit.data() + i, kWindow));
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    for (std::uint32_t g : grams) ++shared[g];
  }
  for (std::size_t w = 0; w < kWindow; ++w) tables_[w] = Table{w + 1, {}, {}, 0, {}, 0};
  for (std::uint32_t id = 0; id < literals_.size(); ++id) {
    const std::string& lit = literals_[id];
    if (lit.empty()) continue;
    if (lit.size() < kWindow) {
      tables_[lit.size() - 1].keys.push_back({load(lit.data(), lit.size()), id, 0});
      continue;
    }
    Key best{load(lit.data(), kWindow), id, 0};
    std::uint32_t best_count = shared[best.gram];
    for (std::size_t i = 1; i + kWindow <= lit.size(); ++i) {
      const std::uint32_t g = load(lit.data() + i, kWindow);
      if (const std::uint32_t c = shared[g]; c < best_count) {
        best = {g, id, static_cast<std::uint32_t>(i)};
        best_count = c;
      }
    }
    tables_[kWindow - 1].keys.push_back(best);
  }

  for (Table& t : tables_) {
    std::sort(t.keys.begin(), t.keys.end(), [](const Key& a, const Key& b) {
      return a.gram != b.gram ? a.gram < b.gram : a.literal < b.literal;
    });
    if (t.keys.empty()) continue;
    // About 16 bits per key keeps false hits near 1 in 16 per position; at least 512 bits.
    t.bits = std::clamp<unsigned>(std::bit_width(t.keys.size() * 16), 9, 20);
    t.bitmap.assign((std::size_t{1} << t.bits) / 64, 0);
    std::size_t runs = 0;
    for (std::size_t k = 0; k < t.keys.size(); ++k) {
      const std::uint32_t h = t.hash(t.keys[k].gram);
      t.bitmap[h >> 6] |= std::uint64_t{1} << (h & 63);
      if (k == 0 || t.keys[k].gram != t.keys[k - 1].gram) ++runs;
    }
    const std::size_t size = std::bit_ceil(std::max<std::size_t>(16, runs * 2));
    t.slots.assign(size, kEmpty);
    t.mask = static_cast<std::uint32_t>(size - 1);
    for (std::size_t k = 0; k < t.keys.size(); ++k) {
      if (k > 0 && t.keys[k].gram == t.keys[k - 1].gram) continue;
      std::uint32_t slot = (t.keys[k].gram * 0x85EBCA6Bu >> 7) & t.mask;
      while (t.slots[slot] != kEmpty) slot = (slot + 1) & t.mask;
      t.slots[slot] = static_cast<std::uint32_t>(k);
    }
  }
}

}  // namespace sigma::runtime
