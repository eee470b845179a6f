// Test helpers: run a reader over text and keep what it produced (events live only until the
// next call, so each is snapshotted as it comes).
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/event/field_store.hpp"
#include "runtime/readers/reader.hpp"
#include "tests/unit/event/collect.hpp"

namespace sigma::test {

struct Snapshot {
  std::uint64_t record = 0;
  std::string raw;
  std::map<std::string, std::string> fields;  // every field of a FieldStore, lists joined by '|'

  std::string operator[](const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "<absent>" : it->second;
  }
};

struct Result {
  std::vector<Snapshot> events;
  std::vector<sigma::readers::ReadError> errors;
};

// `probe` names fields to ask through Event::lookup (for adapters that are not FieldStores or
// to test nested paths); they land in Snapshot::fields under their own name.
inline Result read_all(sigma::readers::Format format, const std::string& text,
                       const std::vector<std::string>& probe = {},
                       sigma::readers::ReaderOptions options = {}) {
  Result out;
  std::istringstream in(text);
  auto reader = sigma::readers::open_reader(
      format, in, "test.log", [&](const sigma::readers::ReadError& e) { out.errors.push_back(e); },
      options);
  while (const sigma::Event* e = reader->next()) {
    Snapshot s;
    s.record = reader->record();
    s.raw = std::string(e->raw());
    if (auto* store = dynamic_cast<const sigma::event::FieldStore*>(e)) {
      for (const auto& entry : store->entries()) {
        std::string name(entry.name);
        if (s.fields.count(name) == 0) s.fields[name] = get(*e, name);
      }
    }
    for (const std::string& p : probe) s.fields[p] = get(*e, p);
    out.events.push_back(std::move(s));
  }
  REQUIRE(reader->errors() == out.errors.size());
  return out;
}

// Calls f(store) for each event a reader of `format` makes of `text`, each a FieldStore (the
// live event, not a snapshot: for what only the store itself can answer).
template <class F>
void for_each_store(sigma::readers::Format format, const std::string& text, F&& f) {
  std::istringstream in(text);
  auto reader = sigma::readers::open_reader(format, in, "test.log", [](const auto&) {});
  while (const sigma::Event* e = reader->next()) {
    const auto* store = dynamic_cast<const sigma::event::FieldStore*>(e);
    REQUIRE(store != nullptr);
    f(*store);
  }
}

// The string values of `store` that are not runs of its raw text, as "name = value" (what
// FieldStore::values_within_raw() must answer for, whatever a reader promised).
inline std::vector<std::string> values_outside_raw(const sigma::event::FieldStore& store) {
  const std::string_view raw = store.raw();
  std::vector<std::string> outside;
  for (const auto& entry : store.entries()) {
    const std::string_view v = entry.value.text;
    if (entry.value.type != sigma::Value::Type::String || v.empty()) continue;
    if (v.data() < raw.data() || v.data() + v.size() > raw.data() + raw.size())
      outside.push_back(std::string(entry.name) + " = " + std::string(v));
  }
  return outside;
}

}  // namespace sigma::test
