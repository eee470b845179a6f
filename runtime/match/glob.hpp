// Sigma wildcard patterns, compiled once and matched against (already folded) event text.
//
// Pattern syntax (the escaped-glob form of ir::StringMatch): `*` matches any run of bytes,
// `?` exactly one UTF-8 character, `\*` `\?` `\\` the literal character; a backslash before
// anything else is itself a literal backslash (as Sigma specifies for plain values).
//
// The pattern is split at its stars into segments of literals and `?` runs. Matching anchors the
// first segment at the start and the last at the end, and places each middle segment at its
// leftmost occurrence: with segments of fixed character length that greedy choice is always
// safe, so no backtracking across stars is needed and there is no recursion. Worst case
// O(text * segment), typically one search (find_bytes) per segment.
//
// A `?` consumes one character: a valid UTF-8 sequence, or a single byte when the bytes at that
// position are not valid UTF-8 (so invalid input never fails to make progress).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigma::match {

// The first position >= pos where `needle` occurs in `text`, or npos.
std::size_t find_bytes(std::string_view text, std::string_view needle, std::size_t pos) noexcept;

// Whether pattern[i] is a backslash escaping the character after it (`\*`, `\?` or `\\`): the
// one rule for reading the pattern syntax above, shared by every reader of it.
constexpr bool is_glob_escape(std::string_view pattern, std::size_t i) noexcept {
  if (pattern[i] != '\\' || i + 1 >= pattern.size()) return false;
  const char next = pattern[i + 1];
  return next == '*' || next == '?' || next == '\\';
}

// The byte length of the character starting at text[pos] (pos < text.size()): 1..4.
std::size_t utf8_char_len(std::string_view text, std::size_t pos) noexcept;

class Glob {
 public:
  Glob() = default;
  explicit Glob(std::string_view pattern);

  bool matches(std::string_view text) const noexcept;

  // Shape facts, so a caller can pick a cheaper matcher for star-only patterns.
  bool has_star() const noexcept { return has_star_; }
  bool has_any() const noexcept { return has_any_; }
  std::size_t segment_count() const noexcept { return segments_.size(); }
  // The literal text of segment `i` when it holds no `?` (has_any() == false).
  std::string_view segment_literal(std::size_t i) const noexcept;

  // A compact dump for tests: segments separated by `*`, `?` runs as `?{n}`, literals quoted.
  std::string dump() const;

 private:
  // A run of `any` single characters followed by `len` literal bytes at `lit` in literals_.
  struct Piece {
    std::uint32_t any = 0;
    std::uint32_t lit = 0;
    std::uint32_t len = 0;
  };
  struct Segment {
    std::uint32_t first = 0;  // index of the first piece
    std::uint32_t count = 0;  // number of pieces
    std::uint32_t chars = 0;  // `?` count; the segment spans at most len + 4 * chars bytes
    std::uint32_t bytes = 0;  // literal byte count
  };

  // End of `seg` matched at text[pos], or npos.
  std::size_t match_at(const Segment& seg, std::string_view text, std::size_t pos) const noexcept;
  // Leftmost position >= pos where `seg` matches; returns its end, or npos.
  std::size_t find(const Segment& seg, std::string_view text, std::size_t pos) const noexcept;
  // True when `seg` matches some suffix of text[pos..]: it must end exactly at text.size().
  bool match_tail(const Segment& seg, std::string_view text, std::size_t pos) const noexcept;

  std::string literals_;
  std::vector<Piece> pieces_;
  std::vector<Segment> segments_;
  bool has_star_ = false;
  bool has_any_ = false;
};

}  // namespace sigma::match
