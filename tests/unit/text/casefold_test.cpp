// casefold against a code point at a time reference (ICU's simple case folding), on texts that
// mix ASCII, upper case, multi-byte characters and invalid bytes at every offset of the
// sixteen-byte blocks the fast paths take.
#include "runtime/text/casefold.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <catch.hpp>
#include <random>
#include <string>

namespace {

std::string reference(std::string_view in) {
  std::string out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  const auto n = static_cast<std::int32_t>(in.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.push_back(in[static_cast<std::size_t>(start)]);
      i = start + 1;
      continue;
    }
    std::uint8_t buf[U8_MAX_LENGTH];
    std::int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  }
  return out;
}

}  // namespace

TEST_CASE("casefold lowers ASCII and folds other characters", "[casefold]") {
  using sigma::text::casefold;
  CHECK(casefold("C:\\Windows\\System32\\CMD.EXE /C Whoami") ==
        "c:\\windows\\system32\\cmd.exe /c whoami");
  CHECK(casefold("@[`{ AZaz") == "@[`{ azaz");  // the bytes next to the letters stay
  CHECK(casefold("\xd0\x90\xd0\x91 \xe2\x84\xaa") ==
        "\xd0\xb0\xd0\xb1 k");  // Cyrillic, Kelvin sign
  CHECK(sigma::text::is_folded("c:\\windows\\system32\\cmd.exe /c whoami"));
  CHECK_FALSE(sigma::text::is_folded("c:\\windows\\system32\\cmd.exe /c whoamI"));
  CHECK_FALSE(sigma::text::is_folded("c:\\windows\\system32\\cmd.exe \xd0\x90"));
}

TEST_CASE("casefold and is_folded agree with the reference on random text", "[casefold]") {
  std::mt19937 rng(3);
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "q",
                                           "@",
                                           "[",
                                           "`",
                                           "{",
                                           " ",
                                           "\\",
                                           "0",
                                           "\xd0\x90",
                                           "\xc3\x9f",
                                           "\xe2\x84\xaa",
                                           "\xff",
                                           "\x80"};
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const bool ascii_only = rng() % 2 == 0;
    for (std::size_t n = rng() % 70; n > 0; --n)
      text += pieces[rng() % (ascii_only ? 10 : pieces.size())];
    INFO("text: " << text);
    const std::string want = reference(text);
    std::string got = "prefix:";  // appends to what is there
    sigma::text::casefold_append(text, got);
    REQUIRE(got == "prefix:" + want);
    REQUIRE(sigma::text::is_folded(text) == (want == text));
  }
}

TEST_CASE("folded_view uses folded text in place and folds the rest into the buffer",
          "[casefold]") {
  std::string buf = "left over";
  const std::string folded = "c:\\windows\\system32";
  const std::string_view same = sigma::text::folded_view(folded, buf);
  CHECK(same.data() == folded.data());  // no copy
  CHECK(buf == "left over");
  const std::string_view other = sigma::text::folded_view("C:\\Windows\\\u212A", buf);
  CHECK(other == "c:\\windows\\k");
  CHECK(other.data() == buf.data());  // the buffer is overwritten, not appended to
}
