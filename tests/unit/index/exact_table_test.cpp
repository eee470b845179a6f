#include "runtime/index/exact_table.hpp"

#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

using sigma::runtime::ExactTable;

namespace {

std::vector<std::uint32_t> found(const ExactTable& t, std::string_view text) {
  const auto span = t.find(text);
  return {span.begin(), span.end()};
}

}  // namespace

TEST_CASE("ExactTable answers each value's anchors, and nothing for other texts", "[exact_table]") {
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
