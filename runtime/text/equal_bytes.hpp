// equal_bytes: whether two runs of n bytes are the same, without a call to memcmp for runs of
// up to 16 bytes (logsource names, compared for every event routed), where the call and its
// size dispatch cost more than the compare.
#pragma once

#include <cstdint>
#include <cstring>

namespace sigma::text {

inline bool equal_bytes(const char* a, const char* b, std::size_t n) noexcept {
  // Two words that overlap when n is not twice their size cover all n bytes.
  const auto two_words = [&]<class U>(U) {
    U a0, b0, a1, b1;
    std::memcpy(&a0, a, sizeof(U));
    std::memcpy(&b0, b, sizeof(U));
    std::memcpy(&a1, a + n - sizeof(U), sizeof(U));
    std::memcpy(&b1, b + n - sizeof(U), sizeof(U));
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  };
  if (n >= 8) return n <= 16 ? two_words(std::uint64_t{}) : std::memcmp(a, b, n) == 0;
  if (n >= 4) return two_words(std::uint32_t{});
  // 1..3 bytes: the first, the middle and the last are all of them.
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

}  // namespace sigma::text
