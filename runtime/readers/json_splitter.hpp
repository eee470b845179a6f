// JsonSplitter: cuts a stream of concatenated JSON objects (pretty-printed one after another,
// one per line, or wrapped in a top-level array) into one view per top-level object, without
// parsing them: it tracks only strings and bracket depth, so nesting depth costs nothing. Inside
// a value it reads 64 bytes at a time, finding the strings with bit masks (a prefix XOR of the
// unescaped quotes) and stopping only at brackets outside them.
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
#include <vector>

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

// What a JsonSplitter gave for a stretch of its input, kept to be read later, on another thread
// (`sigmac scan --threads`: the calling thread cuts, workers parse). The values' bytes are back
// to back in one buffer, followed by kPadding bytes, so each can still be parsed in place.
class SplitValues {
 public:
  struct Item {
    JsonSplitter::Status status;
    std::size_t begin = 0, size = 0;  // of its text, in the buffer
    std::uint64_t line = 0;           // as JsonSplitter::line() said
  };

  // Keeps what JsonSplitter::next() returned (not End), with its line(); the text only of a
  // Value or Garbage, the statuses that set it.
  void add(JsonSplitter::Status status, std::string_view text, std::uint64_t line);
  void reserve(std::size_t bytes) { text_.reserve(bytes + JsonSplitter::kPadding); }
  std::size_t bytes() const { return text_.size(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

  // Hands them back in order, as a JsonSplitter would (next(), then line()).
  class Replay {
   public:
    explicit Replay(const SplitValues& values);
    JsonSplitter::Status next(std::string_view& text);
    std::uint64_t line() const { return line_; }

   private:
    const SplitValues& values_;
    std::size_t at_ = 0;
    std::uint64_t line_ = 0;
  };

 private:
  std::string text_;
  std::vector<Item> items_;
};

}  // namespace sigma::readers
