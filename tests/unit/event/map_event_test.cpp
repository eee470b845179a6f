#include <catch.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "runtime/event/map_event.hpp"
#include "tests/unit/event/collect.hpp"

using sigma::event::MapEvent;
using sigma::test::get;

TEST_CASE("MapEvent over unordered_map: exact keys only", "[map_event]") {
  std::unordered_map<std::string, std::string> m{
      {"Image", "C:\\Windows\\cmd.exe"}, {"user.name", "alice"}, {"empty", ""}};
  MapEvent e(m);
  CHECK(get(e, "Image") == "C:\\Windows\\cmd.exe");
  CHECK(get(e, "user.name") == "alice");  // the dotted name is just a key
  CHECK(get(e, "user") == "<absent>");    // no nesting in a flat map
  CHECK(get(e, "image") == "<absent>");   // keys are case-sensitive
  CHECK(get(e, "empty").empty());         // present, empty string
  CHECK(e.raw().empty());
  auto s = sigma::test::strings(e);
  std::sort(s.begin(), s.end());
  CHECK(s == std::vector<std::string>{"", "C:\\Windows\\cmd.exe", "alice"});
}

TEST_CASE("MapEvent over std::map: _raw is raw()", "[map_event]") {
  std::map<std::string, std::string> m{{"_raw", "docker exec -it x sh"}, {"a0", "docker"}};
  MapEvent e(m);
  CHECK(e.raw() == "docker exec -it x sh");
  CHECK(get(e, "a0") == "docker");
  CHECK(get(e, "a1") == "<absent>");
  CHECK(sigma::test::strings(e) == std::vector<std::string>{"docker exec -it x sh", "docker"});
}
