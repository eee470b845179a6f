// The encoders and windash on their own: the specification's and pySigma's examples.
#include "compiler/modifiers/encodings.hpp"

#include <algorithm>
#include <catch.hpp>

#include "compiler/modifiers/windash.hpp"

namespace sigma::modifiers {
namespace {

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (!out.empty()) out += ' ';
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string utf16(std::string_view text, Utf16Form form) {
  const auto s = encode_utf16(SigmaString::literal(text), form);
  return s ? hex(s->plain()) : "invalid";
}

}  // namespace

TEST_CASE("utf16 encoders follow the appendix's `cmd` examples", "[encodings]") {
  CHECK(utf16("cmd", Utf16Form::LittleEndian) == "63 00 6d 00 64 00");
  CHECK(utf16("cmd", Utf16Form::BigEndian) == "00 63 00 6d 00 64");
  CHECK(utf16("cmd", Utf16Form::WithBom) == "ff fe 63 00 6d 00 64 00");
  CHECK(utf16("é", Utf16Form::LittleEndian) == "e9 00");
  CHECK(utf16("😀", Utf16Form::LittleEndian) == "3d d8 00 de");  // surrogate pair
  CHECK(utf16("\xff", Utf16Form::LittleEndian) == "invalid");
}

TEST_CASE("utf16 keeps wildcards as tokens", "[encodings]") {
  const auto s = encode_utf16(SigmaString::parse("a*"), Utf16Form::LittleEndian);
  REQUIRE(s);
  CHECK(s->has_wildcards());
  CHECK(hex(s->plain()) == "61 00");
}

TEST_CASE("base64 is RFC 4648 with padding", "[encodings]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("http://") == "aHR0cDovLw==");
  CHECK(base64_encode(std::string_view("c\0m\0d\0", 6)) == "YwBtAGQA");
  CHECK(base64_encode("\xff\xfe\xfd") == "//79");
}

TEST_CASE("base64offset gives pySigma's three stable fragments", "[encodings]") {
  CHECK(base64_offsets("/bin/bash") ==
        std::vector<std::string>{"L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2"});
  CHECK(base64_offsets(std::string_view("c\0m\0d\0", 6)) ==
        std::vector<std::string>{"YwBtAGQA", "MAbQBkA", "jAG0AZA"});
  CHECK(base64_offsets("ab") == std::vector<std::string>{"YW", "Fi", "hY"});
  CHECK(base64_offsets("a") == std::vector<std::string>{"Y", "h"});  // the empty one dropped
  CHECK(base64_offsets("").empty());
}

TEST_CASE("windash varies only dashes that start an option", "[windash]") {
  struct Case {
    const char* written;
    std::size_t positions;
  };
  const Case cases[] = {
      {"-foo /bar", 2}, {"a-b", 0},   {"--foo", 1}, {"-foo-bar", 1}, {"/c", 1},
      {"x /", 0},       {"x - y", 0}, {"*-foo", 1}, {"é-x", 0},      {"\u2013foo", 0},
      {" -s -i", 2},    {"-", 0},     {"(-x)", 1},  {"-1", 1},       {"--", 0},
  };
  for (const auto& c : cases) {
    INFO(c.written);
    CHECK(windash_positions(SigmaString::parse(c.written)) == c.positions);
  }
}

TEST_CASE("windash variants of `-foo /bar` use all five dashes at both positions", "[windash]") {
  const auto variants = windash_variants(SigmaString::parse("-foo /bar"));
  REQUIRE(variants.size() == 25);
  std::vector<std::string> texts;
  for (const auto& v : variants) texts.push_back(v.plain());
  CHECK(texts[0] == "-foo -bar");
  CHECK(texts[1] == "-foo /bar");
  CHECK(texts[2] == "-foo \u2013bar");
  CHECK(texts[6] == "/foo /bar");
  CHECK(texts[24] == "\u2015foo \u2015bar");
  std::sort(texts.begin(), texts.end());
  CHECK(std::unique(texts.begin(), texts.end()) == texts.end());
}

TEST_CASE("windash keeps wildcards in place", "[windash]") {
  const auto variants = windash_variants(SigmaString::parse("* -s*"));
  REQUIRE(variants.size() == 5);
  CHECK(variants[1].written() == "* /s*");
  CHECK(variants[4].written() == "* \u2015s*");
}

}  // namespace sigma::modifiers
