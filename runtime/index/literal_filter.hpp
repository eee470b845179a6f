// LiteralFilter: finds which of many literals occur in a text, for the prefilter.
//
// A literal of 4 bytes or more is keyed by one 4-byte window of it (the window fewest other
// literals share), a 3-byte literal by all of it. A scan slides over the text and tests the
// 3 bytes at each position against one bitmap of the keys' first 3 bytes (telling 3-byte and
// 4-byte keys apart); on a hit it checks the literals keyed there in place. Building takes time linear in the literals (milliseconds
// for the whole SigmaHQ corpus), where a Vectorscan database of the same literals takes about
// 25 us per literal to compile (0.8 s for the corpus, more than compiling the rules
// themselves); scanning costs about a nanosecond per byte.
//
//   LiteralFilter f;
//   auto id = f.add("mimikatz");   // literals of kMinLength bytes or more
//   f.build();
//   f.scan(text, [&](std::uint32_t id) { ... });   // once per occurrence
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::runtime {

class LiteralFilter {
 public:
  static constexpr std::size_t kMinLength = 3;

  // Adds a literal of at least kMinLength bytes (shorter ones are ignored); ids are dense, in
  // order of addition.
  std::uint32_t add(std::string_view literal);
  std::size_t size() const { return literals_.size(); }
  bool empty() const { return literals_.empty(); }

  // Chooses the keys and builds the tables; call once, after the last add().
  void build();

  // Calls hit(id) for each occurrence of a literal in `text` (so possibly more than once).
  template <class Hit>
  void scan(std::string_view text, Hit&& hit) const {
    if (bits_ == 0 || text.size() < kMinLength) return;
    const char* p = text.data();
    const std::size_t n = text.size();
    const std::uint64_t* bitmap = bitmap_.data();
    const unsigned shift = 32 - bits_;
    const auto probe = [&](std::size_t i, std::uint32_t g, bool has4) {
      // Two bits per hash: a 3-byte key starts here (bit 0), a 4-byte key does (bit 1).
      const std::uint32_t h = ((g & 0xFFFFFFu) * 0x9E3779B1u) >> shift;
      const auto bits = (bitmap[h >> 5] >> (2 * (h & 31))) & 3u;
      if (bits == 0) return;
      if (bits & 1u) check(short_, g & 0xFFFFFFu, text, i, hit);
      if ((bits & 2u) && has4) check(long_, g, text, i, hit);
    };
    std::size_t i = 0;
    for (; i + 4 <= n; ++i) {
      std::uint32_t g;
      std::memcpy(&g, p + i, 4);
      probe(i, g, true);
    }
    probe(i, load(p + i, 3), false);  // the last position holds 3 bytes (n >= 3 here)
  }

 private:
  struct Key {
    std::uint32_t gram = 0;
    std::uint32_t literal = 0;
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
  static void build_table(Table& t);

  template <class Hit>
  void check(const Table& t, std::uint32_t gram, std::string_view text, std::size_t at,
             Hit& hit) const {
    if (t.keys.empty()) return;
    for (std::uint32_t slot = slot_of(gram) & t.mask;; slot = (slot + 1) & t.mask) {
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
  Table short_, long_;                 // 3-byte keys, 4-byte keys
  std::vector<std::uint64_t> bitmap_;  // per hash of a key's first 3 bytes: 2 bits (see scan)
  unsigned bits_ = 0;                  // log2 of the number of hashes; 0: no keys
};

}  // namespace sigma::runtime
