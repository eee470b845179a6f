// FewTexts: the raw-text gate's scan (raw_gate.hpp) when its texts have few distinct pairs. It
// answers whether a text may hold one of them in any case, and whether the text is plain ASCII,
// in one pass.
//
// Each text is looked for by two adjacent bytes, at an offset all the texts share (the one whose
// pairs are rarest, text::byte_rank): two loads per 64 positions serve every pair, and each
// distinct pair costs two compares. Only where a pair is found are the texts compared. The
// first load of each block also tells whether the text has a byte of 0x80 or more, or the byte
// the caller excludes. Adjacent bytes tell more than bytes apart: "seC" in "ResponseComplete"
// starts like "secrets", but "cr" is rare in a Kubernetes audit log.
//
// It needs AVX-512 (BW). With AVX2's 32 positions, or more than four distinct pairs (the
// Container CLI rule's twelve keywords have five), a NibbleMask pass and a separate ASCII test
// cost as little; for the Kubernetes seed rule's three texts over 575-byte events, this pass
// takes 35 ns an event where they take 62.
//
//   FewTexts f;
//   if (f.build(texts)) {  // texts of 2 bytes or more
//     if (!f.may_hold(raw, '\\')) { /* ASCII, no backslash, and none of the texts */ }
//   }
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::runtime {

class FewTexts {
 public:
  static constexpr std::size_t kMaxTexts = 16;
  static constexpr std::size_t kMaxPairs = 4;   // distinct pairs, each compared everywhere
  static constexpr std::size_t kMaxReach = 31;  // of a pair's second byte in its text

  // False, and not usable(), when there are no texts, more than kMaxTexts, one shorter than 2
  // bytes, more than kMaxPairs distinct pairs at every offset, or the CPU lacks AVX-512 (BW).
  // Texts are found in any ASCII case.
  bool build(std::span<const std::string> texts);
  bool usable() const { return !probes_.empty(); }

  // False only when `text` is ASCII, holds no byte `excluded` (not NUL), and holds none of the
  // texts in any case. Returns at the first sign of either.
  bool may_hold(std::string_view text, char excluded) const;

  // A text as it is compared where its pair is found (public for few_texts.cpp's kernel).
  struct Probe {
    std::string text;        // lowered
    std::uint64_t head = 0;  // its first 8 bytes, zero-padded
    std::uint64_t mask = 0;  // the bytes of `head` that are the text's
  };

 private:
  std::vector<Probe> probes_;
  std::vector<std::array<std::uint8_t, 2>> pairs_;  // the texts' distinct pairs, case bit set
  std::size_t offset_ = 0;                          // of the pairs in their texts
};

}  // namespace sigma::runtime
