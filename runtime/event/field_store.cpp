#include "runtime/event/field_store.hpp"

#include <algorithm>

namespace sigma::event {
namespace {

// FNV-1a: names are short, so a simple byte hash beats anything clever here.
std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

constexpr std::size_t kInitialSlots = 64;

}  // namespace

void FieldStore::clear() {
  entries_.clear();
  std::fill(index_.begin(), index_.end(), 0u);
  distinct_ = 0;
  raw_ = {};
  fallback_ = nullptr;
  arena_.reset();
}

std::uint32_t FieldStore::find(std::string_view name) const {
  if (index_.empty()) return kNone;
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = hash_name(name) & mask;; i = (i + 1) & mask) {
    std::uint32_t slot = index_[i];
    if (slot == 0) return kNone;
    if (entries_[slot - 1].name == name) return slot - 1;
  }
}

void FieldStore::grow_index() {
  std::size_t size = index_.empty() ? kInitialSlots : index_.size() * 2;
  index_.assign(size, 0u);
  const std::size_t mask = size - 1;
  // Re-insert first entries only: list members are reached through `next`.
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].tail == kNone) continue;  // not the first entry of its name
    std::size_t i = hash_name(entries_[e].name) & mask;
    while (index_[i] != 0) i = (i + 1) & mask;
    index_[i] = e + 1;
  }
}

void FieldStore::add(std::string_view name, const sigma::Value& value) {
  const auto at = static_cast<std::uint32_t>(entries_.size());
  std::uint32_t head = find(name);
  if (head != kNone) {
    entries_.push_back({name, value, kNone, kNone});
    entries_[entries_[head].tail].next = at;
    entries_[head].tail = at;
    return;
  }
  entries_.push_back({name, value, kNone, at});
  // Keep the load factor under 1/2 so probes stay short.
  if ((distinct_ + 1) * 2 > index_.size()) {
    ++distinct_;
    grow_index();  // inserts the new entry too
    return;
  }
  ++distinct_;
  const std::size_t mask = index_.size() - 1;
  std::size_t i = hash_name(name) & mask;
  while (index_[i] != 0) i = (i + 1) & mask;
  index_[i] = at + 1;
}

bool FieldStore::add_if_absent(std::string_view name, const sigma::Value& value) {
  if (find(name) != kNone) return false;
  add(name, value);
  return true;
}

const sigma::Value* FieldStore::first(std::string_view name) const {
  std::uint32_t e = find(name);
  return e == kNone ? nullptr : &entries_[e].value;
}

bool FieldStore::lookup(const sigma::Field& field, sigma::ValueSink& out) const {
  std::uint32_t e = find(field.name);
  if (e == kNone) {
    const bool dotted = field.name.find('.') != std::string_view::npos;
    return dotted && fallback_ != nullptr && fallback_->lookup(field, out);
  }
  for (; e != kNone; e = entries_[e].next) out.value(entries_[e].value);
  return true;
}

void FieldStore::for_each_string(sigma::ValueSink& out) const {
  for (const Entry& e : entries_)
    if (e.value.type == sigma::Value::Type::String) out.value(e.value);
}

}  // namespace sigma::event
