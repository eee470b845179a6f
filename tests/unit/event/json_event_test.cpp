#include <catch.hpp>

#include <string>

#include "runtime/event/exact_type.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/event/json_event.hpp"
#include "runtime/event/map_event.hpp"
#include "tests/unit/event/collect.hpp"

using sigma::event::JsonEvent;
using sigma::test::get;

namespace {

// Keeps the parser (which owns the document) alive beside the event.
struct Doc {
  simdjson::dom::parser parser;
  simdjson::padded_string text;
  JsonEvent event;

  explicit Doc(std::string json) : text(json) {
    simdjson::dom::element root;
    REQUIRE(parser.parse(text).get(root) == simdjson::SUCCESS);
    event.reset(root, std::string_view(text.data(), text.size()));
  }
};

}  // namespace

TEST_CASE("JsonEvent: the exact dotted key wins over the nested path", "[json_event]") {
  Doc d(R"({"user.name":"exact","user":{"name":"nested","id":7}})");
  CHECK(get(d.event, "user.name") == "exact");
  CHECK(get(d.event, "user.id") == "int:7");  // no exact key: nested path
  CHECK(get(d.event, "user.nope") == "<absent>");
  CHECK(get(d.event, "nope.name") == "<absent>");
}

TEST_CASE("JsonEvent: keys are the record's own after reset, the first of duplicates wins",
          "[json_event]") {
  simdjson::dom::parser p1, p2;
  const simdjson::padded_string t1(std::string(R"({"verb":"get","user":{"name":"a"},"verb":"list"})"));
  const simdjson::padded_string t2(std::string(R"({"user":{"name":"b"},"stage":"done"})"));
  simdjson::dom::element r1, r2;
  REQUIRE(p1.parse(t1).get(r1) == simdjson::SUCCESS);
  REQUIRE(p2.parse(t2).get(r2) == simdjson::SUCCESS);
  JsonEvent event(r1);
  CHECK(get(event, "verb") == "get");
  CHECK(get(event, "user.name") == "a");
  event.reset(r2);  // the same adapter on the next record
  CHECK(get(event, "verb") == "<absent>");
  CHECK(get(event, "user.name") == "b");
  CHECK(get(event, "stage") == "done");
}

TEST_CASE("JsonEvent: a path step on an array tries every element", "[json_event]") {
  Doc d(R"({"requestObject":{"spec":{"volumes":[
      {"name":"token"},
      {"name":"root","hostPath":{"path":"/","type":""}},
      {"name":"sock","hostPath":{"path":"/var/run/docker.sock"}}]}}})");
  CHECK(get(d.event, "requestObject.spec.volumes.hostPath.path") == "/|/var/run/docker.sock");
  CHECK(get(d.event, "requestObject.spec.volumes.name") == "token|root|sock");
  // An object value: present, reported as one empty string per object.
  CHECK(get(d.event, "requestObject.spec.volumes.hostPath") == "|");
  CHECK(get(d.event, "requestObject.spec.volumes.secret") == "<absent>");
  // Arrays of arrays are descended too.
  Doc n(R"({"a":[[{"b":1}],[{"b":2},{"c":3}]]})");
  CHECK(get(n.event, "a.b") == "int:1|int:2");
}

TEST_CASE("JsonEvent: values, lists, null versus absent", "[json_event]") {
  Doc d(R"({"s":"text","i":-42,"u":18446744073709551615,"f":1.5,"t":true,"n":null,
            "list":[1,[2,[3]],"x",null],"empty":[],"obj":{"k":"v"},"esc":"a\"b\\c\u00e9"})");
  CHECK(get(d.event, "s") == "text");
  CHECK(get(d.event, "i") == "int:-42");
  CHECK(get(d.event, "u").rfind("float:", 0) == 0);  // beyond int64: a double
  CHECK(get(d.event, "f") == "float:1.500000");
  CHECK(get(d.event, "t") == "true");
  CHECK(get(d.event, "n") == "null");          // present and null
  CHECK(get(d.event, "missing") == "<absent>");  // absent
  CHECK(get(d.event, "list") == "int:1|int:2|int:3|x|null");  // flattened
  CHECK(get(d.event, "empty").empty());        // present with no values
  CHECK(get(d.event, "obj").empty());          // present: one empty string
  CHECK(get(d.event, "esc") == "a\"b\\c\xC3\xA9");  // unescaped by simdjson
}

TEST_CASE("JsonEvent: for_each_string visits string leaves, raw() is the text", "[json_event]") {
  Doc d(R"({"a":"1","b":{"c":["2",{"d":"3"}],"e":4},"f":[[["5"]]],"key-only":{}})");
  CHECK(sigma::test::strings(d.event) == std::vector<std::string>{"1", "2", "3", "5"});
  CHECK(d.event.raw().substr(0, 8) == R"({"a":"1")");
}

TEST_CASE("JsonEvent: a Field without a path is split from its name", "[json_event]") {
  Doc d(R"({"user":{"name":"bob"}})");
  sigma::Field f{0, "user.name", {}};
  sigma::test::Collect c;
  CHECK(d.event.lookup(f, c));
  CHECK(c.values == std::vector<std::string>{"bob"});
}

TEST_CASE("JsonEvent: empty adapter and non-object roots", "[json_event]") {
  JsonEvent none;
  CHECK(get(none, "a") == "<absent>");
  CHECK(sigma::test::strings(none).empty());
  Doc arr(R"([{"a":1},{"a":2}])");
  CHECK(get(arr.event, "a") == "int:1|int:2");
  Doc scalar(R"("just text")");
  CHECK(get(scalar.event, "a") == "<absent>");
  CHECK(sigma::test::strings(scalar.event) == std::vector<std::string>{"just text"});
}

TEST_CASE("JsonEvent: deep documents cost heap, not stack", "[json_event][hostile]") {
  // Beyond simdjson's default depth: raise the parser's limit to reach the adapter.
  const int depth = 10000;
  std::string json;
  for (int i = 0; i < depth; ++i) json += R"({"a":[)";
  json += R"("leaf")";
  for (int i = 0; i < depth; ++i) json += "]}";
  simdjson::dom::parser parser;
  REQUIRE(parser.allocate(json.size(), depth * 2 + 2) == simdjson::SUCCESS);
  simdjson::dom::element root;
  REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
  JsonEvent e(root);
  CHECK(sigma::test::strings(e) == std::vector<std::string>{"leaf"});
  std::string name = "a";
  for (int i = 0; i < 10; ++i) name += ".a";
  CHECK(get(e, name).empty());  // present (an object), not the leaf: too shallow a path
}

TEST_CASE("is_exactly tells the library's event classes apart", "[json_event]") {
  const JsonEvent json;
  const sigma::event::FieldStore store;
  const sigma::event::MapEvent::Unordered map;
  const sigma::event::MapEvent from_map(map);
  CHECK(sigma::event::is_exactly<JsonEvent>(json));
  CHECK_FALSE(sigma::event::is_exactly<sigma::event::FieldStore>(json));
  CHECK(sigma::event::is_exactly<sigma::event::FieldStore>(store));
  CHECK_FALSE(sigma::event::is_exactly<JsonEvent>(store));
  CHECK_FALSE(sigma::event::is_exactly<JsonEvent>(from_map));
  CHECK_FALSE(sigma::event::is_exactly<sigma::event::FieldStore>(from_map));
}
