// Regexes that only count characters are answered by a search for newlines on ASCII text: the
// patterns recognised, and the answers against RE2's own.
#include "runtime/match/regex_run.hpp"

#include <re2/re2.h>

#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

using sigma::match::CharacterRun;
using sigma::match::has_run;
using sigma::match::run_of;

TEST_CASE("search answers a regex of literals by its literals, unless its options say no",
          "[regex_run]") {
  RE2::Options insensitive;
  insensitive.set_case_sensitive(false);
  const RE2 sensitive_re("(docker\\.sock|kubectl exec)"), insensitive_re("docker", insensitive);
  const auto sensitive = sigma::match::shortcut_of(sensitive_re);
  REQUIRE(sensitive.literals.has_value());
  CHECK_FALSE(sigma::match::shortcut_of(insensitive_re).literals.has_value());
  RE2::Options dot_nl;
  dot_nl.set_dot_nl(true);
  const RE2 dots(".{3}", dot_nl);
  REQUIRE(sigma::match::shortcut_of(dots).run.has_value());
  CHECK(sigma::match::shortcut_of(dots).run->newlines);  // `.` takes newlines under dot_nl
  for (const char* text : {"curl --unix-socket /run/docker.sock", "DOCKER.SOCK", "dockerXsock",
                           "kubectl exec -it", "a\nb"}) {
    INFO(text);
    CHECK(sigma::match::search(sensitive_re, sensitive, text) ==
          RE2::PartialMatch(text, sensitive_re));
    CHECK(sigma::match::search(insensitive_re, sigma::match::shortcut_of(insensitive_re), text) ==
          RE2::PartialMatch(text, insensitive_re));
    CHECK(sigma::match::search(dots, sigma::match::shortcut_of(dots), text) ==
          RE2::PartialMatch(text, dots));
  }
}

TEST_CASE("run_of recognises counted dots alone, with flags", "[regex_run]") {
  const auto run = [](std::string_view p) { return run_of(p); };
  REQUIRE(run(".{1000,}"));
  CHECK(run(".{1000,}")->min == 1000);
  CHECK_FALSE(run(".{1000,}")->newlines);
  CHECK(run(".{150}")->min == 150);
  CHECK(run(".{3,5}")->min == 3);
  CHECK(run(".{0}")->min == 0);
  CHECK(run("(?s).{4}")->newlines);
  CHECK_FALSE(run("(?im).{4}")->newlines);
  CHECK(run("(?ims).{2,}")->newlines);
  // Anything else is RE2's.
  for (const char* other :
       {"", ".", ".*", ".+", "a.{3}", ".{3}a", "^.{3}", ".{3}$", ".{5,3}", ".{,3}", ".{}", ".{3",
        ".{x}", ".{1001}", "(?x).{3}", "(?).{3}", "(?s)", "(.{3})", "\\.{3}", ".{3}?", ".{3,}+",
        "[.]{3}",
        // RE2 reads a count with a leading zero, or spaces, as text: `.` and then "{010}".
        ".{010}", ".{010,}", ".{3,05}", ".{00}", ".{ 3}", ".{3 }", ".{+3}"})
    CHECK_FALSE(run(other));
}

TEST_CASE("has_run answers as RE2 does on ASCII text", "[regex_run]") {
  const std::vector<std::string> patterns = {".{0}",   ".{1}",     ".{3,}",     ".{3,5}",  ".{7}",
                                             ".{12,}", "(?s).{4}", "(?i).{2,}", "(?m).{3}"};
  std::mt19937 rng(41);
  const std::string alphabet = std::string("ab \t\r\n\n.\\", 9) + std::string(1, '\0');
  for (const std::string& p : patterns) {
    const auto run = run_of(p);
    REQUIRE(run);
    const RE2 re(p);
    REQUIRE(re.ok());
    for (int n = 0; n < 4000; ++n) {
      std::string text;
      for (std::size_t k = rng() % 20; k > 0; --k)
        text.push_back(alphabet[rng() % alphabet.size()]);
      INFO("pattern " << p << " text of " << text.size() << " bytes");
      REQUIRE(has_run(text, *run) == RE2::PartialMatch(text, re));
    }
  }
  // The long-command-line rule, at its edge and past it, with a newline that splits the run.
  const CharacterRun long_line = *run_of(".{1000,}");
  CHECK_FALSE(has_run(std::string(999, 'x'), long_line));
  CHECK(has_run(std::string(1000, 'x'), long_line));
  CHECK_FALSE(has_run(std::string(600, 'x') + "\n" + std::string(600, 'x'), long_line));
  CHECK(has_run(std::string(600, 'x') + "\n" + std::string(1000, 'x'), long_line));
  CHECK(has_run(std::string(1000, 'x') + "\n", long_line));
  CHECK_FALSE(has_run("", long_line));
}

TEST_CASE("whatever run_of accepts, RE2 reads as a counted dot", "[regex_run]") {
  // Patterns of the shape with random counts (leading zeros, spaces, commas, flags): where
  // run_of() takes one, its answers must be RE2's on texts around the count.
  std::mt19937 rng(43);
  const std::vector<std::string> flags = {"", "(?i)", "(?s)", "(?m)", "(?x)", "(?)"};
  const std::vector<std::string> counts = {"0", "1", "2", "5", "00", "01", "05", " 2", "2 ", ""};
  int accepted = 0;
  for (int n = 0; n < 400; ++n) {
    std::string p = flags[rng() % flags.size()] + ".{" + counts[rng() % counts.size()];
    if (rng() % 2) p += "," + counts[rng() % counts.size()];
    p += "}";
    const auto run = run_of(p);
    if (!run) continue;
    ++accepted;
    const RE2 re(p);
    REQUIRE(re.ok());
    for (const std::string text : {"", "a", "ab", "abcd", "ab\ncd", "abcdef", "x{05}", "\n\n\n"}) {
      INFO("pattern " << p << " text " << text);
      REQUIRE(has_run(text, *run) == RE2::PartialMatch(text, re));
    }
  }
  CHECK(accepted > 50);
}
