// Small SIMD helpers shared by the text scanners, with a portable fallback where SSE2 is not
// available.
#pragma once

#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sigma::text {

// Bit k set when p[k] >= 0x80, for k in 0..15 (p points at 16 readable bytes).
inline std::uint32_t high_bits16(const unsigned char* p) noexcept {
#ifdef __SSE2__
  return static_cast<std::uint32_t>(
      _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
#else
  std::uint32_t m = 0;
  for (int k = 0; k < 16; ++k) m |= static_cast<std::uint32_t>(p[k] >> 7) << k;
  return m;
#endif
}

}  // namespace sigma::text
