#include "runtime/index/nibble_mask.hpp"

#include <algorithm>
#include <array>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SIGMA_NIBBLE_AVX2 1
#endif

namespace sigma::runtime {

void NibbleMask::build(std::span<const std::uint32_t> windows) {
  low_ = {};
  high_ = {};
  usable_ = false;
  if (windows.empty() || windows.size() > kMaxWindows) return;
#ifdef SIGMA_NIBBLE_AVX2
  if (!__builtin_cpu_supports("avx2")) return;
  // Windows alike share a bucket (sorted by first byte, then second), so a bucket's nibbles
  // mix into fewer false positions than windows dealt out at random would.
  std::vector<std::uint32_t> sorted(windows.begin(), windows.end());
  const auto bytes_in_order = [](std::uint32_t w) {
    return (w & 0xFFu) << 16 | (w & 0xFF00u) | (w >> 16 & 0xFFu);
  };
  std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) {
    return bytes_in_order(a) < bytes_in_order(b);
  });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const auto bucket = static_cast<std::uint8_t>(1u << (i * 8 / sorted.size()));
    for (std::size_t k = 0; k < 3; ++k) {
      const std::uint32_t byte = sorted[i] >> (8 * k) & 0xFFu;
      low_[k][byte & 15] |= bucket;
      high_[k][byte >> 4] |= bucket;
      if ((byte | 0x20u) >= 'a' && (byte | 0x20u) <= 'z') high_[k][(byte ^ 0x20u) >> 4] |= bucket;
    }
  }
  usable_ = true;
  wide_ = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
          __builtin_cpu_supports("bmi2");
#endif
}

#ifdef SIGMA_NIBBLE_AVX2
namespace {

#define SIGMA_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline

SIGMA_AVX2_INLINE __m256i table(const std::array<std::uint8_t, 16>& t) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

// The buckets of the windows that may have at[k] as their byte (of the two tables').
SIGMA_AVX2_INLINE __m256i buckets(const char* at, __m256i low, __m256i high) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i text = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
  const __m256i lo = _mm256_and_si256(text, nibble);
  const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(text, 4), nibble);
  return _mm256_and_si256(_mm256_shuffle_epi8(low, lo), _mm256_shuffle_epi8(high, hi));
}

#undef SIGMA_AVX2_INLINE

#define SIGMA_AVX512_INLINE __attribute__((target("avx512bw,avx512vl,bmi2"), always_inline)) inline

SIGMA_AVX512_INLINE __m512i wide_table(const std::array<std::uint8_t, 16>& t) {
  // (The masked form: GCC 12 warns that the plain one's result starts uninitialised.)
  return _mm512_maskz_broadcast_i32x4(0xFFFF,
                                      _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

// For plain_blocks(): the bytes from `from` of the n at p, 64 of them, those past n as zero
// when kMasked (a masked load does not fault on the bytes it leaves out).
template <bool kMasked>
SIGMA_AVX512_INLINE __m512i load_from(const char* p, std::size_t n, std::size_t from) {
  if constexpr (!kMasked) {
    return _mm512_loadu_si512(p + from);
  } else {
    const std::size_t left = from < n ? std::min<std::size_t>(n - from, 64) : 0;
    return _mm512_maskz_loadu_epi8(_bzhi_u64(~std::uint64_t{0}, static_cast<unsigned>(left)),
                                   p + std::min(from, n));
  }
}

// The buckets of the windows that may have text's bytes there, 64 at a time (buckets()).
SIGMA_AVX512_INLINE __m512i loaded_buckets(__m512i text, __m512i low, __m512i high) {
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  const __m512i lo = _mm512_and_si512(text, nibble);
  const __m512i hi = _mm512_and_si512(_mm512_srli_epi16(text, 4), nibble);
  return _mm512_and_si512(_mm512_shuffle_epi8(low, lo), _mm512_shuffle_epi8(high, hi));
}

SIGMA_AVX512_INLINE __m512i wide_buckets(const char* at, __m512i low, __m512i high) {
  return loaded_buckets(_mm512_loadu_si512(at), low, high);
}

// plain_blocks()' tables and text. Passed by value, so that its blocks keep them in registers.
struct PlainPass {
  __m512i low0, low1, low2, high0, high1, high2, excluded;
  const char* p;
  std::size_t n;
};

// Positions at .. at + 63 of the pass's text, whose windows read up to at + 65: the ones where
// a window may start (up to n - 3), as bits. The bytes at .. at + 63 are tested for plain
// ASCII (`odd` gets the others), and with kEnd the two after them too (the text's last block).
// kMasked: the text is shorter than a block's reach, and its loads read only its bytes, the
// rest as zero. (Masked loads are avoided otherwise: one that spans two cache lines costs
// about ten cycles here.)
template <bool kMasked, bool kEnd>
SIGMA_AVX512_INLINE __mmask64 plain_block(const PlainPass s, std::size_t at, __mmask64& odd) {
  const __m512i v0 = load_from<kMasked>(s.p, s.n, at);
  const __m512i v2 = load_from<kMasked>(s.p, s.n, at + 2);
  const __m512i all = _mm512_and_si512(
      loaded_buckets(v0, s.low0, s.high0),
      _mm512_and_si512(loaded_buckets(load_from<kMasked>(s.p, s.n, at + 1), s.low1, s.high1),
                       loaded_buckets(v2, s.low2, s.high2)));
  odd |= _mm512_movepi8_mask(v0) | _mm512_cmpeq_epi8_mask(v0, s.excluded);
  if constexpr (kEnd) odd |= _mm512_movepi8_mask(v2) | _mm512_cmpeq_epi8_mask(v2, s.excluded);
  const __mmask64 found = _mm512_test_epi8_mask(all, all);
  if constexpr (!kMasked) return found;
  const std::size_t left = at + 2 < s.n ? std::min<std::size_t>(s.n - at - 2, 64) : 0;
  return found & _bzhi_u64(~std::uint64_t{0}, static_cast<unsigned>(left));
}

#undef SIGMA_AVX512_INLINE

}  // namespace

// blocks() with 64 positions at a time where two blocks are adjacent (all but a text's last),
// half the instructions of two 32-position blocks.
__attribute__((target("avx512bw,avx512vl,bmi2"))) std::uint32_t NibbleMask::wide_blocks(
    const char* p, std::size_t first, std::size_t count, std::size_t last,
    std::uint32_t* out) const {
  const __m512i low0 = wide_table(low_[0]), low1 = wide_table(low_[1]), low2 = wide_table(low_[2]);
  const __m512i high0 = wide_table(high_[0]), high1 = wide_table(high_[1]),
                high2 = wide_table(high_[2]);
  std::uint32_t any = 0;
  std::size_t b = 0;
  for (; b + 1 < count && (first + b + 1) * kBlock <= last; b += 2) {
    const char* at = p + (first + b) * kBlock;
    const __m512i all = _mm512_and_si512(
        wide_buckets(at, low0, high0),
        _mm512_and_si512(wide_buckets(at + 1, low1, high1), wide_buckets(at + 2, low2, high2)));
    const std::uint64_t hits = _mm512_test_epi8_mask(all, all);
    out[b] = static_cast<std::uint32_t>(hits);
    out[b + 1] = static_cast<std::uint32_t>(hits >> 32);
    any |= static_cast<std::uint32_t>(out[b] != 0) << b;
    any |= static_cast<std::uint32_t>(out[b + 1] != 0) << (b + 1);
  }
  for (; b < count; ++b) {  // the block placed at `last`, and an odd one out
    const char* at = p + std::min((first + b) * kBlock, last);
    const __m256i all =
        _mm256_and_si256(buckets(at, table(low_[0]), table(high_[0])),
                         _mm256_and_si256(buckets(at + 1, table(low_[1]), table(high_[1])),
                                          buckets(at + 2, table(low_[2]), table(high_[2]))));
    out[b] = _mm256_test_epi8_mask(all, all);
    any |= static_cast<std::uint32_t>(out[b] != 0) << b;
  }
  return any;
}

__attribute__((target("avx2"))) std::uint32_t NibbleMask::blocks(const char* p, std::size_t first,
                                                                 std::size_t count,
                                                                 std::size_t last,
                                                                 std::uint32_t* out) const {
  if (wide_) return wide_blocks(p, first, count, last, out);
  // Written out for the three bytes, so the six tables stay in registers across blocks.
  const __m256i low0 = table(low_[0]), low1 = table(low_[1]), low2 = table(low_[2]);
  const __m256i high0 = table(high_[0]), high1 = table(high_[1]), high2 = table(high_[2]);
  std::uint32_t any = 0;
  for (std::size_t b = 0; b < count; ++b) {
    const char* at = p + std::min((first + b) * kBlock, last);
    const __m256i all = _mm256_and_si256(
        buckets(at, low0, high0),
        _mm256_and_si256(buckets(at + 1, low1, high1), buckets(at + 2, low2, high2)));
    const __m256i none = _mm256_cmpeq_epi8(all, _mm256_setzero_si256());
    out[b] = ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
    any |= static_cast<std::uint32_t>(out[b] != 0) << b;
  }
  return any;
}
__attribute__((target("avx512bw,avx512vl,bmi2"))) std::uint32_t NibbleMask::plain_blocks(
    const char* p, std::size_t n, std::size_t first, std::size_t count, char excluded, bool& plain,
    std::uint64_t* out) const {
  const PlainPass s{wide_table(low_[0]),
                    wide_table(low_[1]),
                    wide_table(low_[2]),
                    wide_table(high_[0]),
                    wide_table(high_[1]),
                    wide_table(high_[2]),
                    _mm512_set1_epi8(excluded),
                    p,
                    n};
  __mmask64 odd = 0;
  std::uint32_t any = 0;
  const auto put = [&](std::size_t b, __mmask64 found) {
    out[b] = found;
    any |= static_cast<std::uint32_t>(found != 0) << b;
  };
  if (n < 66) {  // shorter than one block's reach: masked loads
    for (std::size_t b = 0; b < count; ++b)
      put(b, plain_block<true, false>(s, (first + b) * 64, odd));
  } else {
    // Whole blocks; the last one is placed at the text's end, overlapping the one before, and
    // the positions that one had are shifted out.
    const std::size_t last = n - 66;
    for (std::size_t b = 0; b < count; ++b) {
      const std::size_t at = (first + b) * 64;
      if (at < last)
        put(b, plain_block<false, false>(s, at, odd));
      else if (at - last < 64)
        put(b, plain_block<false, true>(s, last, odd) >> (at - last));
      else
        put(b, 0);  // past the text's last position
    }
  }
  if (odd != 0) plain = false;
  return any;
}

#else
std::uint32_t NibbleMask::plain_blocks(const char*, std::size_t, std::size_t, std::size_t, char,
                                       bool& plain, std::uint64_t*) const {
  plain = false;  // never called: wide() is false
  return 0;
}

std::uint32_t NibbleMask::blocks(const char*, std::size_t, std::size_t count, std::size_t,
                                 std::uint32_t* out) const {
  for (std::size_t b = 0; b < count; ++b) out[b] = ~std::uint32_t{0};
  return count >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << count) - 1;
}
#endif

std::uint32_t NibbleMask::block(const char* p) const {
  std::uint32_t m = 0;
  blocks(p, 0, 1, 0, &m);
  return m;
}

}  // namespace sigma::runtime
