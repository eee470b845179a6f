#include "runtime/index/nibble_mask.hpp"

#include <bit>
#include <catch.hpp>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

using sigma::runtime::NibbleMask;

namespace {

std::uint32_t window(const char* p) {
  std::uint32_t w = 0;
  std::memcpy(&w, p, 3);
  return w;
}

// 1 to `most` windows of bytes from the first `letters` of `alphabet`.
std::vector<std::uint32_t> random_windows(std::mt19937& rng, const std::string& alphabet,
                                          std::size_t letters, std::size_t most) {
  std::vector<std::uint32_t> windows;
  for (std::size_t i = 0, n = 1 + rng() % most; i < n; ++i) {
    std::string w;
    for (int k = 0; k < 3; ++k) w.push_back(alphabet[rng() % letters]);
    windows.push_back(window(w.data()));
  }
  return windows;
}

}  // namespace

TEST_CASE("NibbleMask is usable for a few windows where the CPU has AVX2", "[nibble_mask]") {
  NibbleMask m;
  const std::vector<std::uint32_t> few = {window("abc"), window("xyz")};
  m.build(few);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  CHECK(m.usable() == static_cast<bool>(__builtin_cpu_supports("avx2")));
#endif
  m.build(std::vector<std::uint32_t>(NibbleMask::kMaxWindows + 1, window("abc")));
  CHECK_FALSE(m.usable());
  m.build({});
  CHECK_FALSE(m.usable());
}

TEST_CASE("NibbleMask reports every position where a window starts", "[nibble_mask]") {
  std::mt19937 rng(5);
  const std::string alphabet = "abcd\\.\x80\xff";
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> words;
    std::vector<std::uint32_t> windows;
    const std::size_t count = 1 + rng() % NibbleMask::kMaxWindows;
    for (std::size_t i = 0; i < count; ++i) {
      std::string w;
      for (int k = 0; k < 3; ++k) w.push_back(alphabet[rng() % alphabet.size()]);
      windows.push_back(window(w.data()));
      words.push_back(w);
    }
    NibbleMask m;
    m.build(windows);
    if (!m.usable()) return;  // no AVX2 here: block() is never used
    for (int t = 0; t < 20; ++t) {
      std::string text;
      for (std::size_t i = 0; i < NibbleMask::kReach; ++i)
        text.push_back(alphabet[rng() % alphabet.size()]);
      const std::uint32_t hits = m.block(text.data());
      for (std::size_t k = 0; k < NibbleMask::kBlock; ++k)
        for (const std::string& w : words)
          if (text.compare(k, 3, w) == 0) REQUIRE(((hits >> k) & 1u) == 1u);
    }
  }
}

TEST_CASE("NibbleMask reports no position of a text without its windows' bytes",
          "[nibble_mask]") {
  NibbleMask m;
  const std::vector<std::uint32_t> windows = {window("doc"), window("--p"), window("nse")};
  m.build(windows);
  if (!m.usable()) return;  // no AVX2 here: block() is never used
  const std::string plain(NibbleMask::kReach, 'x');
  CHECK(m.block(plain.data()) == 0);
  std::string text = plain;
  text.replace(5, 3, "doc");
  text.replace(31, 3, "nse");  // the last position, its window in the two bytes past the block
  CHECK(m.block(text.data()) == ((1u << 5) | (1u << 31)));
}

TEST_CASE("NibbleMask's blocks are its block at each step, and say which have a position",
          "[nibble_mask]") {
  // blocks() keeps its tables in registers across blocks: each must be what block() gives.
  std::mt19937 rng(11);
  const std::string alphabet = "abcABC\\.\x80";
  for (int round = 0; round < 40; ++round) {
    NibbleMask m;
    m.build(random_windows(rng, alphabet, 3, 6));  // lower case only
    if (!m.usable()) return;  // no AVX2 here: blocks() is never used
    // Blocks first .. first + count, the last one placed at `last` (a text's end) when the
    // blocks before reach past it.
    const std::size_t first = rng() % 3, count = 1 + rng() % 9;
    const std::size_t top = (first + count - 1) * NibbleMask::kBlock;
    const std::size_t last = top - std::min<std::size_t>(top, rng() % 2 * (rng() % 32));
    std::string text;
    for (std::size_t i = 0; i < last + NibbleMask::kReach; ++i)
      text.push_back(alphabet[rng() % alphabet.size()]);
    std::vector<std::uint32_t> out(count);
    const std::uint32_t some = m.blocks(text.data(), first, count, last, out.data());
    for (std::size_t b = 0; b < count; ++b) {
      const std::size_t start = std::min((first + b) * NibbleMask::kBlock, last);
      REQUIRE(out[b] == m.block(text.data() + start));
      REQUIRE(((some >> b) & 1u) == (out[b] != 0 ? 1u : 0u));
    }
    CHECK((some >> count) == 0);
  }
}

TEST_CASE("NibbleMask finds a window's letters in either case", "[nibble_mask]") {
  NibbleMask m;
  m.build(std::vector<std::uint32_t>{window("doc")});
  if (!m.usable()) return;  // no AVX2 here: block() is never used
  std::string text(NibbleMask::kReach, 'x');
  text.replace(3, 3, "DoC");
  text.replace(20, 3, "d0c");  // '0' is not a letter: no case of it is 'o'
  CHECK(m.block(text.data()) == (1u << 3));
}

TEST_CASE("NibbleMask's plain blocks report the positions its blocks do, and plainness",
          "[nibble_mask]") {
  // plain_blocks() reads 64 positions at a time, its last block placed at the text's end (or
  // with masked loads below a block's reach): the positions up to n - 3 must be those block()
  // reports (no fewer, none past them), whatever the length. Windows
  // ending in '0' and '\t' that share a bucket let a byte read as zero through (low nibble 0
  // from one, high nibble 0 from the other), so the positions past n - 3 must be cut off.
  std::mt19937 rng(13);
  const std::string alphabet = "ab0\tAB\\.";
  for (int round = 0; round < 300; ++round) {
    NibbleMask m;
    m.build(random_windows(rng, alphabet, 4, 16));
    if (!m.usable() || !m.wide()) return;  // no AVX-512 here: plain_blocks() is never used
    const std::size_t n = rng() % 300;
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    const bool with_odd = rng() % 3 == 0 && n > 0;
    if (with_odd) text[rng() % n] = static_cast<char>(0x80 + rng() % 0x80);
    std::set<std::size_t> expected;  // block() on a copy with room for its reach
    const std::string padded = text + std::string(NibbleMask::kReach, '\0');
    for (std::size_t at = 0; at + 3 <= n; at += NibbleMask::kBlock)
      for (std::uint32_t b = m.block(padded.data() + at); b != 0; b &= b - 1) {
        const std::size_t pos = at + static_cast<std::size_t>(std::countr_zero(b));
        if (pos + 3 <= n) expected.insert(pos);
      }
    std::set<std::size_t> got;
    bool plain = true;
    std::uint64_t out[8];
    const std::size_t blocks = (n + 63) / 64;
    const std::uint32_t some = m.plain_blocks(text.data(), n, 0, blocks, '\\', plain, out);
    for (std::size_t b = 0; b < blocks; ++b) {
      REQUIRE(((some >> b) & 1u) == (out[b] != 0 ? 1u : 0u));
      for (std::uint64_t bits = out[b]; bits != 0; bits &= bits - 1)
        got.insert(b * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }
    INFO("length " << n);
    CHECK(got == expected);
    CHECK(plain == (!with_odd && text.find('\\') == std::string::npos));
  }
}

TEST_CASE("NibbleMask's plain blocks see a byte that is not plain anywhere in the text",
          "[nibble_mask]") {
  NibbleMask m;
  m.build(std::vector<std::uint32_t>{window("doc"), window("kub")});
  if (!m.usable() || !m.wide()) return;  // no AVX-512 here: plain_blocks() is never used
  std::uint64_t out[8];
  for (std::size_t n = 1; n <= 200; ++n)
    for (std::size_t at : {std::size_t{0}, n / 2, n >= 2 ? n - 2 : 0, n - 1})
      for (const char odd : {'\\', '\x80', '\xff'}) {
        std::string text(n, 'a');
        const bool plain_before = [&] {
          bool plain = true;
          m.plain_blocks(text.data(), n, 0, (n + 63) / 64, '\\', plain, out);
          return plain;
        }();
        text[at] = odd;
        bool plain = true;
        m.plain_blocks(text.data(), n, 0, (n + 63) / 64, '\\', plain, out);
        INFO("length " << n << ", byte " << at);
        CHECK(plain_before);
        CHECK_FALSE(plain);
      }
}
