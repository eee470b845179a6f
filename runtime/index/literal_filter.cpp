#include "runtime/index/literal_filter.hpp"

#include <algorithm>
#include <bit>

#include "runtime/text/byte_rank.hpp"

namespace sigma::runtime {

LiteralFilter::Key LiteralFilter::key_of(std::string_view literal, std::uint32_t id,
                                         std::uint32_t start, std::uint32_t gram,
                                         std::uint32_t offset) {
  Key k;
  k.head = head_of(literal.data(), literal.size());
  if (literal.size() > 8) k.tail = head_of(literal.data() + literal.size() - 8, 8);
  k.gram = gram;
  k.literal = id;
  k.start = start;
  k.size = static_cast<std::uint32_t>(literal.size());
  k.offset = offset;
  return k;
}

std::uint32_t LiteralFilter::add(std::string_view literal) {
  literals_.emplace_back(literal);
  return static_cast<std::uint32_t>(literals_.size() - 1);
}

void LiteralFilter::build_table(Table& t, const Table* also, std::uint32_t literal_base,
                                std::uint32_t pool_base, unsigned per_key,
                                std::uint32_t (*hash)(std::uint32_t, unsigned)) {
  const auto order = [](const Key& a, const Key& b) {
    return a.gram != b.gram ? a.gram < b.gram : a.literal < b.literal;
  };
  std::sort(t.keys.begin(), t.keys.end(), order);
  if (also != nullptr && !also->keys.empty()) {
    // also's keys are in order already, and their ids all follow ours: a merge keeps the order.
    const auto own = static_cast<std::ptrdiff_t>(t.keys.size());
    for (Key k : also->keys) {
      k.literal += literal_base;
      k.start += pool_base;
      t.keys.push_back(k);
    }
    std::inplace_merge(t.keys.begin(), t.keys.begin() + own, t.keys.end(), order);
  }
  std::size_t runs = 0;
  for (std::size_t k = 0; k < t.keys.size(); ++k)
    if (k == 0 || t.keys[k].gram != t.keys[k - 1].gram) ++runs;
  const std::size_t size = std::bit_ceil(std::max<std::size_t>(16, runs * 2));
  t.slots.assign(size, Slot{});
  t.mask = static_cast<std::uint32_t>(size - 1);
  for (std::size_t k = 0; k < t.keys.size(); ++k) {
    if (k > 0 && t.keys[k].gram == t.keys[k - 1].gram) continue;
    std::uint32_t slot = slot_of(t.keys[k].gram) & t.mask;
    while (t.slots[slot].key != kEmpty) slot = (slot + 1) & t.mask;
    t.slots[slot] = {t.keys[k].gram, static_cast<std::uint32_t>(k)};
  }
  // About `per_key` bits per key keeps false hits near 1 in that many positions; the bitmap
  // of a field with few literals stays small enough for L1.
  t.bits = t.keys.empty() || hash == nullptr
               ? 6
               : std::clamp<unsigned>(
                     static_cast<unsigned>(std::bit_width(t.keys.size() * per_key)), 8, 22);
  t.bitmap.assign((std::size_t{1} << t.bits) / 64, 0);
  if (hash == nullptr) return;
  for (const Key& k : t.keys) {
    const std::uint32_t h = hash(k.gram, 32 - t.bits);
    t.bitmap[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
}

void LiteralFilter::build(const LiteralFilter* also) {
  // How many times each window occurs across the literals: a long literal is keyed by its
  // least shared one, so a window common to many literals (".exe", "\\win") rarely decides
  // which are checked. Counted in an open-addressing table: sorting the windows costs more
  // than the rest of build() together.
  std::size_t windows = 0;
  for (const std::string& lit : literals_) windows += lit.size() >= 4 ? lit.size() - 3 : 0;
  const std::size_t size = std::bit_ceil(std::max<std::size_t>(16, windows * 2));
  const std::size_t mask = size - 1;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counts(size, {0, 0});  // count 0: free
  const auto slot_for = [&](std::uint32_t g) {
    std::size_t slot = slot_of(g) & mask;
    while (counts[slot].second != 0 && counts[slot].first != g) slot = (slot + 1) & mask;
    return slot;
  };
  for (const std::string& lit : literals_)
    for (std::size_t i = 0; i + 4 <= lit.size(); ++i) {
      const std::uint32_t g = load(lit.data() + i, 4);
      auto& c = counts[slot_for(g)];
      c.first = g;
      ++c.second;
    }
  const auto shared = [&](std::uint32_t g) { return counts[slot_for(g)].second; };
  // A window's cost: how many literals share it (each is checked when it occurs), then how
  // common its bytes are in text (how often it occurs). One more sharing literal weighs as
  // much as a byte moving from rare to common.
  const auto rarity = [](const char* w) {
    return text::byte_rank(w[0]) + text::byte_rank(w[1]) + text::byte_rank(w[2]) +
           text::byte_rank(w[3]);
  };
  short_ = {};
  long_ = {};
  pairs_ = {};
  pool_.clear();
  for (std::uint32_t id = 0; id < literals_.size(); ++id) {
    const std::string& lit = literals_[id];
    if (!accepts(lit)) continue;
    const auto start = static_cast<std::uint32_t>(pool_.size());
    pool_ += lit;
    if (lit.size() == 2) {
      pairs_.keys.push_back(key_of(lit, id, start, load(lit.data(), 2), 0));
      continue;
    }
    if (lit.size() == kMinLength) {
      short_.keys.push_back(key_of(lit, id, start, load(lit.data(), 3), 0));
      continue;
    }
    const auto cost = [&](std::uint32_t i) {
      return std::uint64_t{64} * shared(load(lit.data() + i, 4)) + rarity(lit.data() + i);
    };
    std::uint32_t best = 0;
    std::uint64_t best_cost = cost(0);
    for (std::uint32_t i = 1; i + 4 <= lit.size() && i <= kMaxOffset; ++i)
      if (const std::uint64_t c = cost(i); c < best_cost) {
        best = i;
        best_cost = c;
      }
    long_.keys.push_back(key_of(lit, id, start, load(lit.data() + best, 4), best));
  }
  std::uint32_t literal_base = 0, pool_base = 0;
  if (also != nullptr) {
    literal_base = static_cast<std::uint32_t>(literals_.size());
    pool_base = static_cast<std::uint32_t>(pool_.size());
    pool_ += also->pool_;
  }
  // The 3-byte bitmap is tested at every position beside the 4-byte one: more bits per key
  // keep its false hits as rare, and it is small anyway.
  build_table(long_, also ? &also->long_ : nullptr, literal_base, pool_base, 32, hash4);
  build_table(short_, also ? &also->short_ : nullptr, literal_base, pool_base, 64, hash3);
  build_table(pairs_, also ? &also->pairs_ : nullptr, literal_base, pool_base, 0, nullptr);
  pair_bits_.clear();
  if (!pairs_.keys.empty()) {
    pair_bits_.assign(std::size_t{1} << 10, 0);  // 2^16 grams, 64 to a word
    for (const Key& k : pairs_.keys) pair_bits_[k.gram >> 6] |= std::uint64_t{1} << (k.gram & 63);
  }
  std::vector<std::uint32_t> starts;  // of the keys' windows: their first 3 bytes
  if (long_.keys.size() + short_.keys.size() <= NibbleMask::kMaxWindows) {
    for (const Key& k : long_.keys) starts.push_back(k.gram & 0xFFFFFFu);
    for (const Key& k : short_.keys) starts.push_back(k.gram);
  }
  nibbles_.build(starts);
}

}  // namespace sigma::runtime
