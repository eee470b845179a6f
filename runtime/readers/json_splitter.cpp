#include "runtime/readers/json_splitter.hpp"

#include <cstring>

namespace sigma::readers {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
constexpr std::size_t kGarbageExcerpt = 80;
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
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != '[' && c != ']')
      break;
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
    char c = buf_[pos_++];
    ++length;
    if (c == '\n') ++line_;
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      break;
    }
    if (length > max_value_) discarding = true;
  }
  keep_ = pos_;
  if (discarding) return Status::TooLong;
  text = std::string_view(buf_.get() + (pos_ - length), length);
  return Status::Value;
}

}  // namespace sigma::readers
