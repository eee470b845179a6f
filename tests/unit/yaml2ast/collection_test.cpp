// Rule collections: action global / reset / repeat.
#include <catch.hpp>

#include "compiler/yaml2ast/yaml2ast.hpp"

using namespace sigma;

TEST_CASE("global is merged into each following rule, repeat reuses the previous one") {
  diag::Sink sink;
  const auto rules = yaml2ast::load_rules("c.yml", R"(action: global
title: Base
logsource:
    product: windows
detection:
    condition: sel
level: high
---
logsource:
    category: process_creation
detection:
    sel:
        Image: a.exe
---
action: repeat
detection:
    sel:
        Image: b.exe
---
action: reset
---
title: Alone
logsource: {product: linux}
detection:
    s: {x: 1}
    condition: s
)", sink);
  INFO((sink.all().empty() ? "" : sink.all()[0].message));
  CHECK(sink.error_count() == 0);
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].title == "Base");
  CHECK(rules[0].logsource.product == "windows");
  CHECK(rules[0].logsource.category == "process_creation");
  CHECK(rules[0].level == "high");
  REQUIRE(rules[0].conditions.size() == 1);
  CHECK(rules[0].selections[0].alternatives[0].items[0].values[0].text == "a.exe");
  CHECK(rules[1].title == "Base");
  CHECK(rules[1].logsource.category == "process_creation");
  CHECK(rules[1].selections[0].alternatives[0].items[0].values[0].text == "b.exe");
  CHECK(rules[2].title == "Alone");
  CHECK(rules[2].level.empty());  // reset forgot the global part
  CHECK(rules[2].document == 4);
}

TEST_CASE("an unknown action and a repeat with nothing before it are errors") {
  diag::Sink sink;
  const auto rules = yaml2ast::load_rules("c.yml", "action: repeat\ntitle: x\n---\naction: merge\n", sink);
  CHECK(rules.empty());
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].code == "S0004");
  CHECK(sink.all()[0].location.line == 1);
  CHECK(sink.all()[1].location.line == 4);
  CHECK(sink.all()[1].location.column == 9);
}
