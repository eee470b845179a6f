#include "runtime/event/field_store.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>

#include "runtime/text/equal_bytes.hpp"

namespace sigma::event {
namespace {

constexpr std::size_t kInitialSlots = 64;

}  // namespace

void FieldStore::clear() {
  entries_.clear();
  std::fill(index_.begin(), index_.end(), 0u);
  distinct_ = 0;
  raw_ = {};
  fallback_ = nullptr;
  promised_within_raw_ = false;
  arena_.reset();
}

std::optional<bool> FieldStore::known_within_raw() const {
  if (fallback_ != nullptr || raw_.empty()) return false;
  if (!promised_within_raw_) return std::nullopt;
  assert(strings_within_raw());
  return true;
}

bool FieldStore::values_within_raw() const {
  if (const auto known = known_within_raw()) return *known;
  return strings_within_raw();
}

bool FieldStore::values_within_raw(std::string_view name, std::uint64_t hash) const {
  if (const auto known = known_within_raw()) return *known;
  for (std::uint32_t e = find(name, hash); e != kNone; e = entries_[e].next)
    if (!within_raw(entries_[e].value)) return false;
  return true;
}

bool FieldStore::within_raw(const sigma::Value& v) const {
  const std::string_view text = v.text;
  if (v.type != sigma::Value::Type::String || text.empty()) return true;
  // As integers: the order of pointers into different objects is unspecified. An offset below
  // the raw text wraps to a large one.
  const std::uintptr_t offset =
      reinterpret_cast<std::uintptr_t>(text.data()) - reinterpret_cast<std::uintptr_t>(raw_.data());
  return offset <= raw_.size() && text.size() <= raw_.size() - offset;
}

bool FieldStore::strings_within_raw() const {
  // From the last entry: readers add what they decode or copy (auditd's SYSCALL fields on an
  // EXECVE record) after the record's own fields, so a copy is found sooner.
  return std::all_of(entries_.rbegin(), entries_.rend(),
                     [&](const Entry& e) { return within_raw(e.value); });
}

std::uint32_t FieldStore::find(std::string_view name, std::uint64_t hash) const {
  if (index_.empty()) return kNone;
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint32_t slot = index_[i];
    if (slot == 0) return kNone;
    const Entry& e = entries_[slot - 1];
    // Names are short: compared in place, where memcmp's call cost more than the compare.
    if (e.hash == hash && e.name.size() == name.size() &&
        text::equal_bytes(e.name.data(), name.data(), name.size()))
      return slot - 1;
  }
}

void FieldStore::grow_index() {
  std::size_t size = index_.empty() ? kInitialSlots : index_.size() * 2;
  index_.assign(size, 0u);
  const std::size_t mask = size - 1;
  // Re-insert first entries only: list members are reached through `next`.
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].tail == kNone) continue;  // not the first entry of its name
    std::size_t i = entries_[e].hash & mask;
    while (index_[i] != 0) i = (i + 1) & mask;
    index_[i] = e + 1;
  }
}

void FieldStore::add(std::string_view name, const sigma::Value& value) {
  const std::uint64_t hash = hash_name(name);
  add(name, hash, find(name, hash), value);
}

void FieldStore::add(std::string_view name, std::uint64_t hash, std::uint32_t head,
                     const sigma::Value& value) {
  const auto at = static_cast<std::uint32_t>(entries_.size());
  if (head != kNone) {
    entries_.push_back({name, value, kNone, kNone, hash});
    entries_[entries_[head].tail].next = at;
    entries_[head].tail = at;
    return;
  }
  entries_.push_back({name, value, kNone, at, hash});
  // Keep the load factor under 1/2 so probes stay short.
  if ((distinct_ + 1) * 2 > index_.size()) {
    ++distinct_;
    grow_index();  // inserts the new entry too
    return;
  }
  ++distinct_;
  const std::size_t mask = index_.size() - 1;
  std::size_t i = hash & mask;
  while (index_[i] != 0) i = (i + 1) & mask;
  index_[i] = at + 1;
}

bool FieldStore::add_if_absent(std::string_view name, const sigma::Value& value) {
  const std::uint64_t hash = hash_name(name);
  if (find(name, hash) != kNone) return false;
  add(name, hash, kNone, value);
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
