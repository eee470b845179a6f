// NibbleMask: a vectorised first pass for a small set of 3-byte windows, after the Teddy
// algorithm of Hyperscan. The windows are spread over 8 buckets; for each of a window's three
// bytes, two 16-entry tables (indexed by the byte's low and high nibble) give the buckets whose
// window may have that byte there. Thirty-two positions of a text are tested at once with byte
// shuffles, about an instruction per byte where a hash and a bitmap per position cost twelve.
//
// The test is a superset: every position where some window starts is reported, and a few
// others (a bucket's windows mixed nibble by nibble), so a caller checks what it reports. A
// window's ASCII letters match in either case (the two differ in the high nibble only), so the
// same masks serve folded text and ASCII text not yet lowered. With
// more than a few windows per bucket it reports most positions and is no longer worth it:
// usable() is false past kMaxWindows, or where the CPU lacks AVX2.
//
//   NibbleMask m;
//   m.build(windows);                 // each the window's bytes 0..2 in a uint32's low bytes
//   if (m.usable()) {
//     std::uint32_t hits = m.block(p);  // bit k: a window may start at p[k]; reads p[0..33]
//   }
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace sigma::runtime {

class NibbleMask {
 public:
  static constexpr std::size_t kBlock = 32;          // positions per block()
  static constexpr std::size_t kReach = kBlock + 2;  // bytes block() reads
  static constexpr std::size_t kMaxWindows = 32;     // 4 to a bucket

  // Windows hold their bytes in the low three bytes, the first byte lowest (a little-endian
  // load of the text). Not usable when there are none, too many, or no AVX2.
  void build(std::span<const std::uint32_t> windows);
  bool usable() const { return usable_; }

  // Bit k set when a window may start at p + k (k < 32); p must have kReach readable bytes.
  std::uint32_t block(const char* p) const;
  // out[i] = block(p + min((first + i) * kBlock, last)) for i < count (at most 32), the tables
  // loaded once; returns the blocks that have a position (bit i: out[i] != 0). `last` places a
  // text's last block at its end, overlapping the one before, so a short text is one call. p
  // must have last + kReach readable bytes.
  std::uint32_t blocks(const char* p, std::size_t first, std::size_t count, std::size_t last,
                       std::uint32_t* out) const;

  // Whether plain_blocks() is there: the CPU has AVX-512 (BW, VL) and BMI2.
  bool wide() const { return wide_; }
  // The positions of the n bytes at p, 64 at a time, reading nothing past p + n (the raw-text
  // gate's pass, which also tests the text for plain ASCII): out[i] bit k when a window may
  // start at 64 * (first + i) + k (up to n - 3), for i < count (at most 32). Returns the blocks
  // with a position (bit i), and clears `plain` when a byte of those blocks is 0x80 or more or
  // `excluded` (not NUL).
  std::uint32_t plain_blocks(const char* p, std::size_t n, std::size_t first, std::size_t count,
                             char excluded, bool& plain, std::uint64_t* out) const;

 private:
  // Per byte of the window: the buckets allowed by the low nibble, then by the high nibble.
  std::array<std::array<std::uint8_t, 16>, 3> low_{}, high_{};
  bool usable_ = false;
  bool wide_ = false;  // the CPU has AVX-512 (BW, VL) and BMI2: wide_blocks()
  std::uint32_t wide_blocks(const char* p, std::size_t first, std::size_t count, std::size_t last,
                            std::uint32_t* out) const;
};

}  // namespace sigma::runtime
