// JsonEvent: a sigma::Event over a parsed simdjson DOM document, without copying it.
//
//   simdjson::dom::parser parser;                    // reuse across records
//   simdjson::dom::element doc;
//   if (parser.parse(line).get(doc) == simdjson::SUCCESS) {
//     sigma::event::JsonEvent event(doc, line);      // line becomes raw()
//     ruleset.evaluate(event, ...);
//   }
//
// Field resolution: the whole dotted name as one key of the top object first ("user.name" as
// written), then the nested path {"user","name"}. Where a step of the path meets an array, every
// element is tried ("any element of a list matches"), so `spec.volumes.hostPath` reaches
// {"spec":{"volumes":[{"hostPath":...}]}}.
//
// Values: null, bool, integers, doubles and strings map to sigma::Value; string views point
// into the parser's document, so the parser must not parse again (or be destroyed) while the
// event is in use. An array gives one value per element, nested arrays flattened; an empty
// array is present with no values.
//
// An object value is reported as one *empty string* and the field counts as present: simdjson's
// DOM cannot hand out an object's JSON text without serialising it, and what rules need of an
// object is presence (`field: '*'` or `|exists: true` must match it). A rule comparing an
// object to text therefore sees "". for_each_string() visits every string leaf (not keys),
// iteratively, so depth costs heap rather than stack.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include <simdjson.h>
#include <sigma/event.hpp>

namespace sigma::event {

class JsonEvent final : public sigma::Event {
 public:
  JsonEvent() = default;
  explicit JsonEvent(simdjson::dom::element root, std::string_view raw = {}) { reset(root, raw); }

  // Points the adapter at another document (the previous one may be gone). `raw`, when given,
  // must be the text `root` was parsed from: the index reads values in it (raw_gate.hpp).
  void reset(simdjson::dom::element root, std::string_view raw = {}) {
    root_ = root;
    raw_ = raw;
    valid_ = true;
    top_ready_ = false;
  }
  simdjson::dom::element root() const { return root_; }

  bool lookup(const sigma::Field& field, sigma::ValueSink& out) const override;
  std::string_view raw() const override { return raw_; }
  void for_each_string(sigma::ValueSink& out) const override;

  // Reports a JSON value as the adapter does (arrays flattened, objects as ""). Reused by the
  // evtx reader for its flattened fields.
  static void emit(simdjson::dom::element value, sigma::ValueSink& out);
  // One scalar as a Value (arrays and objects give the empty string, as above).
  static sigma::Value scalar(simdjson::dom::element value);
  // Walks `path` from `from`, descending into arrays; true when some branch reached its end.
  static bool walk(simdjson::dom::element from, std::span<const std::string_view> path,
                   sigma::ValueSink& out);

 private:
  simdjson::dom::element root_;  // meaningful only when valid_: a default element has no tape
  std::string_view raw_;
  bool valid_ = false;

  struct Frame {
    bool is_object = false;
    simdjson::dom::array::iterator ai, ae;
    simdjson::dom::object::iterator oi, oe;
  };
  mutable std::vector<Frame> stack_;  // for_each_string's explicit stack, kept warm

  // The top object's keys, gathered at a record's first look-up: each name is then found by
  // comparing lengths in a small array rather than by walking the object's tape.
  struct TopKey {
    std::string_view key;
    simdjson::dom::element value;
  };
  void gather_top() const;
  const TopKey* find_top(std::string_view key) const;
  mutable std::vector<TopKey> top_;
  mutable bool top_ready_ = false;   // top_ and top_object_ are this record's
  mutable bool top_object_ = false;  // the root is an object
};

}  // namespace sigma::event
