#include "runtime/index/few_texts.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>

#include "runtime/text/ascii.hpp"
#include "runtime/text/byte_rank.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SIGMA_FEW_TEXTS_X86 1
#endif

namespace sigma::runtime {
namespace {

using Pair = std::array<std::uint8_t, 2>;

// The two bytes at `offset` of a text, with the case bit set (as the kernels compare them).
Pair folded_pair(std::string_view text, std::size_t offset) {
  return {static_cast<std::uint8_t>(text[offset] | 0x20),
          static_cast<std::uint8_t>(text[offset + 1] | 0x20)};
}

std::vector<Pair> distinct_pairs(std::span<const std::string> texts, std::size_t offset) {
  std::vector<Pair> pairs;
  for (const std::string& t : texts) pairs.push_back(folded_pair(t, offset));
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// A guess at how often a byte occurs in log text, from its rank: 'e' about one byte in eight,
// each step of 10 in rank half as often.
double share(std::uint8_t byte) {
  return 0.12 *
         std::exp2((static_cast<double>(text::byte_rank(static_cast<char>(byte))) - 255) / 10);
}

// The offset, the same in every text so that the pairs share their loads, of at most kMaxPairs
// distinct pairs, that costs least per position: each pair's compares, and a comparison of the
// texts where a pair is found by chance. Among the Kubernetes seed rule's texts, the rarest
// pairs ("cr", "rv", "nf") let 0.7 positions per event through, the first two bytes ("se",
// "co") eight. None (npos) when every offset has too many pairs.
std::size_t pair_offset(std::span<const std::string> texts) {
  constexpr double kCompare = 0.001;  // a pair's compares per position, against a comparison
  std::size_t shortest = FewTexts::kMaxReach + 1;
  for (const std::string& t : texts) shortest = std::min(shortest, t.size());
  std::size_t best = std::string::npos;
  double best_cost = 0;
  for (std::size_t i = 0; i + 1 < shortest; ++i) {
    const std::vector<Pair> pairs = distinct_pairs(texts, i);
    if (pairs.size() > FewTexts::kMaxPairs) continue;
    double cost = 0;
    for (const Pair& pair : pairs) cost += kCompare + share(pair[0]) * share(pair[1]);
    if (best == std::string::npos || cost < best_cost) {
      best = i;
      best_cost = cost;
    }
  }
  return best;
}

FewTexts::Probe probe_of(std::string_view text) {
  FewTexts::Probe p;
  p.text.assign(text);
  for (char& c : p.text) c = text::ascii_lower(c);
  p.head = text::load_word(p.text.data(), p.text.size());
  p.mask = p.text.size() >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * p.text.size())) - 1;
  return p;
}

// Whether `text` holds a probe's text at one of the positions `at` + k, k a bit of `starts`
// (where some probe's pair was found). Reported starts are few, and most are told apart by
// their first 8 bytes.
bool holds_any(std::span<const FewTexts::Probe> probes, std::string_view text, std::size_t at,
               std::uint64_t starts) {
  for (; starts != 0; starts &= starts - 1) {
    const std::size_t start = at + static_cast<std::size_t>(std::countr_zero(starts));
    const std::size_t room = text.size() - std::min(start, text.size());
    const std::uint64_t head =
        text::lower_ascii_word(text::load_word(text.data() + std::min(start, text.size()), room));
    for (const auto& probe : probes) {
      const std::size_t size = probe.text.size();
      if (size > room || ((head ^ probe.head) & probe.mask) != 0) continue;
      if (size <= 8 ||
          text::equal_lowered<true>(text.data() + start + 8, probe.text.data() + 8, size - 8))
        return true;
    }
  }
  return false;
}

#ifdef SIGMA_FEW_TEXTS_X86
#define SIGMA_AVX512 __attribute__((target("avx512f,avx512bw")))

// The probes' pairs as vectors, built once per call so that the loop keeps them in registers.
template <std::size_t K>
struct Lanes {
  __m512i excluded, case_bit;
  __m512i pair[K][2];
  std::size_t offset;
};

// Tests the text starts at .. at + 64 of `text` (n bytes): reports, as bits, the starts where
// some text's pair is found (of those in `keep`) and the bytes that are not plain. The pairs are
// compared with the case bit set on both sides: exact for letters, and for other bytes a
// superset (':' also finds 0x1A) that holds_any() sorts out. kMasked: the text is shorter than
// a block's reach, and its loads read only its bytes (a masked load does not fault on the bytes
// it leaves out), the rest as zero; masked loads are avoided otherwise, as one that spans two
// cache lines costs about ten cycles here. kEnd: the block ends at the text's end, and the
// bytes past its first 64 are tested for plain ASCII too.
template <bool kMasked, bool kEnd, std::size_t K>
SIGMA_AVX512 __attribute__((always_inline)) inline bool block(const char* text, std::size_t n,
                                                              std::size_t at, const Lanes<K>& l,
                                                              std::uint64_t keep,
                                                              std::uint64_t& odd,
                                                              std::uint64_t& starts) {
  const auto load = [text, n](std::size_t from) SIGMA_AVX512 {
    if constexpr (!kMasked) {
      return _mm512_loadu_si512(text + from);
    } else {
      const std::size_t left = from < n ? n - from : 0;
      const __mmask64 mask = left >= 64 ? ~__mmask64{0} : (__mmask64{1} << left) - 1;
      return _mm512_maskz_loadu_epi8(mask, text + std::min(from, n));
    }
  };
  const __m512i v = load(at);
  __mmask64 bad = _mm512_movepi8_mask(v) | _mm512_cmpeq_epi8_mask(v, l.excluded);
  const __m512i a = _mm512_or_si512(load(at + l.offset), l.case_bit);
  const __m512i raw_b = load(at + l.offset + 1);
  if constexpr (kEnd) bad |= _mm512_movepi8_mask(raw_b) | _mm512_cmpeq_epi8_mask(raw_b, l.excluded);
  const __m512i b = _mm512_or_si512(raw_b, l.case_bit);
  __mmask64 found = 0;
#pragma GCC unroll 4
  for (std::size_t k = 0; k < K; ++k)
    found |= _mm512_mask_cmpeq_epi8_mask(_mm512_cmpeq_epi8_mask(a, l.pair[k][0]), b, l.pair[k][1]);
  found &= keep;
  if ((bad | found) == 0) return false;
  odd = bad;
  starts = found;
  return true;
}

template <std::size_t K>
SIGMA_AVX512 bool may_hold_k(std::span<const FewTexts::Probe> probes, std::span<const Pair> pairs,
                             std::size_t offset, std::string_view text, char excluded) {
  constexpr std::size_t kWidth = 64;
  Lanes<K> l;
  l.excluded = _mm512_set1_epi8(excluded);
  l.case_bit = _mm512_set1_epi8(0x20);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t j = 0; j < 2; ++j)
      l.pair[k][j] = _mm512_set1_epi8(static_cast<char>(pairs[k][j]));
  l.offset = offset;
  const std::size_t n = text.size();
  std::uint64_t odd = 0, starts = 0;
  const std::size_t reach = offset + 1 + kWidth;  // the bytes a block reads
  const auto hit = [&](std::size_t at) { return odd != 0 || holds_any(probes, text, at, starts); };
  std::size_t at = 0;
  for (; at + reach <= n; at += kWidth)
    if (block<false, false>(text.data(), n, at, l, ~std::uint64_t{0}, odd, starts) && hit(at))
      return true;
  if (at == n) return false;
  if (n < reach) {
    for (; at < n; at += kWidth)
      if (block<true, false>(text.data(), n, at, l, ~std::uint64_t{0}, odd, starts) && hit(at))
        return true;
    return false;
  }
  // The last block ends at the text's end; its starts before `at` were tested already.
  const std::size_t end = n - reach;
  const std::uint64_t keep = at - end >= 64 ? 0 : ~std::uint64_t{0} << (at - end);
  return block<false, true>(text.data(), n, end, l, keep, odd, starts) && hit(end);
}

#undef SIGMA_AVX512
#endif

}  // namespace

bool FewTexts::build(std::span<const std::string> texts) {
  probes_.clear();
  pairs_.clear();
#ifdef SIGMA_FEW_TEXTS_X86
  if (texts.empty() || texts.size() > kMaxTexts || !__builtin_cpu_supports("avx512bw"))
    return false;
  if (std::any_of(texts.begin(), texts.end(), [](const auto& t) { return t.size() < 2; }))
    return false;
  offset_ = pair_offset(texts);
  if (offset_ == std::string::npos) return false;
  pairs_ = distinct_pairs(texts, offset_);
  for (const std::string& t : texts) probes_.push_back(probe_of(t));
  return true;
#else
  (void)texts;
  return false;
#endif
}

bool FewTexts::may_hold(std::string_view text, char excluded) const {
  assert(excluded != '\0');  // what the last block's masked loads read past the end
#ifdef SIGMA_FEW_TEXTS_X86
  switch (pairs_.size()) {
    case 1:
      return may_hold_k<1>(probes_, pairs_, offset_, text, excluded);
    case 2:
      return may_hold_k<2>(probes_, pairs_, offset_, text, excluded);
    case 3:
      return may_hold_k<3>(probes_, pairs_, offset_, text, excluded);
    case 4:
      return may_hold_k<4>(probes_, pairs_, offset_, text, excluded);
    default:
      break;
  }
#else
  (void)text;
  (void)excluded;
#endif
  return true;
}

}  // namespace sigma::runtime
