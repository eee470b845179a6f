#include "runtime/readers/json_splitter.hpp"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sigma::readers {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
constexpr std::size_t kGarbageExcerpt = 80;

// The bytes that change the splitter's state: in a string '"' and '\\'; outside one '"' and
// the brackets.
template <bool InString>
bool special(char c) {
  if constexpr (InString)
    return c == '"' || c == '\\';
  else
    return c == '"' || c == '{' || c == '}' || c == '[' || c == ']';
}

// A block holds a newline or two: clearing bits beats a popcount, which without -mpopcnt is a
// library call.
unsigned count_bits(unsigned m) {
  unsigned n = 0;
  for (; m != 0; m &= m - 1) ++n;
  return n;
}

// The first byte in [p, e) that is special(), or e; adds the newlines before it to `lines`.
// Sixteen bytes at a time where SSE2 is there: strings and indentation are most of the text.
template <bool InString>
const char* skip(const char* p, const char* e, std::uint64_t& lines) {
#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
  for (; e - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_cmpeq_epi8(v, quote);
    if constexpr (InString) {
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    } else {
      // '[' and '{', ']' and '}' differ only in bit 0x20.
      const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
      hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')),
                                           _mm_cmpeq_epi8(folded, _mm_set1_epi8('}'))));
    }
    const auto found = static_cast<unsigned>(_mm_movemask_epi8(hit));
    const auto newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    if (found != 0) {
      const int at = std::countr_zero(found);
      lines += count_bits(newlines & ((1u << at) - 1));
      return p + at;
    }
    lines += count_bits(newlines);
  }
#endif
  for (; p < e; ++p) {
    if (special<InString>(*p)) return p;
    if (*p == '\n') ++lines;
  }
  return e;
}

}  // namespace

JsonSplitter::JsonSplitter(std::istream& in, std::size_t max_value, std::uint64_t lines_before)
    : in_(in), max_value_(max_value == 0 ? 1 : max_value), line_(lines_before + 1) {
  cap_ = kChunk + kPadding;
  buf_ = std::make_unique<char[]>(cap_);
}

bool JsonSplitter::fill() {
  if (eof_) return false;
  // Keep only what the caller still needs (the object being scanned), at the front.
  std::size_t keep = keep_ < pos_ ? keep_ : pos_;
  if (keep > 0) {
    std::memmove(buf_.get(), buf_.get() + keep, end_ - keep);
    end_ -= keep, pos_ -= keep, keep_ -= keep;
  }
  if (cap_ - kPadding - end_ < kChunk / 4) {
    std::size_t cap = cap_ * 2;
    while (cap - kPadding - end_ < kChunk) cap *= 2;
    auto fresh = std::make_unique<char[]>(cap);
    std::memcpy(fresh.get(), buf_.get(), end_);
    buf_ = std::move(fresh);
    cap_ = cap;
  }
  in_.read(buf_.get() + end_, static_cast<std::streamsize>(cap_ - kPadding - end_));
  auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (got == 0 || !in_) eof_ = true;
  return got > 0;
}

JsonSplitter::Status JsonSplitter::next(std::string_view& text) {
  // Between objects: whitespace, and the commas and brackets of a wrapping array.
  keep_ = pos_;
  for (;;) {
    if (pos_ == end_) {
      keep_ = pos_;
      if (!fill()) return Status::End;
      continue;
    }
    char c = buf_[pos_];
    if (c == '\n') ++line_;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != '[' && c != ']') break;
    ++pos_;
  }
  start_line_ = line_;
  if (buf_[pos_] != '{') {  // garbage: skip to the end of the line
    garbage_.clear();
    for (;;) {
      if (pos_ == end_) {
        keep_ = pos_;
        if (!fill()) break;
        continue;
      }
      char c = buf_[pos_];
      if (c == '\n') break;  // the newline is counted by the separator loop
      if (garbage_.size() < kGarbageExcerpt) garbage_ += c;
      ++pos_;
    }
    text = garbage_;
    return Status::Garbage;
  }
  // Offsets shift when fill() compacts the buffer: track the object's length, not its start.
  std::size_t length = 0;
  keep_ = pos_;
  std::size_t depth = 0;
  bool in_string = false, escape = false, discarding = false;
  for (;;) {
    if (pos_ == end_) {
      if (discarding) keep_ = pos_;
      if (!fill()) return discarding ? Status::TooLong : Status::Truncated;
      continue;
    }
    if (escape) {  // the byte after a backslash, whatever it is
      escape = false;
      if (buf_[pos_] == '\n') ++line_;
    } else {
      const char* from = buf_.get() + pos_;
      const char* to = in_string ? skip<true>(from, buf_.get() + end_, line_)
                                 : skip<false>(from, buf_.get() + end_, line_);
      const auto skipped = static_cast<std::size_t>(to - from);
      pos_ += skipped;
      length += skipped;
      if (length > max_value_) discarding = true;
      if (pos_ == end_) continue;
      const char c = buf_[pos_];
      if (in_string) {
        if (c == '\\')
          escape = true;
        else
          in_string = false;  // the closing quote
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (--depth == 0) {  // a closing bracket
        ++pos_;
        ++length;
        break;
      }
    }
    ++pos_;
    if (++length > max_value_) discarding = true;
  }
  keep_ = pos_;
  if (discarding) return Status::TooLong;
  text = std::string_view(buf_.get() + (pos_ - length), length);
  return Status::Value;
}

void SplitValues::add(JsonSplitter::Status status, std::string_view text, std::uint64_t line) {
  // next() sets the text of values and garbage only; for the rest `text` may be stale.
  if (status != JsonSplitter::Status::Value && status != JsonSplitter::Status::Garbage) text = {};
  if (!items_.empty()) text_.resize(text_.size() - JsonSplitter::kPadding);  // moves to the end
  items_.push_back({status, text_.size(), text.size(), line});
  text_ += text;
  text_.append(JsonSplitter::kPadding, ' ');
}

SplitValues::Replay::Replay(const SplitValues& values) : values_(values) {}

JsonSplitter::Status SplitValues::Replay::next(std::string_view& text) {
  if (at_ == values_.items_.size()) return JsonSplitter::Status::End;
  const Item& item = values_.items_[at_++];
  text = std::string_view(values_.text_.data() + item.begin, item.size);
  line_ = item.line;
  return item.status;
}

}  // namespace sigma::readers
