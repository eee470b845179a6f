// LiteralFilter: finds which of many literals occur in a text, for the prefilter.
//
// A literal of 4 bytes or more is keyed by one 4-byte window of it (the window fewest other
// literals share, and of those the one of rarest bytes), a 3-byte literal by all of it. A scan
// slides over the text and tests the 4 bytes at each position (and the 3 bytes, when there are
// 3-byte keys) against a bitmap of hashed keys; on a hit it checks the literals keyed there in
// place. A 2-byte literal is accepted when it starts with a non-ASCII byte (one character of
// another script, such as the Cyrillic lookalikes of homoglyph rules): those pairs are tested
// only where the text has a non-ASCII byte, found sixteen bytes at a time.
//
// Building takes time linear in the literals (milliseconds for the whole SigmaHQ corpus), where a
// Vectorscan database of the same literals takes about 25 us per literal to compile (0.8 s for the
// corpus, more than compiling the rules themselves); scanning costs about a nanosecond per byte.
//
//   LiteralFilter f;
//   auto id = f.add("mimikatz");   // literals accepts() keeps
//   f.build();
//   f.scan(text, [&](std::uint32_t id) { ... });   // once per occurrence
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/text/simd.hpp"

namespace sigma::runtime {

class LiteralFilter {
 public:
  static constexpr std::size_t kMinLength = 3;

  // Whether add() keeps `literal`: kMinLength bytes or more, or 2 starting with a non-ASCII byte.
  static bool accepts(std::string_view literal) {
    return literal.size() >= kMinLength ||
           (literal.size() == 2 && static_cast<unsigned char>(literal[0]) >= 0x80);
  }

  // Adds a literal (one accepts() refuses is kept but never found); ids are dense, in order of
  // addition.
  std::uint32_t add(std::string_view literal);
  std::size_t size() const { return literals_.size(); }
  bool empty() const { return literals_.empty(); }

  // Chooses the keys and builds the tables; call once, after the last add(). With `also` (a
  // filter built already), this one finds also's literals too, as ids size() + their id there,
  // keyed as `also` keyed them: cheaper than adding them again when many filters share them.
  void build(const LiteralFilter* also = nullptr);

  // Calls hit(id) for each occurrence of a literal in `text` (so possibly more than once).
  template <class Hit>
  void scan(std::string_view text, Hit&& hit) const {
    if (!pairs_.keys.empty()) scan_pairs(text, hit);
    if (bits_ == 0 || text.size() < kMinLength) return;
    const char* p = text.data();
    const std::size_t n = text.size();
    // Locals, so the loop keeps them in registers across the (rare) calls to check().
    const std::uint64_t* const bitmap = bitmap_.data();
    const unsigned shift = 32 - bits_;
    const auto marked = [bitmap](std::uint32_t h) { return (bitmap[h >> 6] >> (h & 63)) & 1u; };
    std::size_t i = 0;
    if (short_.keys.empty()) {
      for (; i + 4 <= n; ++i) {
        const std::uint32_t g = load(p + i, 4);
        if (marked(hash4(g, shift))) check(long_, g, text, i, hit);
      }
      return;
    }
    for (; i + 4 <= n; ++i) {
      const std::uint32_t g = load(p + i, 4);
      if (marked(hash4(g, shift))) check(long_, g, text, i, hit);
      if (marked(hash3(g & 0xFFFFFFu, shift))) check(short_, g & 0xFFFFFFu, text, i, hit);
    }
    const std::uint32_t g = load(p + i, 3);  // the last position holds 3 bytes (n >= 3 here)
    if (marked(hash3(g, shift))) check(short_, g, text, i, hit);
  }

 private:
  struct Key {
    std::uint32_t gram = 0;
    std::uint32_t literal = 0;
    std::uint32_t start = 0;   // of the literal's bytes in pool_
    std::uint32_t size = 0;    // of the literal
    std::uint32_t offset = 0;  // of the window in the literal
  };
  // The keys of one width, sorted by gram, with an open-addressing table from gram to the
  // first key of its run.
  struct Table {
    std::vector<Key> keys;
    std::vector<std::uint32_t> slots;
    std::uint32_t mask = 0;
  };
  static constexpr std::uint32_t kEmpty = 0xffffffffu;

  static std::uint32_t slot_of(std::uint32_t gram) { return (gram * 0x85EBCA6Bu) >> 7; }
  static std::uint32_t load(const char* p, std::size_t width) {
    std::uint32_t v = 0;
    std::memcpy(&v, p, width);
    return v;
  }
  // Two hashes into one bitmap, so a 3-byte key and a 4-byte one rarely share a bit.
  // `shift` is 32 - bits_.
  static std::uint32_t hash4(std::uint32_t gram, unsigned shift) {
    return (gram * 0x9E3779B1u) >> shift;
  }
  static std::uint32_t hash3(std::uint32_t gram, unsigned shift) {
    return (gram * 0xC2B2AE35u) >> shift;
  }
  void mark(std::uint32_t h) { bitmap_[h >> 6] |= std::uint64_t{1} << (h & 63); }
  static void build_table(Table& t);

  // The 2-byte keys at each non-ASCII byte of `text` but its last.
  template <class Hit>
  void scan_pairs(std::string_view text, Hit& hit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const auto at = [&](std::size_t i) {
      const std::uint32_t g = load(text.data() + i, 2);
      if ((pair_bits_[g >> 6] >> (g & 63)) & 1u) check(pairs_, g, text, i, hit);
    };
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      for (std::uint32_t m = text::high_bits16(p + i); m != 0; m &= m - 1) {
        const std::size_t j = i + static_cast<std::size_t>(std::countr_zero(m));
        if (j + 1 < n) at(j);
      }
    for (; i + 1 < n; ++i)
      if (p[i] >= 0x80) at(i);
  }

  template <class Hit>
  void check(const Table& t, std::uint32_t gram, std::string_view text, std::size_t at,
             Hit& hit) const {
    for (std::uint32_t slot = slot_of(gram) & t.mask;; slot = (slot + 1) & t.mask) {
      const std::uint32_t k = t.slots[slot];
      if (k == kEmpty) return;
      if (t.keys[k].gram != gram) continue;
      for (std::uint32_t j = k; j < t.keys.size() && t.keys[j].gram == gram; ++j) {
        const Key& key = t.keys[j];
        if (at < key.offset || at - key.offset + key.size > text.size()) continue;
        if (std::memcmp(text.data() + at - key.offset, pool_.data() + key.start, key.size) == 0)
          hit(key.literal);
      }
      return;
    }
  }

  std::vector<std::string> literals_;
  std::string pool_;                      // every literal's bytes, back to back, for check()
  Table short_, long_;                    // 3-byte keys, 4-byte keys
  Table pairs_;                           // 2-byte keys (non-ASCII first byte)
  std::vector<std::uint64_t> pair_bits_;  // one bit per 2-byte gram: 8 KiB when there are pairs
  std::vector<std::uint64_t> bitmap_;     // one bit per hash (hash3, hash4) of a key
  unsigned bits_ = 0;                     // log2 of the number of hashes; 0: no keys
};

}  // namespace sigma::runtime
