#include "runtime/index/nibble_mask.hpp"

#include <algorithm>
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
    }
  }
  usable_ = true;
#endif
}

#ifdef SIGMA_NIBBLE_AVX2
__attribute__((target("avx2"))) std::uint32_t NibbleMask::block(const char* p) const {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  __m256i buckets = _mm256_set1_epi8(-1);
  for (std::size_t k = 0; k < 3; ++k) {
    const __m256i low = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(low_[k].data())));
    const __m256i high = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(high_[k].data())));
    const __m256i text = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + k));
    const __m256i lo = _mm256_and_si256(text, nibble);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(text, 4), nibble);
    buckets = _mm256_and_si256(buckets, _mm256_and_si256(_mm256_shuffle_epi8(low, lo),
                                                         _mm256_shuffle_epi8(high, hi)));
  }
  const __m256i none = _mm256_cmpeq_epi8(buckets, _mm256_setzero_si256());
  return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
}
#else
std::uint32_t NibbleMask::block(const char*) const { return ~std::uint32_t{0}; }
#endif

}  // namespace sigma::runtime
