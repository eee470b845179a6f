// The host interface: how a program hands an event to the engine without copying it.
//
// Rules name fields; when a RuleSet is built every field name becomes a `Field` with a dense id
// and its dotted path. While evaluating, the engine asks the host for each field it needs at
// most once per event, through `Event::lookup`; the host answers with views into its own data.
//
//   class MyEvent final : public sigma::Event {
//     bool lookup(const sigma::Field& f, sigma::ValueSink& out) const override {
//       auto it = map_.find(f.name);
//       if (it == map_.end()) return false;        // absent
//       out.value(sigma::Value::string(it->second));
//       return true;
//     }
//   };
//
// Views handed to a ValueSink need only live until `lookup` returns... except that the engine
// keeps them for the rest of the evaluate() call, so they must point into data that outlives it
// (the event itself), never into a temporary.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sigma {

// One scalar value of an event field: a tagged view, cheap to copy.
struct Value {
  enum class Type : std::uint8_t { Null, Bool, Int, Float, String };

  Type type = Type::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view text;

  static constexpr Value null() { return {}; }
  static constexpr Value from_bool(bool b) { return {Type::Bool, b, 0, 0, {}}; }
  static constexpr Value from_int(std::int64_t i) { return {Type::Int, false, i, 0, {}}; }
  static constexpr Value from_double(double d) { return {Type::Float, false, 0, d, {}}; }
  static constexpr Value string(std::string_view s) { return {Type::String, false, 0, 0, s}; }
};

// A field as rules name it. `id` is dense (0 .. RuleSet::fields().size()-1), so a host can map
// ids to its own column indexes once, after the RuleSet is built.
struct Field {
  std::uint32_t id = 0;
  std::string_view name;                   // as written in the rule: "user.username"
  std::span<const std::string_view> path;  // the name split on '.': {"user", "username"}
};

// Receives the values of one field. A list value gives one call per element (nested lists are
// flattened); a scalar gives one call.
class ValueSink {
 public:
  virtual void value(const Value& v) = 0;

 protected:
  ~ValueSink() = default;
};

class Event {
 public:
  virtual ~Event() = default;

  // Reports the values of `field` to `out` and returns true, or returns false when the event
  // has no such field. A field that holds an empty list is present with no values. A field
  // name with dots should resolve to an exact key first, then to the nested path.
  virtual bool lookup(const Field& field, ValueSink& out) const = 0;

  // The record's raw text, searched by keyword rules; empty when the host has none.
  virtual std::string_view raw() const { return {}; }

  // Every string value of the event. Keyword rules search these when raw() is empty.
  virtual void for_each_string(ValueSink& out) const { (void)out; }
};

}  // namespace sigma
