// The one JSON string writer every JSON output uses (alerts, diagnostics, eval values).
#include "runtime/text/json_text.hpp"

#include <algorithm>
#include <catch.hpp>
#include <iterator>
#include <random>
#include <string>
#include <utility>

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

namespace {

// The escaping spelled out a byte at a time, as the writer did before it appended plain runs.
std::string reference(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = sigma::text::utf8_sequence_length(s, i);
      out += n > 0 ? std::string(s.substr(i, n)) : std::string("\xEF\xBF\xBD");
      i += n > 0 ? n : 1;
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    static constexpr std::pair<char, const char*> kNamed[] = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\r', "\\r"},
        {'\t', "\\t"}, {'\b', "\\b"},  {'\f', "\\f"}};
    const auto named = std::find_if(std::begin(kNamed), std::end(kNamed),
                                    [&](const auto& e) { return e.first == s[i]; });
    if (named != std::end(kNamed)) {
      out += named->second;
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += s[i];
    }
    ++i;
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("JSON strings of long text escape each special byte wherever it falls", "[json_text]") {
  // Plain runs are found sixteen bytes at a time: put each kind of special byte at every offset
  // of a block, and at the text's last bytes.
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x7f", "\xc3\xa9", "\xff", "\x1f"};
  for (const std::string& sp : specials)
    for (std::size_t at = 0; at < 40; ++at) {
      std::string in(40, 'x');
      in.insert(at, sp);
      REQUIRE(json(in) == reference(in));
      REQUIRE(json(in.substr(0, at + 1)) == reference(in.substr(0, at + 1)));
    }
  // Mostly printable text with a few special bytes, as script blocks and command lines are.
  std::mt19937 rng(5);
  for (int i = 0; i < 2000; ++i) {
    std::string in;
    for (std::size_t n = rng() % 300; n > 0; --n)
      in.push_back(rng() % 16 == 0 ? static_cast<char>(rng() % 256)
                                   : static_cast<char>(0x20 + rng() % 0x5F));
    REQUIRE(json(in) == reference(in));
  }
  const std::string big(100000, 'a');
  CHECK(json(big) == "\"" + big + "\"");
  std::string appended = "prefix";
  sigma::text::append_json_string(appended, "a\"b");
  CHECK(appended == R"(prefix"a\"b")");
}
