#include <catch.hpp>

#include "runtime/event/field_store.hpp"
#include "tests/unit/event/collect.hpp"

using sigma::Value;
using sigma::event::FieldStore;
using sigma::test::get;

TEST_CASE("FieldStore: names, lists, first-wins and absence", "[field_store]") {
  FieldStore s;
  s.add("type", Value::string("EXECVE"));
  s.add("key", Value::string("exec"));
  s.add("key", Value::string("64bit"));  // a repeated name is a list, in order
  CHECK(s.add_if_absent("pid", Value::from_int(12)));
  CHECK_FALSE(s.add_if_absent("type", Value::string("SYSCALL")));
  s.add("nothing", Value::null());

  CHECK(get(s, "type") == "EXECVE");
  CHECK(get(s, "key") == "exec|64bit");
  CHECK(get(s, "pid") == "int:12");
  CHECK(get(s, "nothing") == "null");  // present, null
  CHECK(get(s, "missing") == "<absent>");
  CHECK(s.first("key")->text == "exec");
  CHECK(s.first("missing") == nullptr);
  CHECK(sigma::test::strings(s) == std::vector<std::string>{"EXECVE", "exec", "64bit"});
}

TEST_CASE("FieldStore: clear keeps working, index grows past its first size", "[field_store]") {
  FieldStore s;
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back("field" + std::to_string(i));
  for (int round = 0; round < 3; ++round) {
    s.clear();
    CHECK(get(s, "field1") == "<absent>");
    for (int i = 0; i < 500; ++i) s.add(names[i], Value::from_int(i + round));
    for (int i = 0; i < 500; i += 37) CHECK(get(s, names[i]) == "int:" + std::to_string(i + round));
    CHECK(s.entries().size() == 500);
  }
}

TEST_CASE("FieldStore: the fallback answers dotted names the store lacks", "[field_store]") {
  FieldStore inner;
  inner.add("Event.System.EventID", Value::from_int(1));
  inner.add("System", Value::string("{}"));
  FieldStore s;
  s.add("EventID", Value::from_int(4688));
  s.set_fallback(&inner);
  CHECK(get(s, "EventID") == "int:4688");
  CHECK(get(s, "Event.System.EventID") == "int:1");
  CHECK(get(s, "Nope") == "<absent>");
  CHECK(get(s, "System") == "<absent>");  // no dot: the store's entries are every such name
  s.clear();  // clear forgets the fallback
  CHECK(get(s, "Event.System.EventID") == "<absent>");
}

TEST_CASE("Arena: views stay put while it grows, reset reuses blocks", "[arena]") {
  sigma::event::Arena a(64);
  std::vector<std::string_view> views;
  for (int i = 0; i < 200; ++i) views.push_back(a.copy("value-" + std::to_string(i)));
  views.push_back(a.copy(std::string(1000, 'x')));  // bigger than a block
  for (int i = 0; i < 200; ++i) CHECK(views[i] == "value-" + std::to_string(i));
  CHECK(views.back() == std::string(1000, 'x'));
  std::size_t cap = a.capacity();
  for (int round = 0; round < 5; ++round) {
    a.reset();
    for (int i = 0; i < 200; ++i) (void)a.copy("value-" + std::to_string(i));
    (void)a.copy(std::string(1000, 'x'));
  }
  CHECK(a.capacity() == cap);  // warm: no new blocks
  CHECK(a.allocate(0) != nullptr);
}

TEST_CASE("FieldStore: append_values answers as lookup does, by a hash kept beforehand",
          "[field_store]") {
  std::vector<std::string> names;  // the store views its names
  for (int i = 0; i < 50; ++i) names.push_back("f" + std::to_string(i));
  FieldStore s;
  for (int i = 0; i < 100; ++i) s.add(names[i % 40], Value::from_int(i));
  for (int i = 0; i < 50; ++i) {
    const std::string& name = names[i];
    std::vector<Value> values{Value::string("kept")};  // appended to, not replaced
    const bool present = s.append_values(name, sigma::event::hash_name(name), values);
    CHECK(present == (i < 40));
    std::string got;
    for (std::size_t v = 1; v < values.size(); ++v)
      got += (v > 1 ? "|" : "") + std::to_string(values[v].integer);
    std::string expected;
    for (int k = i; i < 40 && k < 100; k += 40) expected += (k > i ? "|" : "") + std::to_string(k);
    CHECK(values.front().text == "kept");
    CHECK(got == expected);  // every value of the name, in the order added
  }
}

TEST_CASE("FieldStore: values_within_raw tells whether every string is a run of the raw text",
          "[field_store]") {
  const std::string line = "Nov 14 host sshd[42]: session opened for user root";
  const std::string_view raw = line;
  FieldStore s;
  CHECK_FALSE(s.values_within_raw());  // no raw text
  s.set_raw(raw);
  CHECK(s.values_within_raw());  // no values
  s.add("host", Value::string(raw.substr(7, 4)));
  s.add("message", Value::string(raw.substr(22)));  // up to the last byte
  s.add("_raw", Value::string(raw));
  s.add("severity", Value::from_int(6));  // not a string: no text to hold
  s.add("empty", Value::string(std::string_view()));
  CHECK(s.values_within_raw());

  SECTION("a copy of the same bytes is not a run of the raw text") {
    s.add("program", Value::string(s.arena().copy(raw.substr(12, 4))));
    CHECK_FALSE(s.values_within_raw());
  }
  SECTION("a static text is not either") {
    s.add("facility", Value::string("auth"));
    CHECK_FALSE(s.values_within_raw());
  }
  SECTION("one byte past either end is outside") {
    const std::string wider = "<" + line + ">";
    FieldStore w;
    w.set_raw(std::string_view(wider).substr(1, line.size()));
    w.add("a", Value::string(std::string_view(wider).substr(0, 5)));
    CHECK_FALSE(w.values_within_raw());
    w.clear();
    w.set_raw(std::string_view(wider).substr(1, line.size()));
    w.add("a", Value::string(std::string_view(wider).substr(wider.size() - 5)));
    CHECK_FALSE(w.values_within_raw());
  }
  SECTION("a fallback answers for names the store lacks, so it may hold anything") {
    FieldStore other;
    s.set_fallback(&other);
    CHECK_FALSE(s.values_within_raw());
  }
  SECTION("clear forgets the raw text") {
    s.clear();
    CHECK_FALSE(s.values_within_raw());
  }
  SECTION("a reader's promise stands until clear, but not against a fallback") {
    s.promise_values_within_raw();
    CHECK(s.values_within_raw());
    FieldStore other;
    s.set_fallback(&other);
    CHECK_FALSE(s.values_within_raw());
    s.clear();
    s.set_raw(raw);
    s.add("program", Value::string(s.arena().copy(raw.substr(12, 4))));
    CHECK_FALSE(s.values_within_raw());  // the promise went with clear
  }
  SECTION("by name: only that name's values count") {
    using sigma::event::hash_name;
    const auto within = [&](std::string_view name) {
      return s.values_within_raw(name, hash_name(name));
    };
    s.add("program", Value::string(s.arena().copy(raw.substr(12, 4))));  // a copy
    s.add("host", Value::string(s.arena().copy("other")));                // host's second value
    CHECK_FALSE(s.values_within_raw());
    CHECK(within("message"));
    CHECK(within("severity"));
    CHECK(within("absent"));  // no values: none outside
    CHECK_FALSE(within("program"));
    CHECK_FALSE(within("host"));  // every value of the name, not the first alone
    FieldStore other;
    s.set_fallback(&other);
    CHECK_FALSE(within("message"));
  }
}
