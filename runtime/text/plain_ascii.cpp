#include "runtime/text/plain_ascii.hpp"

#include <cstddef>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SIGMA_PLAIN_ASCII_AVX2 1
#endif

namespace sigma::text {
namespace {

bool plain_tail(const unsigned char* p, std::size_t n, char excluded) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] >= 0x80 || p[i] == static_cast<unsigned char>(excluded)) return false;
  return true;
}

#ifdef SIGMA_PLAIN_ASCII_AVX2
__attribute__((target("avx2"))) bool plain_avx2(const unsigned char* p, std::size_t n,
                                                char excluded) noexcept {
  if (n < 32) return plain_tail(p, n, excluded);
  const __m256i x = _mm256_set1_epi8(excluded);
  // The last block is the text's last 32 bytes, overlapping the one before.
  for (std::size_t i = 0;; i = i + 64 <= n ? i + 32 : n - 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    if (_mm256_movemask_epi8(_mm256_or_si256(v, _mm256_cmpeq_epi8(v, x))) != 0) return false;
    if (i + 32 == n) return true;
  }
}
#endif

}  // namespace

bool is_plain_ascii(std::string_view text, char excluded) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
#ifdef SIGMA_PLAIN_ASCII_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return plain_avx2(p, n, excluded);
  const __m128i x = _mm_set1_epi8(excluded);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, x))) != 0) return false;
  }
  return plain_tail(p + i, n - i, excluded);
#else
  return plain_tail(p, n, excluded);
#endif
}

}  // namespace sigma::text
