#include "runtime/index/exact_table.hpp"

#include <algorithm>
#include <bit>

namespace sigma::runtime {

void ExactTable::add(std::string_view value, std::uint32_t anchor) {
  added_.emplace_back(value, anchor);
}

void ExactTable::build() {
  std::sort(added_.begin(), added_.end());
  added_.erase(std::unique(added_.begin(), added_.end()), added_.end());
  std::size_t values = 0;
  for (std::size_t i = 0; i < added_.size(); ++i)
    if (i == 0 || added_[i].first != added_[i - 1].first) ++values;
  slots_.assign(values == 0 ? 0 : std::bit_ceil(values * 2), Slot{});
  mask_ = slots_.empty() ? 0 : slots_.size() - 1;
  pool_.clear();
  anchors_.assign(1, 0);  // so that no value's anchors end at 0, the mark of a free slot
  longest_ = 0;
  for (std::size_t i = 0; i < added_.size();) {
    const std::string& value = added_[i].first;
    Slot s;
    s.hash = hash<false>(value);
    s.start = static_cast<std::uint32_t>(pool_.size());
    s.size = static_cast<std::uint32_t>(value.size());
    pool_ += value;
    s.begin = static_cast<std::uint32_t>(anchors_.size());
    for (; i < added_.size() && added_[i].first == value; ++i) anchors_.push_back(added_[i].second);
    s.end = static_cast<std::uint32_t>(anchors_.size());
    longest_ = std::max(longest_, value.size());
    std::size_t at = s.hash & mask_;
    while (slots_[at].end != 0) at = (at + 1) & mask_;
    slots_[at] = s;
  }
  added_.clear();
  added_.shrink_to_fit();
}

}  // namespace sigma::runtime
