// equal_bytes against memcmp at every length around its word sizes, with a difference at every
// position: the overlapping words must together cover every byte.
#include "runtime/text/equal_bytes.hpp"

#include <catch.hpp>
#include <cstring>
#include <string>

using sigma::text::equal_bytes;

TEST_CASE("equal_bytes sees a difference at any position of any length", "[equal_bytes]") {
  const std::string base = "kubernetes-process_creation-0123456789";
  for (std::size_t n = 0; n <= base.size(); ++n) {
    const std::string a = base.substr(0, n);
    std::string b = a;
    CHECK(equal_bytes(a.data(), b.data(), n));
    for (std::size_t i = 0; i < n; ++i) {
      b[i] ^= 0x20;
      CHECK_FALSE(equal_bytes(a.data(), b.data(), n));
      b[i] = a[i];
    }
  }
}

TEST_CASE("equal_bytes reads only the n bytes it is given", "[equal_bytes]") {
  // Runs that differ just past their end are equal.
  const char a[] = "linux-A";
  const char b[] = "linux-B";
  for (std::size_t n = 0; n <= 6; ++n) CHECK(equal_bytes(a, b, n));
  CHECK_FALSE(equal_bytes(a, b, 7));
}
