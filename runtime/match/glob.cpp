#include "runtime/match/glob.hpp"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "runtime/text/byte_rank.hpp"

namespace sigma::match {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// find_bytes() once the needle's rarest byte (at k) proved common in the text: sixteen places at
// a time are tested for that byte and the needle's next rarest one, each at its offset, and only
// the places that hold both are compared in full. (glibc's memmem, used here before, runs about
// a byte a nanosecond on short needles: a regex's literal check of a 30 KiB script block spent
// tens of microseconds in it.) A needle of one byte never gets here: memchr found it.
std::size_t find_by_pair(std::string_view text, std::string_view needle, std::size_t pos,
                         std::size_t k) noexcept {
  const std::size_t n = needle.size();
  std::size_t j = k == 0 ? 1 : 0;
  unsigned best = sigma::text::byte_rank(needle[j]);
  for (std::size_t i = 0; i < n; ++i)
    if (const unsigned rank = sigma::text::byte_rank(needle[i]); i != k && rank < best)
      best = rank, j = i;
  const char* const t = text.data();
  const std::size_t last = text.size() - n;  // the last place the needle can start
#ifdef __SSE2__
  const __m128i want_k = _mm_set1_epi8(needle[k]), want_j = _mm_set1_epi8(needle[j]);
  for (; pos + 15 <= last; pos += 16) {
    const __m128i at_k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + pos + k));
    const __m128i at_j = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + pos + j));
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(
             _mm_and_si128(_mm_cmpeq_epi8(at_k, want_k), _mm_cmpeq_epi8(at_j, want_j))));
         m != 0; m &= m - 1) {
      const std::size_t at = pos + static_cast<std::size_t>(std::countr_zero(m));
      if (std::memcmp(t + at, needle.data(), n) == 0) return at;
    }
  }
#endif
  for (; pos <= last; ++pos)
    if (t[pos + k] == needle[k] && t[pos + j] == needle[j] &&
        std::memcmp(t + pos, needle.data(), n) == 0)
      return pos;
  return npos;
}

}  // namespace

std::size_t find_bytes(std::string_view text, std::string_view needle, std::size_t pos) noexcept {
  if (pos > text.size()) return npos;
  if (needle.empty()) return pos;
  const std::size_t n = needle.size();
  if (n > text.size() - pos) return npos;
  // memchr for the needle's rarest byte, then compare: most needles hold a byte the text seldom
  // has ('^', '|', a non-ASCII byte), which memchr skips to at vector speed, where glibc's
  // memmem walks short needles a byte at a time and builds a skip table per call for long ones.
  // After many false hits (the byte is common here after all) a test of two bytes takes over.
  // The best rank is kept, not looked up again through k: that made each step wait for the
  // step before (two dependent loads, about ten cycles a byte of the needle).
  std::size_t k = 0;
  unsigned best = sigma::text::byte_rank(needle[0]);
  for (std::size_t i = 1; i < n; ++i)
    if (const unsigned rank = sigma::text::byte_rank(needle[i]); rank < best) best = rank, k = i;
  const char* const begin = text.data();
  const char* p = begin + pos + k;
  const char* const end =
      begin + text.size() - (n - 1 - k);  // one past the last place for needle[k]
  for (int misses = 0; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, needle[k], static_cast<std::size_t>(end - p)));
    if (p == nullptr) return npos;
    if (std::memcmp(p - k, needle.data(), n) == 0) return static_cast<std::size_t>(p - k - begin);
    if (++misses == 16) {
      pos = static_cast<std::size_t>(p - k - begin) + 1;
      break;
    }
  }
  if (p >= end) return npos;
  return find_by_pair(text, needle, pos, k);
}

std::size_t utf8_char_len(std::string_view text, std::size_t pos) noexcept {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t need = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    need = 1;
  else if (lead >= 0xE0 && lead <= 0xEF)
    need = 2;
  else if (lead >= 0xF0 && lead <= 0xF4)
    need = 3;
  else
    return 1;  // stray continuation byte or a byte UTF-8 never uses
  if (text.size() - pos <= need) return 1;
  for (std::size_t k = 1; k <= need; ++k)
    if (!is_continuation(text[pos + k])) return 1;
  return need + 1;
}

Glob::Glob(std::string_view pattern) {
  Segment seg;
  Piece piece{0, 0, 0};
  bool piece_open = false;  // `piece` holds something not yet pushed

  const auto close_piece = [&] {
    if (piece_open) {
      pieces_.push_back(piece);
      ++seg.count;
    }
    piece = Piece{0, static_cast<std::uint32_t>(literals_.size()), 0};
    piece_open = false;
  };
  const auto close_segment = [&] {
    close_piece();
    segments_.push_back(seg);
    seg = Segment{static_cast<std::uint32_t>(pieces_.size()), 0, 0, 0};
  };
  const auto add_literal = [&](char c) {
    literals_.push_back(c);
    ++piece.len;
    ++seg.bytes;
    piece_open = true;
  };

  bool prev_star = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      // Consecutive stars are one star: together they match nothing a single one would not.
      if (!prev_star) close_segment();
      has_star_ = prev_star = true;
      continue;
    }
    prev_star = false;
    if (c == '?') {
      if (piece.len > 0) close_piece();  // a `?` after literals starts a new piece
      ++piece.any;
      ++seg.chars;
      piece_open = true;
      has_any_ = true;
    } else if (is_glob_escape(pattern, i)) {
      add_literal(pattern[++i]);
    } else {
      add_literal(c);
    }
  }
  close_segment();
}

std::string_view Glob::segment_literal(std::size_t i) const noexcept {
  const Segment& seg = segments_[i];
  if (seg.count == 0) return {};
  const Piece& p = pieces_[seg.first];
  return std::string_view(literals_).substr(p.lit, p.len);
}

std::size_t Glob::match_at(const Segment& seg, std::string_view text,
                           std::size_t pos) const noexcept {
  const std::size_t n = text.size();
  for (std::uint32_t k = 0; k < seg.count; ++k) {
    const Piece& p = pieces_[seg.first + k];
    for (std::uint32_t a = 0; a < p.any; ++a) {
      if (pos >= n) return npos;
      pos += utf8_char_len(text, pos);
    }
    if (p.len > n - pos) return npos;
    if (p.len > 0 && std::memcmp(text.data() + pos, literals_.data() + p.lit, p.len) != 0)
      return npos;
    pos += p.len;
  }
  return pos;
}

std::size_t Glob::find(const Segment& seg, std::string_view text, std::size_t pos) const noexcept {
  const std::size_t n = text.size();
  const Piece& first = pieces_[seg.first];
  if (first.any == 0) {
    // Anchor on the leading literal: candidates come from a fast substring search. A literal
    // starts on a character boundary because its first byte is never a continuation byte.
    const std::string_view lit(literals_.data() + first.lit, first.len);
    while (pos <= n) {
      const std::size_t at = find_bytes(text, lit, pos);
      if (at == npos) return npos;
      if (const std::size_t end = match_at(seg, text, at); end != npos) return end;
      pos = at + 1;
    }
    return npos;
  }
  // Leading `?`: try every character boundary from pos.
  for (; pos < n; pos += utf8_char_len(text, pos))
    if (const std::size_t end = match_at(seg, text, pos); end != npos) return end;
  return npos;
}

bool Glob::match_tail(const Segment& seg, std::string_view text, std::size_t pos) const noexcept {
  const std::size_t n = text.size();
  if (seg.chars == 0) {
    if (seg.bytes > n - pos) return false;
    const std::string_view lit = segment_literal(static_cast<std::size_t>(&seg - segments_.data()));
    return text.substr(n - seg.bytes) == lit;
  }
  // The segment spans at most `bytes + 4 * chars` bytes, so only starts that close to the end
  // can work. Realign the earliest one to a character boundary: ASCII and lead bytes always
  // are one, and a continuation byte with no lead in the 3 bytes before it stands alone.
  const std::size_t span = static_cast<std::size_t>(seg.bytes) + 4u * seg.chars;
  std::size_t start = pos;
  if (n - pos > span) {
    const std::size_t min_start = n - span;
    start = min_start;
    for (std::size_t back = 1; back <= 3 && is_continuation(text[start]); ++back) {
      if (back > min_start - pos) break;  // pos itself is a boundary
      if (!is_continuation(text[min_start - back])) {
        start = min_start - back;
        break;
      }
    }
  }
  for (std::size_t s = start; s < n; s += utf8_char_len(text, s))
    if (match_at(seg, text, s) == n) return true;
  return false;
}

bool Glob::matches(std::string_view text) const noexcept {
  const Segment& head = segments_.front();
  if (!has_star_) return match_at(head, text, 0) == text.size();
  std::size_t pos = match_at(head, text, 0);
  if (pos == npos) return false;
  for (std::size_t i = 1; i + 1 < segments_.size(); ++i) {
    pos = find(segments_[i], text, pos);
    if (pos == npos) return false;
  }
  return match_tail(segments_.back(), text, pos);
}

std::string Glob::dump() const {
  std::string out;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (i > 0) out += '*';
    const Segment& seg = segments_[i];
    for (std::uint32_t k = 0; k < seg.count; ++k) {
      const Piece& p = pieces_[seg.first + k];
      if (p.any > 0) out += "?{" + std::to_string(p.any) + "}";
      if (p.len > 0) out += '"' + literals_.substr(p.lit, p.len) + '"';
    }
  }
  return out;
}

}  // namespace sigma::match
