// LiteralFilter: finds which of many literals occur in a text, for the prefilter.
//
// A literal of 4 bytes or more is keyed by one 4-byte window of it (the window fewest other
// literals share); a shorter one by all of it. A scan slides over the text and tests each
// window against a bitmap of the keys' hashes (one per key width in use); on a hit it checks
// the literals keyed by that window in place. Building takes time linear in the literals (a
// few milliseconds for the whole SigmaHQ corpus), where a Vectorscan database of the same
// literals takes about 25 us per literal to compile (0.8 s for the corpus, more than compiling
// the rules themselves); scanning costs about a nanosecond per byte and key width.
//
//   LiteralFilter f;
//   auto id = f.add("mimikatz");   // any non-empty literal
//   f.build();
//   f.scan(text, [&](std::uint32_t id) { ... });   // once per occurrence
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::runtime {

class LiteralFilter {
 public:
  static constexpr std::size_t kWindow = 4;

  // Adds a non-empty literal; ids are dense, in order of addition.
  std::uint32_t add(std::string_view literal);
  std::size_t size() const { return literals_.size(); }
  bool empty() const { return literals_.empty(); }

  // Chooses the keys and builds the tables; call once, after the last add().
  void build();

  // Calls hit(id) for each occurrence of a literal in `text` (so possibly more than once).
  // One pass: each position loads its 4 bytes once and tests every key width in use.
  template <class Hit>
  void scan(std::string_view text, Hit&& hit) const {
    const std::size_t n = text.size();
    const char* p = text.data();
    std::size_t i = 0;
    for (; i + kWindow <= n; ++i) {
      std::uint32_t g;
      std::memcpy(&g, p + i, sizeof g);
      test(tables_[0], g & 0xFFu, text, i, hit);
      test(tables_[1], g & 0xFFFFu, text, i, hit);
      test(tables_[2], g & 0xFFFFFFu, text, i, hit);
      test(tables_[3], g, text, i, hit);
    }
    for (; i < n; ++i) {  // the last 3 positions: only the widths that still fit
      const std::uint32_t g = load(p + i, n - i);
      for (std::size_t w = 0; w < n - i; ++w)
        test(tables_[w], g & (0xFFFFFFFFu >> (8 * (3 - w))), text, i, hit);
    }
  }

 private:
  struct Key {
    std::uint32_t gram = 0;
    std::uint32_t literal = 0;
    std::uint32_t offset = 0;  // of the window in the literal
  };
  // The keys of one width, sorted by gram, with a bitmap of their hashes (sized to the keys,
  // so a field with few literals tests a bitmap that stays in L1) and an open-addressing table
  // from gram to the first key of its run. No keys: an empty bitmap, never tested.
  struct Table {
    std::size_t width = 0;
    std::vector<Key> keys;
    std::vector<std::uint64_t> bitmap;
    unsigned bits = 0;  // log2 of the bitmap's size
    std::vector<std::uint32_t> slots;
    std::uint32_t mask = 0;

    std::uint32_t hash(std::uint32_t gram) const { return (gram * 0x9E3779B1u) >> (32 - bits); }
  };
  static constexpr std::uint32_t kEmpty = 0xffffffffu;

  template <class Hit>
  void test(const Table& t, std::uint32_t gram, std::string_view text, std::size_t at,
            Hit& hit) const {
    if (t.bits == 0) return;
    const std::uint32_t h = t.hash(gram);
    if ((t.bitmap[h >> 6] & (std::uint64_t{1} << (h & 63))) != 0) check(t, text, at, gram, hit);
  }

  static std::uint32_t load(const char* p, std::size_t width) {
    std::uint32_t v = 0;
    std::memcpy(&v, p, width);
    return v;
  }

  template <class Hit>
  void check(const Table& t, std::string_view text, std::size_t at, std::uint32_t gram,
             Hit& hit) const {
    for (std::uint32_t slot = (gram * 0x85EBCA6Bu >> 7) & t.mask;; slot = (slot + 1) & t.mask) {
      const std::uint32_t k = t.slots[slot];
      if (k == kEmpty) return;
      if (t.keys[k].gram != gram) continue;
      for (std::uint32_t j = k; j < t.keys.size() && t.keys[j].gram == gram; ++j) {
        const Key& key = t.keys[j];
        const std::string& lit = literals_[key.literal];
        if (at < key.offset || at - key.offset + lit.size() > text.size()) continue;
        if (text.compare(at - key.offset, lit.size(), lit) == 0) hit(key.literal);
      }
      return;
    }
  }

  std::vector<std::string> literals_;
  std::array<Table, kWindow> tables_;  // by width - 1
};

}  // namespace sigma::runtime
