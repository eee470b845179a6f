// JsonSplitter against a byte-at-a-time reference of the same rules, on random streams of
// objects, strings with escapes and brackets, garbage and truncation, large enough to cross
// the splitter's buffer refills.
#include "runtime/readers/json_splitter.hpp"

#include <catch.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using sigma::readers::JsonSplitter;
using Status = JsonSplitter::Status;

namespace {

struct Piece {
  Status status;
  std::string text;  // the value, or the garbage excerpt
  std::uint64_t line;
  bool operator==(const Piece&) const = default;
};

std::vector<Piece> reference(const std::string& in, std::size_t max_value) {
  std::vector<Piece> out;
  std::size_t pos = 0;
  std::uint64_t line = 1;
  for (;;) {
    while (pos < in.size() &&
           std::string_view(" \t\r\n,[]").find(in[pos]) != std::string_view::npos)
      if (in[pos++] == '\n') ++line;
    if (pos == in.size()) return out;
    const std::uint64_t start_line = line;
    if (in[pos] != '{') {
      std::string garbage;
      for (; pos < in.size() && in[pos] != '\n'; ++pos)
        if (garbage.size() < 80) garbage += in[pos];
      out.push_back({Status::Garbage, garbage, start_line});
      continue;
    }
    const std::size_t start = pos;
    std::size_t depth = 0;
    bool in_string = false, escape = false;
    for (;;) {
      if (pos == in.size()) {
        out.push_back(
            {pos - start > max_value ? Status::TooLong : Status::Truncated, "", start_line});
        return out;
      }
      const char c = in[pos++];
      if (c == '\n') ++line;
      if (escape)
        escape = false;
      else if (in_string && c == '\\')
        escape = true;
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && (c == '{' || c == '['))
        ++depth;
      else if (!in_string && (c == '}' || c == ']') && --depth == 0)
        break;
    }
    if (pos - start > max_value)
      out.push_back({Status::TooLong, "", start_line});
    else
      out.push_back({Status::Value, in.substr(start, pos - start), start_line});
  }
}

// What `splitter` gives until End (a JsonSplitter, or a replay of one).
template <class Splitter>
std::vector<Piece> pieces(Splitter& splitter) {
  std::vector<Piece> out;
  std::string_view text;
  for (Status s; (s = splitter.next(text)) != Status::End;)
    out.push_back(
        {s, s == Status::Value || s == Status::Garbage ? std::string(text) : "", splitter.line()});
  return out;
}

std::vector<Piece> split(const std::string& in, std::size_t max_value) {
  std::istringstream stream(in);
  JsonSplitter splitter(stream, max_value);
  return pieces(splitter);
}

// Splits `in` as split() does, keeping every piece in a SplitValues, then replays them.
std::vector<Piece> split_and_replay(const std::string& in, std::size_t max_value) {
  std::istringstream stream(in);
  JsonSplitter splitter(stream, max_value);
  sigma::readers::SplitValues values;
  std::string_view text;
  for (Status s; (s = splitter.next(text)) != Status::End;) values.add(s, text, splitter.line());
  sigma::readers::SplitValues::Replay replay(values);
  return pieces(replay);
}

std::string random_object(std::mt19937& rng) {
  static const std::vector<std::string> tokens = {"{",  "}",    "[",  "]",  "\"",
                                                  "\\", "\\\"", "\n", "  ", ",",
                                                  ":",  "abc",  "x",  "\t", "0123456789abcdef0123"};
  std::string s = "{";
  for (unsigned n = rng() % 60; n > 0; --n) s += tokens[rng() % tokens.size()];
  if (rng() % 2) s += std::string(rng() % 200, 'p');  // a long run without special bytes
  return s;
}

}  // namespace

TEST_CASE("JsonSplitter cuts values, strings and escapes as the reference does",
          "[json_splitter]") {
  CHECK(split("{\"a\":\"}\\\"{\"}\n{\"b\":[1,{}]}", 1000) ==
        std::vector<Piece>{{Status::Value, "{\"a\":\"}\\\"{\"}", 1},
                           {Status::Value, "{\"b\":[1,{}]}", 2}});
  CHECK(
      split("[{\"a\":1},\n{\"b\":\"x\\\\\"}]", 1000) ==
      std::vector<Piece>{{Status::Value, "{\"a\":1}", 1}, {Status::Value, "{\"b\":\"x\\\\\"}", 2}});
  CHECK(split("oops\n{\"a\":", 1000) ==
        std::vector<Piece>{{Status::Garbage, "oops", 1}, {Status::Truncated, "", 2}});
  CHECK(split("{\"a\":\"0123456789\"}\n{}", 10) ==
        std::vector<Piece>{{Status::TooLong, "", 1}, {Status::Value, "{}", 2}});
}

TEST_CASE("JsonSplitter agrees with the reference on random streams", "[json_splitter]") {
  std::mt19937 rng(5);
  for (int round = 0; round < 40; ++round) {
    std::string in;
    // Past 256 KiB now and then, so values straddle the buffer's refills.
    const std::size_t size = round % 8 == 0 ? 700000 : 3000;
    while (in.size() < size) {
      in += random_object(rng);
      if (rng() % 3 == 0) in += "}";  // often closes it; the rest nest into the next
      in += rng() % 4 ? "\n" : ",  ";
      if (rng() % 50 == 0) in += "garbage line\n";
    }
    const std::size_t max_value = round % 2 ? 1u << 20 : 150;
    const auto want = reference(in, max_value), got = split(in, max_value);
    // Kept and replayed on another thread (sigmac scan --threads), the same pieces.
    REQUIRE(split_and_replay(in, max_value) == got);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      INFO("piece " << i);
      REQUIRE(got[i] == want[i]);
    }
  }
}

TEST_CASE("JsonSplitter keeps escapes and strings across its 64-byte blocks", "[json_splitter]") {
  // An escaped quote, a run of escaped backslashes, a bracket in a string and a backslash
  // outside one, each moved across the block boundaries one byte at a time.
  const std::vector<std::string> tails = {"\\\"}{\"}\n{}", "\\\\\\\\\"}\n{\"b\":1}",
                                          "}\"}\n[{}]", "\"}\\\"{\"x\":1}}\n{}"};
  for (const std::string& tail : tails)
    for (std::size_t pad = 0; pad < 140; ++pad) {
      const std::string in = "{\"a\":\"" + std::string(pad, 'x') + tail;
      INFO("pad " << pad << ": " << in);
      REQUIRE(split(in, 1000) == reference(in, 1000));
    }
}
