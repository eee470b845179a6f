#include "runtime/readers/evtx_flatten.hpp"

#include <cstring>

#include "runtime/event/json_event.hpp"

namespace sigma::readers {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;
using sigma::Value;
using sigma::event::FieldStore;
using sigma::event::JsonEvent;

constexpr int kMaxUserDataDepth = 32;

bool get(object o, std::string_view key, element& out) {
  return o.at_key(key).get(out) == simdjson::SUCCESS;
}

bool as_object(element e, object& out) { return e.get_object().get(out) == simdjson::SUCCESS; }

// XML plumbing rather than data: attributes blocks, @attributes, namespaces.
bool markup_key(std::string_view k) {
  return k.empty() || k[0] == '#' || k[0] == '@' || k == "xmlns";
}

class AddSink final : public sigma::ValueSink {
 public:
  AddSink(FieldStore& out, std::string_view name) : out_(out), name_(name) {}
  void value(const Value& v) override { out_.add(name_, v); }

 private:
  FieldStore& out_;
  std::string_view name_;
};

// A value that may be wrapped as {"#text": v, "#attributes": ...}.
void add_value(FieldStore& out, std::string_view name, element v) {
  object o;
  element text;
  if (as_object(v, o) && get(o, "#text", text)) v = text;
  AddSink sink(out, name);
  JsonEvent::emit(v, sink);
}

// Some providers (Microsoft Defender) name their data with spaces ("Threat Name"); rules write
// the name without them (ThreatName), as THOR and other Windows engines normalise it. Both
// names are given.
void add_data(FieldStore& out, std::string_view name, element v) {
  add_value(out, name, v);
  if (name.find(' ') == std::string_view::npos) return;
  char* p = out.arena().allocate(name.size());
  std::size_t n = 0;
  for (const char c : name)
    if (c != ' ') p[n++] = c;
  if (n > 0) add_value(out, {p, n}, v);
}

std::string_view join_name(FieldStore& out, std::string_view a, std::string_view b) {
  char* p = out.arena().allocate(a.size() + 1 + b.size());
  std::memcpy(p, a.data(), a.size());
  p[a.size()] = '_';
  std::memcpy(p + a.size() + 1, b.data(), b.size());
  return {p, a.size() + 1 + b.size()};
}

// The name of a <Data Name="..."> element in its JSON forms.
std::string_view data_name(object item) {
  element e, attrs;
  std::string_view name;
  object a;
  if (get(item, "#attributes", attrs) && as_object(attrs, a) && get(a, "Name", e) &&
      e.get_string().get(name) == simdjson::SUCCESS)
    return name;
  if (get(item, "@Name", e) && e.get_string().get(name) == simdjson::SUCCESS) return name;
  if (get(item, "Name", e) && e.get_string().get(name) == simdjson::SUCCESS) return name;
  return {};
}

void data_item(FieldStore& out, element item) {
  object o;
  if (!as_object(item, o)) {
    if (item.type() != element_type::NULL_VALUE) add_value(out, "Data", item);
    return;
  }
  std::string_view name = data_name(o);
  element text;
  bool has_text = get(o, "#text", text) || get(o, "Value", text);
  if (name.empty()) {
    if (has_text) add_value(out, "Data", text);
  } else if (has_text) {
    add_data(out, name, text);
  } else {
    out.add(name, Value::string({}));  // <Data Name="X"/>: present and empty
  }
}

void event_data(FieldStore& out, element data) {
  object o;
  if (!as_object(data, o)) {
    if (data.type() != element_type::NULL_VALUE) add_value(out, "EventData", data);
    return;
  }
  for (auto [key, value] : o) {
    if (markup_key(key)) continue;
    if (key == "Data") {
      simdjson::dom::array items;
      if (value.get_array().get(items) == simdjson::SUCCESS) {
        for (element item : items) data_item(out, item);
      } else {
        data_item(out, value);
      }
      continue;
    }
    add_data(out, key, value);
  }
}

void user_data(FieldStore& out, element node, int depth) {
  object o;
  if (depth > kMaxUserDataDepth || !as_object(node, o)) return;
  for (auto [key, value] : o) {
    if (markup_key(key)) continue;
    object child;
    element text;
    if (as_object(value, child) && !get(child, "#text", text)) {
      user_data(out, value, depth + 1);
    } else if (value.type() == element_type::ARRAY) {
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) continue;
      for (element item : items) {
        if (item.type() == element_type::OBJECT) {
          user_data(out, item, depth + 1);
        } else {
          add_value(out, key, item);
        }
      }
    } else {
      add_value(out, key, value);
    }
  }
}

// EventID as text ("4688", from XML converters) becomes the integer the native form has.
Value event_id(element v) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS || s.empty() || s.size() > 18)
    return JsonEvent::scalar(v);
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return JsonEvent::scalar(v);
    n = n * 10 + (c - '0');
  }
  return Value::from_int(n);
}

void system_attributes(FieldStore& out, std::string_view key, object attrs, bool at_prefixed) {
  for (auto [attr, value] : attrs) {
    if (at_prefixed) {
      if (attr.size() < 2 || attr[0] != '@') continue;
      attr.remove_prefix(1);
    }
    if (value.type() == element_type::OBJECT || value.type() == element_type::ARRAY) continue;
    out.add_if_absent(join_name(out, key, attr), JsonEvent::scalar(value));
    if (key == "TimeCreated" && attr == "SystemTime")
      out.add_if_absent("_time", JsonEvent::scalar(value));
  }
}

void system(FieldStore& out, element sys) {
  object o;
  if (!as_object(sys, o)) return;
  for (auto [key, value] : o) {
    if (markup_key(key)) continue;
    object child;
    if (!as_object(value, child)) {
      if (value.type() == element_type::NULL_VALUE) continue;
      out.add_if_absent(key, key == "EventID" ? event_id(value) : JsonEvent::scalar(value));
      continue;
    }
    element text, attrs;
    if (get(child, "#text", text))
      out.add_if_absent(key, key == "EventID" ? event_id(text) : JsonEvent::scalar(text));
    object a;
    if (get(child, "#attributes", attrs) && as_object(attrs, a)) system_attributes(out, key, a, false);
    system_attributes(out, key, child, true);
  }
}

}  // namespace

void flatten_evtx(element root, FieldStore& out) {
  object top, event;
  if (!as_object(root, top)) return;
  element e;
  if (!(get(top, "Event", e) && as_object(e, event))) event = top;
  if (get(event, "EventData", e)) event_data(out, e);
  if (get(event, "UserData", e)) user_data(out, e, 0);
  if (get(event, "System", e)) system(out, e);
}

}  // namespace sigma::readers
