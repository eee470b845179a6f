// MapEvent: a sigma::Event over a host's flat string map, without copying it.
//
//   std::unordered_map<std::string, std::string> fields{{"Image", "C:\\x.exe"}};
//   sigma::event::MapEvent event(fields);
//   ruleset.evaluate(event, ...);
//
// Look-up is by the exact key only: a flat map has no nesting, so "user.name" is the key
// "user.name" and nothing else. Every value is a string. raw() is the value of "_raw" when the
// map has one. The map must outlive the MapEvent and stay unchanged while it is evaluated.
// Not thread-safe: one MapEvent per thread (it keeps a scratch key to look up without
// allocating, since the standard maps' default comparators need a std::string key).
#pragma once

#include <map>
#include <string>
#include <unordered_map>

#include <sigma/event.hpp>

namespace sigma::event {

class MapEvent final : public sigma::Event {
 public:
  using Unordered = std::unordered_map<std::string, std::string>;
  using Ordered = std::map<std::string, std::string>;

  explicit MapEvent(const Unordered& map) : unordered_(&map) {}
  explicit MapEvent(const Ordered& map) : ordered_(&map) {}

  bool lookup(const sigma::Field& field, sigma::ValueSink& out) const override;
  std::string_view raw() const override;
  void for_each_string(sigma::ValueSink& out) const override;

 private:
  const std::string* find(std::string_view key) const;

  const Unordered* unordered_ = nullptr;
  const Ordered* ordered_ = nullptr;
  mutable std::string key_;  // reused so a look-up does not allocate after warm-up
};

}  // namespace sigma::event
