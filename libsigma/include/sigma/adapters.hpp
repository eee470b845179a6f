// Ready-made events for hosts whose data is a string map or a JSON document.
//
//   std::map<std::string, std::string> fields{{"Image", "C:\\Windows\\cmd.exe"}};
//   sigma::MapEvent event(fields);                 // no copy: the map must outlive the event
//   evaluator.evaluate(event);
//
//   sigma::JsonEvent event;                        // reuse it for every record
//   std::string error;
//   if (event.parse(line, &error)) evaluator.evaluate(event);
//
// Field names resolve as the rules write them: MapEvent by the exact key; JsonEvent by the
// whole dotted name as one key first, then as a nested path, trying every element of an array
// on the way ("any element of a list matches").
#pragma once

#include <sigma/event.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sigma {

// A flat map of strings, looked up by exact key. raw() is the value of "_raw" if present.
// Not thread-safe (it keeps a scratch key so that look-ups do not allocate).
class MapEvent final : public Event {
 public:
  explicit MapEvent(const std::unordered_map<std::string, std::string>& map);
  explicit MapEvent(const std::map<std::string, std::string>& map);
  ~MapEvent() override;
  MapEvent(const MapEvent&) = delete;
  MapEvent& operator=(const MapEvent&) = delete;

  bool lookup(const Field& field, ValueSink& out) const override;
  std::string_view raw() const override;
  void for_each_string(ValueSink& out) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One JSON object, parsed by the event itself; raw() is the JSON text. Parsing again reuses
// the buffers, so one JsonEvent per thread serves a whole stream without allocating.
class JsonEvent final : public Event {
 public:
  JsonEvent();
  ~JsonEvent() override;
  JsonEvent(const JsonEvent&) = delete;
  JsonEvent& operator=(const JsonEvent&) = delete;

  // Parses `json`. On failure returns false, sets `error` (when given) and the event is empty.
  bool parse(std::string_view json, std::string* error = nullptr);

  bool lookup(const Field& field, ValueSink& out) const override;
  std::string_view raw() const override;
  void for_each_string(ValueSink& out) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sigma
