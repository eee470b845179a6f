// A bump allocator for the strings and lists an evaluation makes (concatenations, mvappend...).
// Everything lives until reset(); blocks are kept, so a warm Scratch allocates nothing.
// Only trivially destructible objects go here (chars, string_views, Values).
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sigma::expr {

class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  void* allocate(std::size_t bytes, std::size_t align) {
    // Inline while the current block has room (nearly always once warm).
    if (bytes != 0 && current_ < blocks_.size()) {
      const std::size_t start = (used_ + align - 1) / align * align;
      Block& b = blocks_[current_];
      if (start + bytes <= b.size) {
        used_ = start + bytes;
        return b.data.get() + start;
      }
    }
    return allocate_slow(bytes, align);
  }

  template <class T>
  T* make_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    T* p = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
    for (std::size_t i = 0; i < n; ++i) new (p + i) T();
    return p;
  }

  std::string_view copy(std::string_view s);

  // Forgets every allocation; keeps the blocks for reuse.
  void reset() noexcept;

  std::size_t bytes_in_use() const;

 private:
  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  void* allocate_slow(std::size_t bytes, std::size_t align);

  static constexpr std::size_t kBlockSize = 16 * 1024;

  std::vector<Block> blocks_;
  std::size_t current_ = 0;  // index of the block being filled
  std::size_t used_ = 0;     // bytes used in it
};

}  // namespace sigma::expr
