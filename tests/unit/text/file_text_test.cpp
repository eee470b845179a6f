#include "runtime/text/file_text.hpp"

#include <catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

using sigma::text::read_file;

TEST_CASE("read_file gives a file's bytes exactly, and false for a missing file or a directory",
          "[file_text]") {
  const auto dir = std::filesystem::temp_directory_path() / "sigma-file-text-test";
  std::filesystem::create_directories(dir);
  const std::string bytes("title: x\r\n\0\xff end", 16);
  {
    std::ofstream(dir / "some.yml", std::ios::binary) << bytes;
    std::ofstream(dir / "empty.yml", std::ios::binary);
  }
  std::string out = "left over";
  CHECK(read_file(dir / "some.yml", out));
  CHECK(out == bytes);
  CHECK(read_file(dir / "empty.yml", out));
  CHECK(out.empty());
  out = "left over";
  CHECK_FALSE(read_file(dir / "missing.yml", out));
  CHECK(out.empty());
  CHECK_FALSE(read_file(dir, out));  // a directory is not a readable file
  CHECK(out.empty());
  out = "left over";
  CHECK(read_file("/dev/null", out));  // a device: read as a stream, not by its size
  CHECK(out.empty());
  std::filesystem::remove_all(dir);
}
