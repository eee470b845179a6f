// LiteralFilter: finds which of many literals occur in a text, for the prefilter.
//
// A literal of 4 bytes or more is keyed by one 4-byte window of it (the window fewest other
// literals share, and of those the one of rarest bytes), a 3-byte literal by all of it. A scan
// slides over the text and tests the 4 bytes at each position against a bitmap of hashed 4-byte
// keys (and the 3 bytes against a smaller one, when there are 3-byte keys, so that test stays in
// L1); on a hit it checks the literals keyed there in place: the hash table's slot holds the
// key's window, and each key the first 8 bytes of its literal, so a false hit or a literal of
// up to 8 bytes costs no further look-up. A 2-byte literal is accepted when it starts with a
// non-ASCII byte (one character of another script, such as the Cyrillic lookalikes of homoglyph
// rules): those pairs are tested only where the text has a non-ASCII byte, found sixteen bytes
// at a time. A filter of few literals (the keywords of a rule or two) tests only the positions
// a NibbleMask of its keys' windows reports, thirty-two at a time.
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

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/index/nibble_mask.hpp"
#include "runtime/text/ascii.hpp"
#include "runtime/text/plain_ascii.hpp"
#include "runtime/text/simd.hpp"

namespace sigma::runtime {

class LiteralFilter {
 public:
  static constexpr std::size_t kMinLength = 3;
  static constexpr std::size_t kMaxLength = (std::size_t{1} << 24) - 1;  // see Key

  // Whether add() keeps `literal`: kMinLength bytes or more (up to kMaxLength), or 2 starting
  // with a non-ASCII byte.
  static bool accepts(std::string_view literal) {
    return (literal.size() >= kMinLength && literal.size() <= kMaxLength) ||
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
    scan_as<false>(text, hit);
  }

  // scan() of ASCII text (every byte below 0x80) in any case: finds what scan() finds in the
  // text lowered, which is its folding, without making that copy.
  template <class Hit>
  void scan_ascii(std::string_view text, Hit&& hit) const {
    scan_as<true>(text, hit);
  }
  // scan_ascii() of `text` when it is plain (every byte below 0x80, none `excluded`, which is
  // not NUL); false when it is not, some hits reported or none. Where the nibble pass runs on
  // AVX-512, one pass tests both, 64 positions at a time (the raw-text gate's scan).
  template <class Hit>
  bool scan_plain(std::string_view text, char excluded, Hit&& hit) const {
    if (!nibbles_.usable() || !nibbles_.wide()) {
      if (!text::is_plain_ascii(text, excluded)) return false;
      scan_ascii(text, hit);
      return true;
    }
    const PositionTest<true, Hit> at{*this, text, hit};
    const std::size_t blocks = (text.size() + 63) / 64;
    bool plain = true;
    std::uint64_t masks[32];
    for (std::size_t first = 0; first < blocks; first += 32) {
      const std::size_t count = std::min<std::size_t>(32, blocks - first);
      std::uint32_t some =
          nibbles_.plain_blocks(text.data(), text.size(), first, count, excluded, plain, masks);
      if (!plain) return false;
      for (; some != 0; some &= some - 1) {
        const auto b = static_cast<std::size_t>(std::countr_zero(some));
        for (std::uint64_t m = masks[b]; m != 0; m &= m - 1)
          at((first + b) * 64 + static_cast<std::size_t>(std::countr_zero(m)));
      }
    }
    return true;
  }

  // Whether scan_ascii() of `size` bytes costs about what scan() does: where the nibble pass
  // runs, only the positions it reports are lowered; elsewhere every position is, which costs
  // more than folding the text once.
  bool scans_ascii_cheaply(std::size_t size) const {
    return nibbles_.usable() && size >= NibbleMask::kReach;
  }

 private:
  // kLower: the text is ASCII not yet lowered, and each window read is lowered first.
  template <bool kLower, class Hit>
  void scan_as(std::string_view text, Hit& hit) const {
    if (!kLower && !pairs_.keys.empty()) scan_pairs(text, hit);  // pairs are not ASCII
    if (text.size() < kMinLength) return;
    if (nibbles_.usable() && text.size() >= NibbleMask::kReach)
      return scan_blocks<kLower>(text, hit);
    const char* p = text.data();
    const std::size_t n = text.size();
    // Locals, so the loop keeps them in registers across the (rare) calls to check().
    const std::uint64_t* const longs = long_.bitmap.data();
    const unsigned long_shift = 32 - long_.bits;
    std::size_t i = 0;
    if (short_.keys.empty()) {
      if (long_.keys.empty()) return;
      for (; i + 4 <= n; ++i) {
        const std::uint32_t g = window<kLower>(p + i, 4);
        if (marked(longs, hash4(g, long_shift))) check<kLower>(long_, g, text, i, hit);
      }
      return;
    }
    // Without 4-byte keys, long_'s bitmap is one empty word that every position tests.
    const std::uint64_t* const shorts = short_.bitmap.data();
    const unsigned short_shift = 32 - short_.bits;
    for (; i + 4 <= n; ++i) {
      const std::uint32_t g = window<kLower>(p + i, 4);
      if (marked(longs, hash4(g, long_shift))) check<kLower>(long_, g, text, i, hit);
      if (marked(shorts, hash3(g & 0xFFFFFFu, short_shift)))
        check<kLower>(short_, g & 0xFFFFFFu, text, i, hit);
    }
    const std::uint32_t g = window<kLower>(p + i, 3);  // the last position holds 3 bytes
    if (marked(shorts, hash3(g, short_shift))) check<kLower>(short_, g, text, i, hit);
  }

  // A literal of up to 16 bytes is checked from its key alone, its head and tail; a longer
  // one compares its middle in pool_ too. (The tail saves the read of pool_, a cache miss in
  // a large filter, for a quarter of the corpus's hits.) 32 bytes, two keys to a cache line.
  struct Key {
    std::uint64_t head = 0;  // the literal's first 8 bytes (fewer, zero-padded, if shorter)
    std::uint64_t tail = 0;  // its last 8 bytes, when it has more than 8
    std::uint32_t gram = 0;  // the window the key is found by
    std::uint32_t literal = 0;
    std::uint32_t start = 0;       // of the literal's bytes in pool_
    std::uint32_t size : 24 = 0;   // of the literal (kMaxLength at most)
    std::uint32_t offset : 8 = 0;  // of the window in the literal (kMaxOffset at most)
  };
  static_assert(sizeof(Key) == 32);
  static constexpr std::uint32_t kMaxOffset = 255;
  static Key key_of(std::string_view literal, std::uint32_t id, std::uint32_t start,
                    std::uint32_t gram, std::uint32_t offset);
  struct Slot {
    std::uint32_t gram = 0;
    std::uint32_t key = kEmpty;  // the first key of the gram's run
  };
  // The keys of one width, sorted by gram, with an open-addressing table from gram to the
  // first key of its run, and a bitmap of the keys' hashes (one word when there are no keys).
  struct Table {
    std::vector<Key> keys;
    std::vector<Slot> slots;
    std::uint32_t mask = 0;
    std::vector<std::uint64_t> bitmap;
    unsigned bits = 6;  // log2 of the bitmap's bits
  };
  static constexpr std::uint32_t kEmpty = 0xffffffffu;

  // The product's high half folded into its low bits: masked alone, bits 7 up of the product
  // missed the gram's last byte, and grams alike but for it ("powe", "powr") shared a slot.
  static std::uint32_t slot_of(std::uint32_t gram) {
    const std::uint32_t h = gram * 0x85EBCA6Bu;
    return h ^ (h >> 16);
  }
  static std::uint32_t load(const char* p, std::size_t width) {
    std::uint32_t v = 0;
    std::memcpy(&v, p, width);
    return v;
  }
  static std::uint64_t head_of(const char* p, std::size_t size) { return text::load_word(p, size); }
  // The bytes of a head that hold a literal of `size` bytes.
  static std::uint64_t head_mask(std::uint32_t size) {
    if (size >= 8) return ~std::uint64_t{0};
    if constexpr (std::endian::native == std::endian::little)
      return (std::uint64_t{1} << (8 * size)) - 1;
    else
      return ~std::uint64_t{0} << (64 - 8 * size);
  }
  template <bool kLower>
  static std::uint32_t window(const char* p, std::size_t width) {
    const std::uint32_t g = load(p, width);
    return kLower ? text::lower_ascii_word(g) : g;
  }
  // A gram's bit in a bitmap of 2^(32 - shift) bits (the two widths have bitmaps of their own).
  static std::uint32_t hash4(std::uint32_t gram, unsigned shift) {
    return (gram * 0x9E3779B1u) >> shift;
  }
  static std::uint32_t hash3(std::uint32_t gram, unsigned shift) {
    return (gram * 0xC2B2AE35u) >> shift;
  }
  static bool marked(const std::uint64_t* bitmap, std::uint32_t h) {
    return (bitmap[h >> 6] >> (h & 63)) & 1u;
  }
  // Sorts t's keys (merging `also`'s, sorted already), then builds its slots and its bitmap
  // with `hash` and about `per_key` bits per key (no bitmap without `hash`: pairs have theirs).
  static void build_table(Table& t, const Table* also, std::uint32_t literal_base,
                          std::uint32_t pool_base, unsigned per_key,
                          std::uint32_t (*hash)(std::uint32_t, unsigned));

  // scan() where nibbles_ is usable and the text fills a block: the positions it reports get
  // the tests scan() makes at every position. Blocks cover the positions 0 .. n-3 (a key needs
  // 3 bytes), up to 16 of them masked at a time; the last one ends at the text's end, and its
  // positions the one before tested already are masked off. A text of up to 16 blocks (512
  // bytes) is one call of the nibble pass, so its tables are loaded once.
  // The tests scan() makes at every position, for the positions a nibble pass reports; the
  // tables' addresses and shifts kept in locals (registers) across the calls.
  template <bool kLower, class Hit>
  struct PositionTest {
    const LiteralFilter& f;
    std::string_view text;
    Hit& hit;
    const std::uint64_t* longs = f.long_.bitmap.data();
    const std::uint64_t* shorts = f.short_.bitmap.data();
    unsigned long_shift = 32 - f.long_.bits, short_shift = 32 - f.short_.bits;

    void operator()(std::size_t i) const {
      const char* p = text.data();
      if (i + 4 <= text.size()) {
        const std::uint32_t g = window<kLower>(p + i, 4);
        if (marked(longs, hash4(g, long_shift))) f.check<kLower>(f.long_, g, text, i, hit);
        if (marked(shorts, hash3(g & 0xFFFFFFu, short_shift)))
          f.check<kLower>(f.short_, g & 0xFFFFFFu, text, i, hit);
      } else {
        const std::uint32_t g = window<kLower>(p + i, 3);
        if (marked(shorts, hash3(g, short_shift))) f.check<kLower>(f.short_, g, text, i, hit);
      }
    }
  };

  // scan() where nibbles_ is usable and the text fills a block: the positions it reports get
  // the tests scan() makes at every position. Blocks cover the positions 0 .. n-3 (a key needs
  // 3 bytes), up to 16 of them masked at a time; the last one ends at the text's end, and its
  // positions the one before tested already are masked off. A text of up to 16 blocks (512
  // bytes) is one call of the nibble pass, so its tables are loaded once.
  template <bool kLower, class Hit>
  void scan_blocks(std::string_view text, Hit& hit) const {
    constexpr std::size_t kBlock = NibbleMask::kBlock, kReach = NibbleMask::kReach;
    const PositionTest<kLower, Hit> at{*this, text, hit};
    // Block i starts at min(i * kBlock, last): the last block ends at the text's end.
    const std::size_t last = text.size() - kReach;
    const std::size_t blocks = (last + kBlock - 1) / kBlock + 1;
    std::uint32_t masks[16];
    for (std::size_t first = 0; first < blocks; first += 16) {
      const std::size_t count = std::min<std::size_t>(16, blocks - first);
      for (std::uint32_t some = nibbles_.blocks(text.data(), first, count, last, masks); some != 0;
           some &= some - 1) {
        const auto b = static_cast<std::size_t>(std::countr_zero(some));
        const std::size_t start = std::min((first + b) * kBlock, last);
        std::uint32_t m = masks[b];
        if (start < (first + b) * kBlock) m &= ~std::uint32_t{0} << ((first + b) * kBlock - start);
        for (; m != 0; m &= m - 1) at(start + static_cast<std::size_t>(std::countr_zero(m)));
      }
    }
  }

  // The 2-byte keys at each non-ASCII byte of `text` but its last.
  template <class Hit>
  void scan_pairs(std::string_view text, Hit& hit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const auto at = [&](std::size_t i) {
      const std::uint32_t g = load(text.data() + i, 2);
      if ((pair_bits_[g >> 6] >> (g & 63)) & 1u) check<false>(pairs_, g, text, i, hit);
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

  template <bool kLower, class Hit>
  void check(const Table& t, std::uint32_t gram, std::string_view text, std::size_t at,
             Hit& hit) const {
    for (std::uint32_t slot = slot_of(gram) & t.mask;; slot = (slot + 1) & t.mask) {
      const Slot s = t.slots[slot];
      if (s.key == kEmpty) return;
      if (s.gram != gram) continue;
      for (std::uint32_t j = s.key; j < t.keys.size() && t.keys[j].gram == gram; ++j) {
        const Key& key = t.keys[j];
        if (at < key.offset) continue;
        const std::size_t begin = at - key.offset;
        const std::size_t room = text.size() - begin;
        const std::uint32_t size = key.size;
        if (size > room) continue;
        const char* from = text.data() + begin;
        std::uint64_t head = room >= 8 ? head_of(from, 8) : head_of(from, room);
        if (kLower) head = text::lower_ascii_word(head);
        if (((head ^ key.head) & head_mask(size)) != 0) continue;
        if (size > 8) {
          std::uint64_t tail = head_of(from + size - 8, 8);
          if (kLower) tail = text::lower_ascii_word(tail);
          if (tail != key.tail) continue;
          if (size > 16 &&
              !text::equal_lowered<kLower>(from + 8, pool_.data() + key.start + 8, size - 16))
            continue;
        }
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
  NibbleMask nibbles_;                    // the 3- and 4-byte keys' first 3 bytes, when few
};

}  // namespace sigma::runtime
