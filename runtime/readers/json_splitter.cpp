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

// The bytes of a 64-byte block that matter to the splitter, one bit per byte.
struct Block {
  std::uint64_t quote = 0, backslash = 0, open = 0, close = 0, newline = 0;
};

Block classify(const char* p) {
  Block b;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                newline = _mm_set1_epi8('\n'), lower = _mm_set1_epi8(0x20),
                open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto bits = [&](__m128i eq) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(eq))) << (16 * k);
    };
    // '[' and '{', ']' and '}' differ only in bit 0x20.
    const __m128i folded = _mm_or_si128(v, lower);
    b.quote |= bits(_mm_cmpeq_epi8(v, quote));
    b.backslash |= bits(_mm_cmpeq_epi8(v, backslash));
    b.open |= bits(_mm_cmpeq_epi8(folded, open));
    b.close |= bits(_mm_cmpeq_epi8(folded, close));
    b.newline |= bits(_mm_cmpeq_epi8(v, newline));
  }
#else
  for (int i = 0; i < 64; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    const char c = p[i];
    if (c == '"') b.quote |= bit;
    if (c == '\\') b.backslash |= bit;
    if (c == '{' || c == '[') b.open |= bit;
    if (c == '}' || c == ']') b.close |= bit;
    if (c == '\n') b.newline |= bit;
  }
#endif
  return b;
}

// Bit i of the result: the parity of bits 0..i of x.
std::uint64_t prefix_xor(std::uint64_t x) {
  for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
  return x;
}

// A block holds a newline or two: clearing bits beats a popcount, which without -mpopcnt is a
// library call.
unsigned count_bits(std::uint64_t m) {
  unsigned n = 0;
  for (; m != 0; m &= m - 1) ++n;
  return n;
}

// Where a value's scan stands between blocks.
struct ValueState {
  std::size_t depth = 0;
  bool in_string = false;
  bool escape = false;  // the next byte is escaped
};

// Scans the first `size` bytes of a block byte by byte, for what scan_block() does not decide.
bool scan_bytes(const char* p, std::size_t size, ValueState& st, std::size_t& used,
                std::uint64_t& lines) {
  for (std::size_t i = 0; i < size; ++i) {
    const char c = p[i];
    if (c == '\n') ++lines;
    if (st.escape) {
      st.escape = false;
    } else if (st.in_string) {
      if (c == '\\')
        st.escape = true;
      else if (c == '"')
        st.in_string = false;
    } else if (c == '"') {
      st.in_string = true;
    } else if (c == '{' || c == '[') {
      ++st.depth;
    } else if ((c == '}' || c == ']') && --st.depth == 0) {
      used = i + 1;
      return true;
    }
  }
  used = size;
  return false;
}

// Scans the first `size` bytes of the 64 at `p` (all readable) as part of a value: sets `used`
// to the bytes consumed (to the value's closing bracket, if there) and counts their newlines;
// true when the value closed. Strings are found with bit masks, as if a backslash escaped the
// next byte anywhere; a backslash outside a string (in JSON there is none) escapes nothing, so a
// block with one is scanned byte by byte.
bool scan_block(const char* p, std::size_t size, ValueState& st, std::size_t& used,
                std::uint64_t& lines) {
  const std::uint64_t valid = size == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1;
  const Block b = classify(p);
  std::uint64_t escaped = st.escape ? 1 : 0, escapers = 0;
  for (std::uint64_t m = b.backslash & valid & ~escaped; m != 0;) {
    const std::uint64_t bit = m & (0 - m);
    escapers |= bit;
    escaped |= bit << 1;
    m &= ~(bit | bit << 1);
  }
  // Bit i set when byte i is in a string, its opening quote included and its closing one not.
  const std::uint64_t inside =
      prefix_xor(b.quote & valid & ~escaped) ^ (st.in_string ? ~std::uint64_t{0} : 0);
  if ((escapers & ~inside) != 0) return scan_bytes(p, size, st, used, lines);
  std::size_t end = size;
  bool closed = false;
  for (std::uint64_t m = (b.open | b.close) & valid & ~inside; m != 0; m &= m - 1) {
    const int i = std::countr_zero(m);
    if ((b.open >> i) & 1u) {
      ++st.depth;
    } else if (--st.depth == 0) {
      end = static_cast<std::size_t>(i) + 1;
      closed = true;
      break;
    }
  }
  const std::uint64_t upto = end == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << end) - 1;
  lines += count_bits(b.newline & upto);
  st.in_string = (inside >> (end - 1)) & 1u;
  st.escape = (escapers >> (end - 1)) & 1u;
  used = end;
  return closed;
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
  ValueState state;
  bool discarding = false;
  for (;;) {
    if (pos_ == end_) {
      if (discarding) keep_ = pos_;
      if (!fill()) return discarding ? Status::TooLong : Status::Truncated;
      continue;
    }
    // fill() leaves kPadding readable bytes past end_, so a block can always load 64.
    const std::size_t size = end_ - pos_ < 64 ? end_ - pos_ : 64;
    std::size_t used = 0;
    const bool closed = scan_block(buf_.get() + pos_, size, state, used, line_);
    pos_ += used;
    length += used;
    if (length > max_value_) discarding = true;
    if (closed) break;
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
