#include "runtime/event/json_event.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace sigma::event {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Array nesting met while walking or flattening is bounded by the parser's max depth; this cap
// only guards hosts that raise that limit very high.
constexpr int kMaxDepth = 4096;

void emit_at(element v, sigma::ValueSink& out, int depth) {
  if (v.type() != element_type::ARRAY) {
    out.value(JsonEvent::scalar(v));
    return;
  }
  if (depth >= kMaxDepth) return;
  simdjson::dom::array arr;
  if (v.get_array().get(arr) != simdjson::SUCCESS) return;
  for (element e : arr) emit_at(e, out, depth + 1);
}

bool walk_at(element from, std::span<const std::string_view> path, sigma::ValueSink& out,
             int depth) {
  if (path.empty()) {
    emit_at(from, out, depth);
    return true;
  }
  switch (from.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object obj;
      element child;
      if (from.get_object().get(obj) != simdjson::SUCCESS) return false;
      if (obj.at_key(path.front()).get(child) != simdjson::SUCCESS) return false;
      return walk_at(child, path.subspan(1), out, depth + 1);
    }
    case element_type::ARRAY: {
      if (depth >= kMaxDepth) return false;
      simdjson::dom::array arr;
      if (from.get_array().get(arr) != simdjson::SUCCESS) return false;
      bool found = false;
      for (element e : arr) found = walk_at(e, path, out, depth + 1) || found;
      return found;
    }
    default:
      return false;
  }
}

}  // namespace

sigma::Value JsonEvent::scalar(element v) {
  switch (v.type()) {
    case element_type::STRING: {
      std::string_view s;
      if (v.get_string().get(s) == simdjson::SUCCESS) return sigma::Value::string(s);
      break;
    }
    case element_type::INT64: {
      std::int64_t i = 0;
      if (v.get_int64().get(i) == simdjson::SUCCESS) return sigma::Value::from_int(i);
      break;
    }
    case element_type::UINT64: {
      std::uint64_t u = 0;
      if (v.get_uint64().get(u) != simdjson::SUCCESS) break;
      // Above INT64_MAX only a double can hold it (approximately).
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return sigma::Value::from_int(static_cast<std::int64_t>(u));
      return sigma::Value::from_double(static_cast<double>(u));
    }
    case element_type::DOUBLE: {
      double d = 0;
      if (v.get_double().get(d) == simdjson::SUCCESS) return sigma::Value::from_double(d);
      break;
    }
    case element_type::BOOL: {
      bool b = false;
      if (v.get_bool().get(b) == simdjson::SUCCESS) return sigma::Value::from_bool(b);
      break;
    }
    case element_type::NULL_VALUE:
      return sigma::Value::null();
    case element_type::ARRAY:
    case element_type::OBJECT:
      break;
  }
  return sigma::Value::string({});
}

void JsonEvent::emit(element value, sigma::ValueSink& out) { emit_at(value, out, 0); }

bool JsonEvent::walk(element from, std::span<const std::string_view> path,
                     sigma::ValueSink& out) {
  return walk_at(from, path, out, 0);
}

void JsonEvent::gather_top() const {
  top_ready_ = true;
  top_.clear();
  simdjson::dom::object top;
  top_object_ = root_.get_object().get(top) == simdjson::SUCCESS;
  if (!top_object_) return;
  for (const simdjson::dom::key_value_pair field : top) top_.push_back({field.key, field.value});
}

const JsonEvent::TopKey* JsonEvent::find_top(std::string_view key) const {
  for (const TopKey& k : top_)  // in document order: the first of duplicate keys wins
    if (k.key.size() == key.size() && k.key == key) return &k;
  return nullptr;
}

bool JsonEvent::lookup(const sigma::Field& field, sigma::ValueSink& out) const {
  if (!valid_) return false;
  if (!top_ready_) gather_top();
  // 1. The whole name as a key of the top object.
  if (top_object_) {
    if (const TopKey* k = find_top(field.name)) {
      emit_at(k->value, out, 0);
      return true;
    }
  }
  // 2. The nested path. A host may build a Field without its path: split the name here.
  std::span<const std::string_view> path = field.path;
  std::array<std::string_view, 32> split;
  if (path.empty()) {
    std::size_t n = 0;
    std::string_view rest = field.name;
    while (n < split.size()) {
      std::size_t dot = rest.find('.');
      split[n++] = rest.substr(0, dot);
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
      if (n == split.size()) return false;  // too deep to be a field name
    }
    path = std::span<const std::string_view>(split.data(), n);
  }
  if (!top_object_) return walk_at(root_, path, out, 0);
  // A single segment was the exact key above.
  if (path.size() < 2) return false;
  const TopKey* first = find_top(path.front());
  return first != nullptr && walk_at(first->value, path.subspan(1), out, 1);
}

void JsonEvent::for_each_string(sigma::ValueSink& out) const {
  auto push = [this, &out](element v) {
    switch (v.type()) {
      case element_type::STRING:
        out.value(scalar(v));
        break;
      case element_type::ARRAY: {
        simdjson::dom::array a;
        if (v.get_array().get(a) != simdjson::SUCCESS) break;
        Frame f;
        f.ai = a.begin(), f.ae = a.end();
        stack_.push_back(f);
        break;
      }
      case element_type::OBJECT: {
        simdjson::dom::object o;
        if (v.get_object().get(o) != simdjson::SUCCESS) break;
        Frame f;
        f.is_object = true;
        f.oi = o.begin(), f.oe = o.end();
        stack_.push_back(f);
        break;
      }
      default:
        break;
    }
  };
  if (!valid_) return;
  stack_.clear();
  push(root_);
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    if (f.is_object ? f.oi == f.oe : f.ai == f.ae) {
      stack_.pop_back();
      continue;
    }
    element next = f.is_object ? f.oi.value() : *f.ai;
    if (f.is_object) ++f.oi; else ++f.ai;
    push(next);  // may grow stack_: f is not used after this
  }
}

}  // namespace sigma::event
