// SigmaString: the specification's escape rules (as pySigma reads them) and the lowering of
// wildcard patterns to the narrowest string operation.
#include "compiler/modifiers/sigma_string.hpp"

#include <catch.hpp>

#include "tests/unit/modifiers/dump.hpp"

namespace sigma::modifiers {
namespace {

std::string parts(const SigmaString& s) {
  std::string out;
  for (const auto& p : s.parts()) {
    if (!out.empty()) out += ' ';
    switch (p.kind) {
      case Part::Kind::Literal:
        out += "'" + p.text + "'";
        break;
      case Part::Kind::AnyRun:
        out += '*';
        break;
      case Part::Kind::AnyChar:
        out += '?';
        break;
      case Part::Kind::Placeholder:
        out += '%' + p.text + '%';
        break;
    }
  }
  return out;
}

std::string match(std::string_view written, bool cased = false) {
  const auto m = to_string_match(SigmaString::parse(written), cased);
  return std::string(test::op_name(m.op)) + " " + m.pattern;
}

}  // namespace

TEST_CASE("SigmaString parses wildcards and the specification's escapes", "[sigma_string]") {
  struct Case {
    const char* written;
    bool placeholders;
    const char* parts;
  };
  const Case cases[] = {
      {"abc", false, "'abc'"},
      {"", false, ""},
      {"a*b?c", false, "'a' * 'b' ? 'c'"},
      {"**", false, "* *"},
      // A backslash before anything but * ? \ is a literal backslash: paths need no doubling.
      {R"(C:\Windows\System32)", false, R"('C:\Windows\System32')"},
      // ... but before a wildcard it escapes it: this is a literal star, not a prefix match.
      {R"(C:\Windows\*)", false, R"('C:\Windows*')"},
      {R"(C:\\Windows\\*)", false, R"('C:\Windows\' *)"},
      {R"(\*)", false, "'*'"},
      {R"(\?)", false, "'?'"},
      {R"(\\)", false, R"('\')"},
      {R"(\\*)", false, R"('\' *)"},
      {R"(\\\*)", false, R"('\*')"},
      {R"(\\\\)", false, R"('\\')"},
      {R"(\\\)", false, R"('\\')"},     // three: an escaped backslash, then a lone one
      {R"(abc\)", false, R"('abc\')"},  // trailing single backslash
      {R"(\)", false, R"('\')"},
      {R"(a\nb)", false, R"('a\nb')"},
      // Placeholders only under |expand; `\%` is a literal percent sign there.
      {"%name%", false, "'%name%'"},
      {R"(\%x)", false, R"('\%x')"},
      {"%name%", true, "%name%"},
      {"pre%a%mid%b_2%", true, "'pre' %a% 'mid' %b_2%"},
      {R"(\%plain%name%)", true, "'%plain' %name%"},
      {"100%", true, "'100%'"},
      {"%a b%", true, "'%a b%'"},
      {"%%", true, "'%%'"},
      {"*%x%*", true, "* %x% *"},
  };
  for (const auto& c : cases) {
    INFO(c.written);
    CHECK(parts(SigmaString::parse(c.written, c.placeholders)) == c.parts);
  }
}

TEST_CASE("SigmaString written() escapes literal wildcards back", "[sigma_string]") {
  CHECK(SigmaString::parse(R"(a\*b*)").written() == R"(a\*b*)");
  CHECK(SigmaString::parse("x?%n%", true).written() == "x?%n%");
}

TEST_CASE("SigmaString exact() is read back as the same string", "[sigma_string]") {
  for (const char* written : {R"(a\*b*)", R"(c:\\dir\?x?)", R"(50\%)", "p%name%q", R"(end\)"}) {
    for (const bool placeholders : {false, true}) {
      CAPTURE(written, placeholders);
      const SigmaString s = SigmaString::parse(written, placeholders);
      CHECK(SigmaString::parse(s.exact(placeholders), placeholders) == s);
    }
  }
  // Backslashes are escaped too, unlike in written(), which is for messages.
  CHECK(SigmaString::parse(R"(c:\dir)").exact(false) == R"(c:\\dir)");
  CHECK(SigmaString::parse("5%", true).exact(true) == R"(5\%)");
}

TEST_CASE("wildcard patterns lower to the narrowest string operation", "[sigma_string]") {
  struct Case {
    const char* written;
    bool cased;
    const char* expected;
  };
  const Case cases[] = {
      {"abc", false, "exact abc"},
      {"ABC", false, "exact abc"},
      {"ABC", true, "exact ABC"},
      {"abc*", false, "prefix abc"},
      {"*abc", false, "suffix abc"},
      {"*abc*", false, "contains abc"},
      {"**abc**", false, "contains abc"},
      {"*", false, "contains "},
      {"**", false, "contains "},
      {"", false, "exact "},
      {"a*c", false, "glob a*c"},
      {"?", false, "glob ?"},
      {"*a?c*", false, "glob *a?c*"},
      {"a**c", false, "glob a*c"},
      {R"(*\*)", false, "suffix *"},
      {R"(a\*b*c)", false, R"(glob a\*b*c)"},
      {R"(*\\x*y)", false, R"(glob *\\x*y)"},
      {R"(C:\\Windows\\*)", false, R"(prefix c:\windows\)"},
      {R"(*\cmd.exe)", false, R"(suffix \cmd.exe)"},
      // Unicode simple case folding, not ASCII only.
      {"*ÄBC*", false, "contains äbc"},
      {"ΣΑΣ", false, "exact σασ"},
      {"ΣΑΣ", true, "exact ΣΑΣ"},
  };
  for (const auto& c : cases) {
    INFO(c.written);
    CHECK(match(c.written, c.cased) == c.expected);
  }
}

}  // namespace sigma::modifiers
