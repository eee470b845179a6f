#include "runtime/index/literal_filter.hpp"

#include <algorithm>
#include <catch.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

using sigma::runtime::LiteralFilter;

namespace {

std::set<std::uint32_t> found(const LiteralFilter& f, std::string_view text) {
  std::set<std::uint32_t> ids;
  f.scan(text, [&](std::uint32_t id) { ids.insert(id); });
  return ids;
}

std::set<std::uint32_t> found_ascii(const LiteralFilter& f, std::string_view text) {
  std::set<std::uint32_t> ids;
  f.scan_ascii(text, [&](std::uint32_t id) { ids.insert(id); });
  return ids;
}

bool ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Random literals over `alphabet` (min_length to min_length + spread - 1 bytes) and random
// texts (up to max_text bytes): the filter finds exactly the literals it accepts that occur.
struct RandomCase {
  unsigned seed;
  std::string alphabet;
  int literals;
  std::size_t min_length, spread, max_text;
};

void agrees_with_plain_search(const RandomCase& c) {
  std::mt19937 rng(c.seed);
  const auto random_text = [&](std::size_t len) {
    std::string s;
    for (std::size_t i = 0; i < len; ++i) s.push_back(c.alphabet[rng() % c.alphabet.size()]);
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    LiteralFilter f;
    std::vector<std::string> lits;
    for (int i = 0; i < c.literals; ++i)
      lits.push_back(random_text(c.min_length + rng() % c.spread));
    for (const auto& l : lits) f.add(l);
    f.build();
    for (int t = 0; t < 50; ++t) {
      const std::string text = random_text(rng() % c.max_text);
      std::set<std::uint32_t> expected;
      for (std::uint32_t i = 0; i < lits.size(); ++i)
        if (LiteralFilter::accepts(lits[i]) && text.find(lits[i]) != std::string::npos)
          expected.insert(i);
      REQUIRE(found(f, text) == expected);
      // The same text with some letters in upper case: scan_ascii finds the same in ASCII.
      std::string mixed = text;
      for (char& ch : mixed)
        if (ch >= 'a' && ch <= 'z' && rng() % 2 == 0) ch = static_cast<char>(ch - 'a' + 'A');
      if (ascii(text)) REQUIRE(found_ascii(f, mixed) == expected);
      // scan_plain: as much where the text is plain (ASCII without the excluded byte), and
      // false where it is not.
      const char excluded = t % 2 == 0 ? '\\' : '\x80';
      const bool plain = ascii(text) && text.find(excluded) == std::string::npos;
      std::set<std::uint32_t> ids;
      const bool said = f.scan_plain(mixed, excluded, [&](std::uint32_t id) { ids.insert(id); });
      REQUIRE(said == plain);
      if (plain) REQUIRE(ids == expected);
    }
  }
}

}  // namespace

TEST_CASE("LiteralFilter finds each literal that occurs, and only those", "[literal_filter]") {
  LiteralFilter f;
  const std::vector<std::string> lits = {"mimikatz", "-enc", "abc", "\\windows\\", "xe ",
                                         "zzz",      "abcd", "bcd", ".exe",        "mimi"};
  for (const auto& l : lits) f.add(l);
  f.build();
  CHECK(found(f, "c:\\windows\\mimikatz.exe -enc") ==
        std::set<std::uint32_t>{0, 1, 3, 4, 8, 9});  // "xe " in ".exe -enc" too
  CHECK(found(f, "abcd") == std::set<std::uint32_t>{2, 6, 7});
  CHECK(found(f, "xzzz") == std::set<std::uint32_t>{5});
  CHECK(found(f, "zz").empty());
  CHECK(found(f, "").empty());
  CHECK(found(f, "ab").empty());
  CHECK(found(f, "mimikat").count(9) == 1);  // "mimi" at the start, "mimikatz" cut short
  CHECK(found(f, "mimikat").count(0) == 0);
}

TEST_CASE("LiteralFilter agrees with a plain search on random literals and texts",
          "[literal_filter]") {
  // A small alphabet, so literals overlap and recur.
  agrees_with_plain_search({7, "abc\\.-", 60, 3, 7, 40});
}

TEST_CASE("LiteralFilter of many literals agrees with a plain search over long texts",
          "[literal_filter]") {
  // Too many keys for the nibble-mask pass, as in the corpus's field filters: every position
  // tested against the bitmaps, keys sharing windows, literals at the texts' ends.
  agrees_with_plain_search({29, "abcd\\.-", 300, 3, 8, 120});
  agrees_with_plain_search({31, "ab", 80, 3, 3, 60});  // windows recur at every position
}

TEST_CASE("LiteralFilter handles bytes of every value", "[literal_filter]") {
  LiteralFilter f;
  const std::string a("\x00\xff\x80", 3), b("\xf0\x9f\x98\x80", 4);  // NUL, invalid UTF-8, emoji
  f.add(a);
  f.add(b);
  f.build();
  CHECK(found(f, std::string("x\x00\xff\x80y", 5)) == std::set<std::uint32_t>{0});
  CHECK(found(f, "say \xf0\x9f\x98\x80!") == std::set<std::uint32_t>{1});
}

TEST_CASE("LiteralFilter finds 2-byte literals that start outside ASCII", "[literal_filter]") {
  LiteralFilter f;
  // Cyrillic small a and o (the lookalikes of homoglyph rules), an ASCII pair it refuses, and
  // a long literal beside them.
  const std::vector<std::string> lits = {"\xd0\xb0", "\xd0\xbe", "ab", "c:\\windows"};
  for (const auto& l : lits) f.add(l);
  f.build();
  CHECK(LiteralFilter::accepts(lits[0]));
  CHECK_FALSE(LiteralFilter::accepts(lits[2]));
  CHECK(found(f, "ab").empty());
  CHECK(found(f, "p\xd0\xb0ypal") == std::set<std::uint32_t>{0});
  // Past the first sixteen bytes, and as the very last two bytes.
  CHECK(found(f, "c:\\windows\\system32\\n\xd0\xbetepad.exe \xd0\xb0") ==
        std::set<std::uint32_t>{0, 1, 3});
  CHECK(found(f, "\xd0").empty());              // cut short
  CHECK(found(f, "\xd0\xd0\xb1\xb0").empty());  // the bytes, but not as a pair
  CHECK(found(f, std::string(40, 'x') + "\xd0\xbe") == std::set<std::uint32_t>{1});
}

TEST_CASE("LiteralFilter agrees with a plain search on non-ASCII literals and texts",
          "[literal_filter]") {
  // 2-byte literals too (only those starting outside ASCII are kept), past 16-byte blocks.
  agrees_with_plain_search({11, "ab.\xd0\xb0\xbe\xc3", 40, 2, 5, 70});
}

TEST_CASE("LiteralFilter compares literals past their first 8 bytes, and near the text's end",
          "[literal_filter]") {
  LiteralFilter f;
  // Alike in the first 8 bytes (the key's head), different after; one shorter than 8.
  const std::vector<std::string> lits = {"powershell -enc", "powershell -nop", "powersh",
                                         "powershell"};
  for (const auto& l : lits) f.add(l);
  f.build();
  CHECK(found(f, "c:\\powershell -nop -w hidden") == std::set<std::uint32_t>{1, 2, 3});
  CHECK(found(f, "powershell -en") == std::set<std::uint32_t>{2, 3});  // cut short
  CHECK(found(f, "xpowersh") == std::set<std::uint32_t>{2});           // fewer than 8 left
  CHECK(found(f, "powershel") == std::set<std::uint32_t>{2});
  // In ASCII text of any case, past the head and in whole 8-byte steps after it.
  LiteralFilter g;
  g.add("powershell -encodedcommand");
  g.build();
  CHECK(found_ascii(g, "PowerShell -EncodedCommand") == std::set<std::uint32_t>{0});
  CHECK(found_ascii(g, "powershell -encodedcommanD") == std::set<std::uint32_t>{0});
  CHECK(found_ascii(g, "powershell -encodedCommanx").empty());
  // Long literals over a small alphabet, so heads collide and texts end inside literals.
  agrees_with_plain_search({13, "ab", 30, 6, 10, 60});
  // Past 16 bytes the middle is compared too (head and tail alone decide up to 16).
  agrees_with_plain_search({14, "ab", 30, 9, 32, 120});
}

TEST_CASE("LiteralFilter tells literals apart by their last bytes, and past 16 by the middle",
          "[literal_filter]") {
  LiteralFilter f;
  // The same head, differing only in the last byte (below 16 bytes the tail overlaps the head);
  // then two of 26 bytes with the same head and tail, differing in the middle.
  const std::vector<std::string> lits = {"\\windows\\",
                                         "\\windows\\x",
                                         "123456789abcdef0",
                                         "123456789abcdef1",
                                         "c:\\users\\public\\documents\\",
                                         "c:\\users\\publix\\documents\\"};
  for (const auto& l : lits) f.add(l);
  f.build();
  CHECK(found(f, "c:\\windows\\system32") == std::set<std::uint32_t>{0});
  CHECK(found(f, "c:\\windows\\xyz") == std::set<std::uint32_t>{0, 1});
  CHECK(found(f, "0123456789abcdef1") == std::set<std::uint32_t>{3});
  CHECK(found(f, "123456789abcdef").empty());  // ends one byte short
  CHECK(found(f, "c:\\users\\public\\documents\\x") == std::set<std::uint32_t>{4});
  CHECK(found(f, "c:\\users\\publiy\\documents\\").empty());
  CHECK(found_ascii(f, "C:\\USERS\\PUBLIX\\DOCUMENTS\\") == std::set<std::uint32_t>{5});
  CHECK(found_ascii(f, "123456789ABCDEF0") == std::set<std::uint32_t>{2});
}

TEST_CASE("LiteralFilter keys a long literal by a window near its start", "[literal_filter]") {
  // The rarest window ("xyz!") is at 297, past the offsets a key holds: another is chosen.
  const std::string lit = std::string(297, 'a') + "xyz!";
  LiteralFilter f;
  f.add(lit);
  f.build();
  CHECK(found(f, "b" + lit + "b") == std::set<std::uint32_t>{0});
  CHECK(found(f, lit.substr(0, lit.size() - 1)).empty());
  CHECK(found(f, std::string(400, 'a')).empty());
  // Lengths a key can hold.
  CHECK(LiteralFilter::accepts(std::string(LiteralFilter::kMaxLength, 'a')));
  CHECK_FALSE(LiteralFilter::accepts(std::string(LiteralFilter::kMaxLength + 1, 'a')));
}

TEST_CASE("LiteralFilter built with another finds both filters' literals", "[literal_filter]") {
  std::mt19937 rng(17);
  const std::string alphabet = "abc.\\-\xd0\xb0";
  const auto random_text = [&](std::size_t len) {
    std::string s;
    for (std::size_t i = 0; i < len; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> own, shared;
    LiteralFilter shared_filter, f;
    for (int i = 0; i < 30; ++i) shared.push_back(random_text(2 + rng() % 7));
    for (int i = 0; i < 30; ++i) own.push_back(random_text(2 + rng() % 7));
    for (const auto& l : shared) shared_filter.add(l);
    for (const auto& l : own) f.add(l);
    shared_filter.build();
    f.build(&shared_filter);
    for (int t = 0; t < 50; ++t) {
      const std::string text = random_text(rng() % 50);
      std::set<std::uint32_t> expected;
      for (std::uint32_t i = 0; i < own.size(); ++i)
        if (LiteralFilter::accepts(own[i]) && text.find(own[i]) != std::string::npos)
          expected.insert(i);
      for (std::uint32_t i = 0; i < shared.size(); ++i)
        if (LiteralFilter::accepts(shared[i]) && text.find(shared[i]) != std::string::npos)
          expected.insert(static_cast<std::uint32_t>(own.size()) + i);
      REQUIRE(found(f, text) == expected);
    }
  }
}

TEST_CASE("LiteralFilter of few literals agrees with a plain search over long texts",
          "[literal_filter]") {
  // Few enough keys for the nibble-mask pass: texts of several blocks, the last one moved back
  // to end at the text's end, and literals of 3 bytes (tested at the last position alone).
  agrees_with_plain_search({19, "abc\\.-", 12, 3, 6, 200});
  agrees_with_plain_search({37, "abcz@[`{", 8, 3, 6, 1500});  // runs of 16 blocks and more
  agrees_with_plain_search({23, "ab\xd0\xb0", 20, 2, 9, 120});
  LiteralFilter f;
  for (const char* l : {"docker exec", "--privileged", "nsenter", "zzz"}) f.add(l);
  f.build();
  const std::string pad(40, ' ');
  CHECK(found(f, pad + "docker exec -it" + pad + "nsenter" + pad) == std::set<std::uint32_t>{0, 2});
  CHECK(found(f, pad + "--privileged") == std::set<std::uint32_t>{1});  // at the very end
  CHECK(found_ascii(f, pad + "Docker EXEC" + pad + "NSENTER") == std::set<std::uint32_t>{0, 2});
  CHECK(found_ascii(f, pad + "docker_exec" + pad + "NSENTE").empty());
  CHECK(found(f, pad + "zzz") == std::set<std::uint32_t>{3});  // 3 bytes, at the end
  CHECK(found(f, "zzz" + pad) == std::set<std::uint32_t>{3});  // and at the start
  CHECK(found(f, pad + "docker exe").empty());
}

TEST_CASE("LiteralFilter reports each occurrence once, in the last block's overlap too",
          "[literal_filter]") {
  // Few keys: the nibble pass's last block ends at the text's end and overlaps the one before;
  // the positions both cover must be tested once.
  LiteralFilter f;
  for (const char* l : {"docker exec", "zzz"}) f.add(l);
  f.build();
  for (std::size_t n = 34; n <= 140; n += 7)
    for (std::size_t at = 0; at + 11 <= n; ++at) {
      std::string text(n, '.');
      text.replace(at, 11, "docker exec");
      INFO("length " << n << ", at " << at);
      int hits = 0;
      f.scan(text, [&](std::uint32_t) { ++hits; });
      CHECK(hits == 1);
      hits = 0;
      f.scan_ascii(text, [&](std::uint32_t) { ++hits; });
      CHECK(hits == 1);
      hits = 0;
      CHECK(f.scan_plain(text, '\\', [&](std::uint32_t) { ++hits; }));
      CHECK(hits == 1);
    }
}
