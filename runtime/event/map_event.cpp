#include "runtime/event/map_event.hpp"

namespace sigma::event {

const std::string* MapEvent::find(std::string_view key) const {
  key_.assign(key.data(), key.size());
  if (unordered_ != nullptr) {
    auto it = unordered_->find(key_);
    return it == unordered_->end() ? nullptr : &it->second;
  }
  auto it = ordered_->find(key_);
  return it == ordered_->end() ? nullptr : &it->second;
}

bool MapEvent::lookup(const sigma::Field& field, sigma::ValueSink& out) const {
  const std::string* v = find(field.name);
  if (v == nullptr) return false;
  out.value(sigma::Value::string(*v));
  return true;
}

std::string_view MapEvent::raw() const {
  const std::string* v = find("_raw");
  return v == nullptr ? std::string_view{} : std::string_view{*v};
}

void MapEvent::for_each_string(sigma::ValueSink& out) const {
  if (unordered_ != nullptr) {
    for (const auto& [k, v] : *unordered_) out.value(sigma::Value::string(v));
  } else {
    for (const auto& [k, v] : *ordered_) out.value(sigma::Value::string(v));
  }
}

}  // namespace sigma::event
