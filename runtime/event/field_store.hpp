// FieldStore: a flat, per-record event made of (name, value) pairs that view into buffers the
// record owns, used by the log readers (auditd, syslog, evtx-json) instead of copying strings
// into a map for every event.
//
//   store.clear();                                  // per record: keeps every capacity
//   store.set_raw(line);
//   store.add("type", sigma::Value::string(type));  // a name added twice is a list
//   store.add(store.arena().copy("Provider_Name"), v);
//
// Look-ups hash the field name (open addressing, rebuilt per record with the entries) and
// answer every value stored under it; dotted names not stored go to an optional fallback event,
// which is how the evtx reader keeps the original nested paths ("Event.System.EventID")
// working. A name without a dot is in entries() or absent, so a prefilter can learn every such
// field of the event by walking entries() instead of asking for each name.
// Views added must outlive the store's use for the record: point them into the record's line,
// its parsed document, the arena(), or static storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <sigma/event.hpp>

#include "runtime/event/arena.hpp"

namespace sigma::event {

// The hash FieldStore keys names by (FNV-1a: names are short, so a simple byte hash beats
// anything clever here). Entries carry it, so an engine binding them to its own field ids
// hashes no name twice.
inline std::uint64_t hash_name(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

class FieldStore final : public sigma::Event {
 public:
  struct Entry {
    std::string_view name;
    sigma::Value value;
    std::uint32_t next = kNone;  // next value of the same name (list order)
    std::uint32_t tail = kNone;  // on the first entry of a name: its last value
    std::uint64_t hash = 0;      // hash_name(name), so a consumer need not hash it again
  };
  static constexpr std::uint32_t kNone = 0xffffffffu;

  FieldStore() = default;

  // Forgets every field, the raw text, the fallback and the arena's contents.
  void clear();

  // Appends a value; a name already present becomes (or grows) a list.
  void add(std::string_view name, const sigma::Value& value);
  // Adds only when the name is absent; returns whether it did.
  bool add_if_absent(std::string_view name, const sigma::Value& value);
  bool contains(std::string_view name) const { return find(name) != kNone; }
  // First value of `name`, or null when absent (for readers and tests).
  const sigma::Value* first(std::string_view name) const;

  void set_raw(std::string_view raw) { raw_ = raw; }
  // The reader's word, until clear(), that every string value it adds is a run of raw() (a
  // syslog line's fields are): values_within_raw() then answers without its walk of the
  // entries (a tenth of a syslog line's evaluation), which checks the word where assertions
  // are on.
  void promise_values_within_raw() { promised_within_raw_ = true; }
  // Answers dotted names the store lacks.
  void set_fallback(const sigma::Event* fallback) { fallback_ = fallback; }
  Arena& arena() { return arena_; }

  // Entries in insertion order (every value, list members included).
  const std::vector<Entry>& entries() const { return entries_; }

  bool lookup(const sigma::Field& field, sigma::ValueSink& out) const override;
  // lookup() of a name without a dot whose hash_name() the caller keeps: its values appended
  // to `out`, without hashing the name or a call per value.
  bool append_values(std::string_view name, std::uint64_t hash,
                     std::vector<sigma::Value>& out) const {
    std::uint32_t e = find(name, hash);
    if (e == kNone) return false;
    for (; e != kNone; e = entries_[e].next) out.emplace_back(entries_[e].value);
    return true;
  }
  std::string_view raw() const override { return raw_; }
  // Whether every string value is a run of raw(), byte for byte (neither decoded nor copied),
  // and no fallback answers for the store: then whatever text a value holds, raw() holds too.
  // A walk of the entries unless the reader promised it, for the raw-text gate (raw_gate.hpp),
  // which alone asks.
  bool values_within_raw() const;
  // values_within_raw() for the values of one name without a dot (hash: hash_name(name)): a
  // look-up instead of the walk, for the gate's few fields of an event whose other values may
  // be copies (an auditd EXECVE record's SYSCALL fields).
  bool values_within_raw(std::string_view name, std::uint64_t hash) const;
  void for_each_string(sigma::ValueSink& out) const override;

 private:
  // Index of the name's first entry; `hash` is hash_name(name).
  std::uint32_t find(std::string_view name, std::uint64_t hash) const;
  std::uint32_t find(std::string_view name) const { return find(name, hash_name(name)); }
  // add() once the name is hashed and its first entry (`head`) found, or kNone.
  void add(std::string_view name, std::uint64_t hash, std::uint32_t head,
           const sigma::Value& value);
  void grow_index();
  // values_within_raw()'s answer without looking at values: false without raw text or with a
  // fallback, true by the reader's promise (checked where assertions are on), else unknown.
  std::optional<bool> known_within_raw() const;
  bool strings_within_raw() const;  // values_within_raw()'s walk
  bool within_raw(const sigma::Value& v) const;  // a string that is a run of raw_, or no string

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> index_;  // open addressing: entry index + 1, 0 = empty slot
  std::size_t distinct_ = 0;          // names in index_
  std::string_view raw_;
  const sigma::Event* fallback_ = nullptr;
  bool promised_within_raw_ = false;
  Arena arena_;
};

}  // namespace sigma::event
