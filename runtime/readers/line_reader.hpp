// LineReader: splits an istream into lines through one reusable buffer (no allocation per
// line once the buffer fits the longest line), for the line-based formats.
//
// Each line comes without its '\n' (and without a trailing '\r'), as a view valid until the
// next call. At least kPadding allocated bytes follow every view, so simdjson can parse a line
// in place (it reads, but never uses, a little past the end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string_view>

namespace sigma::readers {

class LineReader {
 public:
  static constexpr std::size_t kPadding = 64;  // >= SIMDJSON_PADDING

  enum class Status { Line, TooLong, End };

  // `lines_before`: lines of the same input read elsewhere (a chunk of a file starts its numbering
  // after them).
  LineReader(std::istream& in, std::size_t max_line, std::uint64_t lines_before = 0);

  // Line: `line` is set. TooLong: a line over max_line was skipped whole. End: no more input.
  Status next(std::string_view& line);
  // The same, skipping blank lines (only spaces, tabs, \r, \f, \v): no format has a record
  // there, and none counts them as broken.
  Status next_record(std::string_view& line);
  // The next record line, or false at the end of input. A line over the limit is handed to
  // `too_long(line_number)` (the reader reports it) and skipped.
  template <class TooLong>
  bool next_record(std::string_view& line, TooLong&& too_long) {
    for (;;) {
      switch (next_record(line)) {
        case Status::End: return false;
        case Status::TooLong: too_long(line_number_); continue;
        case Status::Line: return true;
      }
    }
  }
  // 1-based number of the line last returned (TooLong lines count).
  std::uint64_t line_number() const { return line_number_; }

 private:
  bool fill();  // reads more input after end_; false at end of input
  void reserve(std::size_t bytes);

  std::istream& in_;
  std::size_t max_line_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0;
  std::size_t begin_ = 0;  // start of the unread data
  std::size_t end_ = 0;    // end of the data read so far
  std::size_t scan_ = 0;   // bytes of [begin_, end_) already searched for '\n'
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
};

}  // namespace sigma::readers
