#include "compiler/expr/expr_scratch.hpp"

#include <algorithm>
#include <cstring>

namespace sigma::expr {

void* Scratch::allocate_slow(std::size_t bytes, std::size_t align) {
  if (bytes == 0) bytes = 1;
  while (current_ < blocks_.size()) {
    Block& b = blocks_[current_];
    std::size_t start = (used_ + align - 1) / align * align;
    if (start + bytes <= b.size) {
      used_ = start + bytes;
      return b.data.get() + start;
    }
    ++current_;
    used_ = 0;
  }
  // new[] of std::byte is aligned for any fundamental type, enough for everything we store.
  std::size_t size = std::max(kBlockSize, bytes);
  blocks_.push_back(Block{std::make_unique<std::byte[]>(size), size});
  current_ = blocks_.size() - 1;
  used_ = bytes;
  return blocks_.back().data.get();
}

std::string_view Scratch::copy(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Scratch::reset() noexcept {
  // A burst that needed huge blocks should not pin them forever.
  if (blocks_.size() > 8) blocks_.resize(8);
  current_ = 0;
  used_ = 0;
}

std::size_t Scratch::bytes_in_use() const {
  std::size_t n = used_;
  for (std::size_t i = 0; i < current_ && i < blocks_.size(); ++i) n += blocks_[i].size;
  return n;
}

}  // namespace sigma::expr
