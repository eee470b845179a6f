#include "runtime/text/file_text.hpp"

#include <fstream>
#include <iterator>

namespace sigma::text {

bool read_file(const std::filesystem::path& path, std::string& out) {
  out.clear();
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  // A directory opens as a stream on Linux, with a size of 2^63 - 1.
  if (ec || std::filesystem::is_directory(status)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  if (std::filesystem::is_regular_file(status)) {
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec) {
      out.resize(static_cast<std::size_t>(size));
      if (in.read(out.data(), static_cast<std::streamsize>(size)) || size == 0) return true;
      out.clear();
      return false;
    }
  }
  // A pipe or a device (`--pipeline <(...)`, /dev/stdin) has no size to read at once.
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace sigma::text
