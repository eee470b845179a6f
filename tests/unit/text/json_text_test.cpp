// The one JSON string writer every JSON output uses (alerts, diagnostics, eval values).
#include "runtime/text/json_text.hpp"

#include <catch.hpp>
#include <random>
#include <string>

namespace {

std::string json(std::string_view s) {
  std::string out;
  sigma::text::append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("JSON strings escape what JSON requires and keep valid UTF-8", "[json_text]") {
  CHECK(json("") == "\"\"");
  CHECK(json("C:\\Windows \"x\"") == R"("C:\\Windows \"x\"")");
  CHECK(json("a\nb\rc\td\be\ff") == R"("a\nb\rc\td\be\ff")");
  CHECK(json(std::string("\x01\x1f\x7f", 3)) == R"("\u0001\u001f\u007f")");
  CHECK(json(std::string("nul\0", 4)) == R"("nul\u0000")");
  CHECK(json("\xd0\xb0 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"\xd0\xb0 \xe2\x82\xac \xf0\x9f\x98\x80\"");
}

TEST_CASE("JSON strings replace each byte of an invalid sequence with U+FFFD", "[json_text]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(json("bad\xff") == "\"bad" + fffd + "\"");
  CHECK(json("\xc0\xaf") == "\"" + fffd + fffd + "\"");                  // overlong '/'
  CHECK(json("\xed\xa0\x80") == "\"" + fffd + fffd + fffd + "\"");       // a surrogate
  CHECK(json("\xe2\x82") == "\"" + fffd + fffd + "\"");                  // cut short
  CHECK(sigma::text::utf8_sequence_length("\xf4\x90\x80\x80", 0) == 0);  // past U+10FFFF
  CHECK(sigma::text::utf8_sequence_length("\xf4\x8f\xbf\xbf", 0) == 4);
}

TEST_CASE("JSON strings of random bytes are valid UTF-8 with no raw control bytes", "[json_text]") {
  std::mt19937 rng(21);
  for (int i = 0; i < 5000; ++i) {
    std::string in;
    for (std::size_t n = rng() % 40; n > 0; --n) in.push_back(static_cast<char>(rng() % 256));
    const std::string out = json(in);
    for (std::size_t k = 0; k < out.size();) {
      const std::size_t n = sigma::text::utf8_sequence_length(out, k);
      REQUIRE(n > 0);
      REQUIRE(static_cast<unsigned char>(out[k]) >= 0x20);
      REQUIRE(out[k] != 0x7F);
      k += n;
    }
  }
}
