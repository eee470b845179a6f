// Arena: a bump allocator for the strings one record derives (decoded hex, joined arguments,
// synthesised field names). reset() forgets every allocation but keeps the blocks, so a reader
// that resets per record stops allocating once it has seen its largest record.
//
// Views returned by copy() stay valid until reset(): blocks never move.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace sigma::event {

class Arena {
 public:
  explicit Arena(std::size_t block_size = 16 * 1024) : block_size_(block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  // n bytes, aligned to nothing (strings only). Never null, even for n == 0.
  char* allocate(std::size_t n);
  std::string_view copy(std::string_view s);
  void reset() { current_ = 0, used_ = 0; }
  // Whether nothing was allocated since the last reset() (an allocation of 0 bytes aside).
  bool empty() const { return current_ == 0 && used_ == 0; }

  // Bytes held in blocks (for tests and memory accounting).
  std::size_t capacity() const;

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };
  std::size_t block_size_;
  std::vector<Block> blocks_;
  std::size_t current_ = 0;  // index of the block being filled
  std::size_t used_ = 0;     // bytes used in blocks_[current_]
};

}  // namespace sigma::event
