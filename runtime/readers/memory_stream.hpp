// An istream over bytes the caller keeps alive, so a reader can parse a chunk of input (or a
// benchmark's input held in memory) without a copy into a stringstream.
#pragma once

#include <istream>
#include <streambuf>
#include <string_view>

namespace sigma::readers {

class MemoryStream final : public std::istream {
 public:
  explicit MemoryStream(std::string_view bytes) : std::istream(nullptr), buf_(bytes) {
    rdbuf(&buf_);
  }

 private:
  class Buf final : public std::streambuf {
   public:
    explicit Buf(std::string_view bytes) {
      // get area only: the stream never writes through these pointers.
      char* p = const_cast<char*>(bytes.data());
      setg(p, p, p + bytes.size());
    }
  };
  Buf buf_;
};

}  // namespace sigma::readers
