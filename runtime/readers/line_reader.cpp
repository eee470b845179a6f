#include "runtime/readers/line_reader.hpp"

#include <cstring>

namespace sigma::readers {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
}

LineReader::LineReader(std::istream& in, std::size_t max_line, std::uint64_t lines_before)
    : in_(in), max_line_(max_line == 0 ? 1 : max_line), line_number_(lines_before) {
  reserve(kChunk);
}

void LineReader::reserve(std::size_t bytes) {
  std::size_t want = bytes + kPadding;
  if (want <= cap_) return;
  std::size_t cap = cap_ == 0 ? want : cap_;
  while (cap < want) cap *= 2;
  auto fresh = std::make_unique<char[]>(cap);  // zeroed: the padding is defined bytes
  if (end_ > begin_) std::memcpy(fresh.get(), buf_.get() + begin_, end_ - begin_);
  end_ -= begin_, begin_ = 0;
  buf_ = std::move(fresh);
  cap_ = cap;
}

bool LineReader::fill() {
  if (eof_) return false;
  // Make room: drop consumed bytes, then grow when the pending line fills the buffer.
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_, begin_ = 0;
  }
  if (cap_ - kPadding - end_ < kChunk / 4) reserve(end_ + kChunk);
  in_.read(buf_.get() + end_, static_cast<std::streamsize>(cap_ - kPadding - end_));
  auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (got == 0 || !in_) eof_ = true;
  return got > 0;
}

LineReader::Status LineReader::next(std::string_view& line) {
  bool skipping = false;  // inside a line longer than max_line_: its bytes are dropped
  for (;;) {
    const char* base = buf_.get() + begin_;
    std::size_t avail = end_ - begin_;
    const void* nl = scan_ < avail ? std::memchr(base + scan_, '\n', avail - scan_) : nullptr;
    if (nl != nullptr) {
      auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - base);
      begin_ += len + 1, scan_ = 0;
      ++line_number_;
      if (skipping || len > max_line_) return Status::TooLong;
      if (len > 0 && base[len - 1] == '\r') --len;
      line = std::string_view(base, len);
      return Status::Line;
    }
    scan_ = avail;
    if (avail > max_line_) {  // too long already: forget what we have, keep looking for '\n'
      skipping = true;
      begin_ = end_, scan_ = 0;
    }
    if (!fill()) {
      if (end_ == begin_ && !skipping) return Status::End;
      // Last line without a newline.
      ++line_number_;
      std::size_t len = end_ - begin_;
      base = buf_.get() + begin_;
      begin_ = end_, scan_ = 0;
      if (skipping) return Status::TooLong;
      if (len > 0 && base[len - 1] == '\r') --len;
      line = std::string_view(base, len);
      return Status::Line;
    }
  }
}

LineReader::Status LineReader::next_record(std::string_view& line) {
  for (;;) {
    const Status s = next(line);
    if (s != Status::Line || line.find_first_not_of(" \t\r\f\v") != std::string_view::npos)
      return s;
  }
}

}  // namespace sigma::readers
