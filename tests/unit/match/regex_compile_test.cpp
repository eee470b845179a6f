// compile_regex: RE2's options for every regex of rules, pipelines and extensions.
#include <re2/re2.h>

#include <catch.hpp>
#include <string>

#include "runtime/match/regex_compile.hpp"

using sigma::match::compile_regex;

namespace {
const long long kDefault = re2::RE2::Options().max_mem();
}

TEST_CASE("compile_regex keeps RE2's defaults for ordinary regexes", "[regex]") {
  const auto re = compile_regex(R"(\\[a-z0-9]{1,32}\.(exe|dll)$)");
  REQUIRE(re->ok());
  CHECK(re->options().max_mem() == kDefault);
  CHECK_FALSE(re->options().log_errors());
  CHECK(re2::RE2::PartialMatch(R"(c:\windows\evil.dll)", *re));
  CHECK_FALSE(re2::RE2::PartialMatch(R"(c:\windows\evil.dllx)", *re));
}

TEST_CASE("compile_regex reports a bad pattern in the result, unlogged", "[regex]") {
  const auto re = compile_regex("(unclosed");
  CHECK_FALSE(re->ok());
  CHECK_FALSE(re->error().empty());
  CHECK_FALSE(re->options().log_errors());
}

TEST_CASE("compile_regex gives a large program a budget its DFA can run in", "[regex]") {
  // `.{100,}` keeps the default budget; `.{1000,}` (the SigmaHQ rule for abnormally long
  // PowerShell command lines) does not fit in it, and with it RE2 ran its NFA on every call.
  const auto small = compile_regex(".{100,}");
  const auto large = compile_regex(".{1000,}");
  REQUIRE(large->ok());
  CHECK(small->options().max_mem() == kDefault);
  CHECK(large->options().max_mem() > kDefault);
  CHECK(large->options().max_mem() <= 64ll << 20);
  CHECK(large->pattern() == ".{1000,}");
  // Its answers are RE2's: at least 1,000 characters on one line.
  CHECK_FALSE(re2::RE2::PartialMatch(std::string(999, 'a'), *large));
  CHECK(re2::RE2::PartialMatch(std::string(1000, 'a'), *large));
  CHECK(re2::RE2::PartialMatch(std::string(1500, 'a'), *large));
  std::string split(1500, 'a');
  split[700] = '\n';
  CHECK_FALSE(re2::RE2::PartialMatch(split, *large));
  CHECK(re2::RE2::PartialMatch(split + std::string(300, 'b'), *large));
}

TEST_CASE("compile_regex caps the budget of huge programs", "[regex]") {
  const auto huge = compile_regex(".{1000}x.{1000}y.{1000}");  // about 24,000 instructions
  REQUIRE(huge->ok());
  CHECK(huge->options().max_mem() == 64ll << 20);
  CHECK(re2::RE2::PartialMatch(std::string(1000, 'a') + "x" + std::string(1000, 'b') + "y" +
                                   std::string(1000, 'c'),
                               *huge));
}
