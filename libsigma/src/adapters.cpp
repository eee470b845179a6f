#include <sigma/adapters.hpp>

#include <simdjson.h>

#include "runtime/event/json_event.hpp"
#include "runtime/event/map_event.hpp"

namespace sigma {

struct MapEvent::Impl {
  explicit Impl(const std::unordered_map<std::string, std::string>& m) : event(m) {}
  explicit Impl(const std::map<std::string, std::string>& m) : event(m) {}
  event::MapEvent event;
};

MapEvent::MapEvent(const std::unordered_map<std::string, std::string>& map)
    : impl_(std::make_unique<Impl>(map)) {}
MapEvent::MapEvent(const std::map<std::string, std::string>& map)
    : impl_(std::make_unique<Impl>(map)) {}
MapEvent::~MapEvent() = default;

bool MapEvent::lookup(const Field& field, ValueSink& out) const {
  return impl_->event.lookup(field, out);
}
std::string_view MapEvent::raw() const { return impl_->event.raw(); }
void MapEvent::for_each_string(ValueSink& out) const { impl_->event.for_each_string(out); }

struct JsonEvent::Impl {
  simdjson::dom::parser parser;
  std::string text;  // the record, kept so raw() and the document's views stay valid
  event::JsonEvent event;
  bool valid = false;
};

JsonEvent::JsonEvent() : impl_(std::make_unique<Impl>()) {}
JsonEvent::~JsonEvent() = default;

bool JsonEvent::parse(std::string_view json, std::string* error) {
  auto& s = *impl_;
  s.valid = false;
  s.text.reserve(json.size() + simdjson::SIMDJSON_PADDING);  // simdjson reads past the end
  s.text.assign(json);
  simdjson::dom::element root;
  const auto rc = s.parser.parse(s.text.data(), s.text.size(), false).get(root);
  if (rc != simdjson::SUCCESS || !root.is_object()) {
    if (error) *error = rc != simdjson::SUCCESS ? simdjson::error_message(rc) : "not a JSON object";
    return false;
  }
  s.event.reset(root, s.text);
  s.valid = true;
  return true;
}

bool JsonEvent::lookup(const Field& field, ValueSink& out) const {
  return impl_->valid && impl_->event.lookup(field, out);
}
std::string_view JsonEvent::raw() const { return impl_->valid ? impl_->event.raw() : ""; }
void JsonEvent::for_each_string(ValueSink& out) const {
  if (impl_->valid) impl_->event.for_each_string(out);
}

}  // namespace sigma
