// is_plain_ascii against a byte at a time reference, at every length around the 16- and
// 32-byte blocks its fast paths take (and the last block, which overlaps the one before).
#include "runtime/text/plain_ascii.hpp"

#include <catch.hpp>
#include <random>
#include <string>

TEST_CASE("is_plain_ascii finds a byte >= 0x80 or the excluded byte anywhere", "[plain_ascii]") {
  using sigma::text::is_plain_ascii;
  CHECK(is_plain_ascii("", '\\'));
  CHECK(is_plain_ascii(R"({"verb":"get"})", '\\'));
  CHECK_FALSE(is_plain_ascii(R"({"verb":"g\u0065t"})", '\\'));
  std::mt19937 rng(9);
  for (std::size_t n = 0; n < 100; ++n)
    for (std::size_t at = 0; at < n; ++at)
      for (const char bad : {'\\', '\x80', '\xff'}) {
        std::string text(n, 'a');
        text[at] = bad;
        INFO("length " << n << ", byte " << at);
        REQUIRE_FALSE(is_plain_ascii(text, '\\'));
        text[at] = static_cast<char>('!' + rng() % 90);  // printable ASCII
        REQUIRE(is_plain_ascii(text, '\\') == (text[at] != '\\'));
      }
}
