#include "runtime/index/exact_table.hpp"

#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

using ExactTable = sigma::runtime::ExactTable<std::uint32_t>;

namespace {

std::vector<std::uint32_t> found(const ExactTable& t, std::string_view text) {
  const auto span = t.find(text);
  return {span.begin(), span.end()};
}

}  // namespace

TEST_CASE("ExactTable answers each value's items, and nothing for other texts", "[exact_table]") {
  ExactTable empty;
  empty.build();
  CHECK(empty.empty());
  CHECK(found(empty, "x").empty());

  ExactTable t;
  t.add("whoami.exe", 3);
  t.add("4688", 1);
  t.add("whoami.exe", 7);
  t.add("whoami.exe", 3);  // the same pair twice counts once
  t.add("", 9);            // an empty value is a value
  t.build();
  CHECK_FALSE(t.empty());
  CHECK(found(t, "whoami.exe") == std::vector<std::uint32_t>{3, 7});
  CHECK(found(t, "4688") == std::vector<std::uint32_t>{1});
  CHECK(found(t, "") == std::vector<std::uint32_t>{9});
  CHECK(found(t, "whoami.ex").empty());
  CHECK(found(t, "whoami.exe ").empty());  // longer than every value
  CHECK(found(t, "4689").empty());
}

TEST_CASE("ExactTable agrees with a plain search on random values", "[exact_table]") {
  std::mt19937 rng(5);
  const auto word = [&] {
    std::string s;
    for (std::size_t n = rng() % 5; n > 0; --n) s.push_back("ab."[rng() % 3]);
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    ExactTable t;
    std::vector<std::pair<std::string, std::uint32_t>> added;
    for (std::uint32_t a = 0; a < 30; ++a) {
      added.emplace_back(word(), a);
      t.add(added.back().first, a);
    }
    t.build();
    for (int q = 0; q < 100; ++q) {
      const std::string text = word();
      std::vector<std::uint32_t> expected;
      for (const auto& [value, a] : added)
        if (value == text) expected.push_back(a);
      REQUIRE(found(t, text) == expected);
    }
  }
}

TEST_CASE("ExactTable finds ASCII text in any case without folding it first", "[exact_table]") {
  ExactTable t;
  t.add("execve", 1);
  t.add("kubectl", 2);
  t.add("c:\\windows\\system32\\whoami.exe", 3);  // longer than a word, with a tail
  t.add("12345678", 4);                           // exactly one word
  t.add("straße", 5);                             // not ASCII: no ASCII text lowers to it
  t.add("azbyc", 6);                              // the letters at both ends of the range
  t.build();
  const auto found_ascii = [&](std::string_view text) {
    const auto span = t.find_ascii(text);
    return std::vector<std::uint32_t>(span.begin(), span.end());
  };
  CHECK(found_ascii("EXECVE") == std::vector<std::uint32_t>{1});
  CHECK(found_ascii("execve") == std::vector<std::uint32_t>{1});
  CHECK(found_ascii("KubeCtl") == std::vector<std::uint32_t>{2});
  CHECK(found_ascii("C:\\Windows\\System32\\WHOAMI.EXE") == std::vector<std::uint32_t>{3});
  CHECK(found_ascii("12345678") == std::vector<std::uint32_t>{4});
  CHECK(found_ascii("AZBYC") == std::vector<std::uint32_t>{6});
  CHECK(found_ascii("STRASSE").empty());
  CHECK(found_ascii("EXECVE ").empty());
  CHECK(found_ascii("EXECV").empty());
  CHECK(found_ascii("C:\\Windows\\System32\\WHOAMI.EXF").empty());  // differs in the tail
  CHECK(found_ascii("D:\\Windows\\System32\\WHOAMI.EXE").empty());  // in the first word
  // Bytes next to the letters' range are not letters: '@' and '[' stay as they are.
  ExactTable punct;
  punct.add("`a{", 1);
  punct.build();
  CHECK(punct.find_ascii("@A{").empty());  // '@' is not '`' lowered
  CHECK(punct.find_ascii("`A[").empty());  // nor '[' '{'
  CHECK(punct.find_ascii("`A{").size() == 1);
}

TEST_CASE("ExactTable's ASCII look-up agrees with a look-up of the lowered text", "[exact_table]") {
  std::mt19937 rng(11);
  const auto word = [&](const char* letters, std::size_t count) {
    std::string s;
    for (std::size_t n = rng() % 19; n > 0; --n) s.push_back(letters[rng() % count]);
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    ExactTable t;
    std::vector<std::string> values;
    for (std::uint32_t a = 0; a < 40; ++a) {
      values.push_back(word("azy.@[`{", 8));
      t.add(values.back(), a);
    }
    t.build();
    for (int q = 0; q < 200; ++q) {
      // Mostly a value in random case, sometimes any text.
      std::string text = q % 4 == 0 ? word("aAzZ.@[`{", 9) : values[rng() % values.size()];
      for (char& c : text)
        if (c >= 'a' && c <= 'z' && rng() % 2 == 0) c = static_cast<char>(c - 'a' + 'A');
      std::string lowered = text;
      for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const auto a = t.find_ascii(text);
      REQUIRE(std::vector<std::uint32_t>(a.begin(), a.end()) == found(t, lowered));
    }
  }
}
