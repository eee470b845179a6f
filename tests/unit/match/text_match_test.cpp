// TextMatcher: the literal operations and the lowering of star-only globs.
#include <catch.hpp>

#include "runtime/match/text_match.hpp"

using sigma::match::TextMatcher;
using sigma::match::TextOp;

TEST_CASE("literal operations", "[text]") {
  CHECK(TextMatcher(TextOp::Exact, "cmd.exe").matches("cmd.exe"));
  CHECK_FALSE(TextMatcher(TextOp::Exact, "cmd.exe").matches("cmd.exe "));
  CHECK(TextMatcher(TextOp::Exact, "").matches(""));
  CHECK(TextMatcher(TextOp::Prefix, "c:\\win").matches("c:\\windows"));
  CHECK_FALSE(TextMatcher(TextOp::Prefix, "c:\\win").matches("d:\\windows"));
  CHECK(TextMatcher(TextOp::Suffix, ".exe").matches("cmd.exe"));
  CHECK_FALSE(TextMatcher(TextOp::Suffix, ".exe").matches("exe"));
  CHECK(TextMatcher(TextOp::Contains, "").matches(""));
  CHECK(TextMatcher(TextOp::Contains, "mimikatz").matches("run mimikatz now"));
  CHECK_FALSE(TextMatcher(TextOp::Contains, "mimikatz").matches("mimikat"));
  // A literal op takes wildcard characters literally.
  CHECK(TextMatcher(TextOp::Contains, "*").matches("a*b"));
  CHECK_FALSE(TextMatcher(TextOp::Contains, "*").matches("ab"));
}

TEST_CASE("long needles", "[text]") {
  const std::string needle = "sekurlsa::logonpasswords /all /verbose";
  std::string hay(100000, 'x');
  const TextMatcher m(TextOp::Contains, needle);
  CHECK_FALSE(m.matches(hay));
  hay.replace(77777, needle.size(), needle);
  CHECK(m.matches(hay));
}

TEST_CASE("star-only globs are lowered", "[text]") {
  const auto lowered = [](std::string_view p) { return TextMatcher(TextOp::Glob, p); };
  CHECK(lowered("abc").op() == TextOp::Exact);
  CHECK(lowered("abc*").op() == TextOp::Prefix);
  CHECK(lowered("*abc").op() == TextOp::Suffix);
  CHECK(lowered("*abc*").op() == TextOp::Contains);
  CHECK(lowered("*").op() == TextOp::Prefix);
  CHECK(lowered("**abc**").op() == TextOp::Contains);
  CHECK(lowered("a*c").op() == TextOp::Glob);
  CHECK(lowered("*a*c*").op() == TextOp::Glob);
  CHECK(lowered("a?c").op() == TextOp::Glob);
  CHECK(lowered("*\\*x\\?*").op() == TextOp::Contains);
  CHECK(lowered("*\\*x\\?*").literal() == "*x?");
  CHECK(lowered("*\\*x\\?*").matches("a*x?b"));
  CHECK_FALSE(lowered("*\\*x\\?*").matches("a*xyb"));
  CHECK(lowered("*").matches(""));
  CHECK(lowered("\\\\").matches("\\"));
}
