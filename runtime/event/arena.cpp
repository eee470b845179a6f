#include "runtime/event/arena.hpp"

#include <cstring>

namespace sigma::event {

char* Arena::allocate(std::size_t n) {
  // Find a block from current_ on with room; a fresh one is inserted after current_ so the
  // blocks kept for later records stay in use order.
  while (current_ < blocks_.size()) {
    Block& b = blocks_[current_];
    if (b.size - used_ >= n) {
      char* p = b.data.get() + used_;
      used_ += n;
      return p;
    }
    if (current_ + 1 == blocks_.size()) break;
    ++current_, used_ = 0;
  }
  std::size_t size = n > block_size_ ? n : block_size_;
  Block fresh{std::make_unique<char[]>(size), size};
  std::size_t at = blocks_.empty() ? 0 : current_ + 1;
  blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(at), std::move(fresh));
  current_ = at;
  used_ = n;
  return blocks_[at].data.get();
}

std::string_view Arena::copy(std::string_view s) {
  char* p = allocate(s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

std::size_t Arena::capacity() const {
  std::size_t total = 0;
  for (const Block& b : blocks_) total += b.size;
  return total;
}

}  // namespace sigma::event
