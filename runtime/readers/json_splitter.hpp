// JsonSplitter: cuts a stream of concatenated JSON objects (pretty-printed one after another,
// one per line, or wrapped in a top-level array) into one view per top-level object, without
// parsing them: it tracks only strings and bracket depth, so nesting depth costs nothing.
//
// Each view is valid until the next call and has kPadding allocated bytes after it, so
// simdjson can parse it in place. A value longer than max_value is skipped whole (its bytes
// are never held); bytes that cannot start an object are skipped to the end of their line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace sigma::readers {

class JsonSplitter {
 public:
  static constexpr std::size_t kPadding = 64;  // >= SIMDJSON_PADDING

  enum class Status {
    Value,      // `text` is one top-level {...}
    Garbage,    // bytes outside any object were skipped; `text` is the start of them
    TooLong,    // an object over max_value was skipped
    Truncated,  // the input ended inside an object
    End,
  };

  // `lines_before`: lines of the same input read elsewhere (for line()).
  JsonSplitter(std::istream& in, std::size_t max_value, std::uint64_t lines_before = 0);

  Status next(std::string_view& text);
  // 1-based line where the value (or garbage) last returned starts.
  std::uint64_t line() const { return start_line_; }

 private:
  bool fill();

  std::istream& in_;
  std::size_t max_value_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0;
  std::size_t pos_ = 0, end_ = 0;  // scan position, end of data
  std::size_t keep_ = 0;           // fill() keeps [keep_, end_)
  bool eof_ = false;
  std::uint64_t line_ = 1, start_line_ = 0;
  std::string garbage_;
};

// The end of the last complete top-level value in `text` (0 when there is none), by the same
// rules: strings and bracket depth, quotes outside any value ignored. For cutting an input into
// pieces that split no value.
std::size_t complete_values_end(std::string_view text);

}  // namespace sigma::readers
