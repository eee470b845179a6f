// The YAML loader: attributes, detection shapes, scalar typing, and located errors.
#include <catch.hpp>

#include "compiler/yaml2ast/yaml2ast.hpp"

using namespace sigma;

namespace {

struct Loaded {
  std::vector<ast::Rule> rules;  // the rules without attribute errors
  std::size_t refused = 0;
  std::vector<Diagnostic> diags;
};

Loaded load(std::string_view text) {
  diag::Sink sink;
  Loaded out;
  for (auto& r : yaml2ast::load_rules("t.yml", text, sink)) {
    if (r.refused)
      ++out.refused;
    else
      out.rules.push_back(std::move(r));
  }
  out.diags = sink.take();
  return out;
}

bool has(const Loaded& l, std::string_view code, std::uint32_t line, std::uint32_t column) {
  for (const auto& d : l.diags)
    if (d.code == code && d.location.line == line && d.location.column == column) return true;
  return false;
}

std::string dump(const Loaded& l) {
  std::string s;
  for (const auto& d : l.diags)
    s += d.code + " " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
         " " + d.message + "\n";
  return s;
}

constexpr const char* kRule = R"(title: Whoami
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
status: test
description: Detects whoami
author: someone
date: 2019-10-23
modified: 2023/02/01
tags:
    - attack.discovery
    - attack.t1033
logsource:
    category: process_creation
    product: windows
    custom_key: x
detection:
    selection:
        Image|endswith: '\whoami.exe'
        EventID: 4688
        Quoted: '4688'
        Missing: null
        Flag: true
        List:
            - a
            - 'b'
    keywords:
        - evil
        - 42
    condition: selection or keywords
fields:
    - Image
falsepositives:
    - Admins
level: high
eval:
    X: len(Image)
)";

}  // namespace

TEST_CASE("a full rule loads every attribute") {
  const auto l = load(kRule);
  INFO(dump(l));
  REQUIRE(l.diags.empty());
  REQUIRE(l.rules.size() == 1);
  const auto& r = l.rules[0];
  CHECK(r.title == "Whoami");
  CHECK(r.id == "929a690e-bef0-4204-a928-ef5e620d6fcc");
  CHECK(r.status == "test");
  CHECK(r.date == "2019-10-23");
  CHECK(r.modified == "2023/02/01");
  CHECK(r.tags == std::vector<std::string>{"attack.discovery", "attack.t1033"});
  CHECK(r.logsource.category == "process_creation");
  CHECK(r.logsource.product == "windows");
  REQUIRE(r.logsource.custom.size() == 1);
  CHECK(r.logsource.custom[0].first == "custom_key");
  CHECK(r.fields == std::vector<std::string>{"Image"});
  CHECK(r.falsepositives == std::vector<std::string>{"Admins"});
  CHECK(r.level == "high");
  REQUIRE(r.custom.size() == 1);
  CHECK(r.custom[0].first.value == "eval");
  CHECK(r.custom_attribute("eval")->find("X")->scalar == "len(Image)");
  REQUIRE(r.conditions.size() == 1);
  CHECK(r.conditions[0].scalar == "selection or keywords");
}

TEST_CASE("detection items keep field, modifiers, typed values and positions") {
  const auto l = load(kRule);
  REQUIRE(l.rules.size() == 1);
  const auto& sels = l.rules[0].selections;
  REQUIRE(sels.size() == 2);
  CHECK(sels[0].name.value == "selection");
  CHECK(sels[0].name.pos == ast::Pos{16, 5});
  REQUIRE(sels[0].alternatives.size() == 1);
  const auto& items = sels[0].alternatives[0].items;
  REQUIRE(items.size() == 6);

  CHECK(items[0].field == "Image");
  REQUIRE(items[0].modifiers.size() == 1);
  CHECK(items[0].modifiers[0].value == "endswith");
  CHECK(items[0].modifiers[0].pos == ast::Pos{17, 15});
  CHECK(items[0].values[0].kind == ast::Value::Kind::String);
  CHECK(items[0].values[0].text == "\\whoami.exe");
  CHECK(items[0].values[0].pos == ast::Pos{17, 26});  // after the quote

  CHECK(items[1].values[0].kind == ast::Value::Kind::Int);
  CHECK(items[1].values[0].integer == 4688);
  CHECK(items[2].values[0].kind == ast::Value::Kind::String);  // quoted number stays a string
  CHECK(items[3].values[0].kind == ast::Value::Kind::Null);
  CHECK(items[4].values[0].kind == ast::Value::Kind::Bool);
  CHECK(items[4].values[0].boolean);
  CHECK(items[5].value_is_list);
  CHECK(items[5].values.size() == 2);

  // A list of plain values is one keyword item.
  REQUIRE(sels[1].alternatives.size() == 1);
  const auto& kw = sels[1].alternatives[0].items;
  REQUIRE(kw.size() == 1);
  CHECK(kw[0].field.empty());
  CHECK(kw[0].values.size() == 2);
  CHECK(kw[0].values[1].kind == ast::Value::Kind::Int);
}

TEST_CASE("a list of maps gives one alternative per map; '|all' is a keyword item") {
  const auto l = load(R"(title: t
logsource: {product: linux}
detection:
    sel:
        - a: 1
        - b: 2
          c: 3
    kw:
        '|all':
            - x
            - y
    condition: sel and kw
)");
  INFO(dump(l));
  REQUIRE(l.rules.size() == 1);
  const auto& sels = l.rules[0].selections;
  REQUIRE(sels[0].alternatives.size() == 2);
  CHECK(sels[0].alternatives[1].items.size() == 2);
  const auto& kw = sels[1].alternatives[0].items[0];
  CHECK(kw.field.empty());
  REQUIRE(kw.modifiers.size() == 1);
  CHECK(kw.modifiers[0].value == "all");
}

TEST_CASE("missing required attributes are errors at the document") {
  const auto l = load("id: 929a690e-bef0-4204-a928-ef5e620d6fcc\n");
  INFO(dump(l));
  CHECK(l.rules.empty());
  CHECK(has(l, "S0101", 1, 1));
  CHECK(l.diags.size() == 3);  // title, logsource, detection
}

TEST_CASE("a detection without a condition is refused") {
  const auto l = load("title: t\nlogsource: {product: x}\ndetection:\n    sel:\n        a: 1\n");
  CHECK(l.rules.empty());
  CHECK(l.refused == 1);
  CHECK(has(l, "S0101", 3, 1));
}

TEST_CASE("invalid level, status, date and id are located errors") {
  const auto l = load(R"(title: t
id: not-a-uuid
status: wip
date: 2020-13-01
level: severe
logsource: {product: x}
detection:
    sel: {a: 1}
    condition: sel
)");
  INFO(dump(l));
  CHECK(l.rules.empty());
  CHECK(has(l, "S0307", 2, 5));
  CHECK(has(l, "S0302", 3, 9));
  CHECK(has(l, "S0306", 4, 7));
  CHECK(has(l, "S0301", 5, 8));
}

TEST_CASE("empty selections are errors naming the identifier") {
  const auto l = load(R"(title: t
logsource: {product: x}
detection:
    sel:
    other: []
    condition: sel or other
)");
  INFO(dump(l));
  CHECK(has(l, "S0103", 4, 5));
  CHECK(has(l, "S0103", 5, 5));
}

TEST_CASE("a YAML syntax error is reported at its line and column") {
  const auto l = load("title: t\ndetection:\n  sel: [a, b\n  condition: sel\n");
  INFO(dump(l));
  REQUIRE(!l.diags.empty());
  CHECK(l.diags[0].code == "S0001");
  CHECK(l.diags[0].location.line >= 3);
  CHECK(l.rules.empty());
}

TEST_CASE("duplicate keys warn and the last one wins") {
  const auto l = load("title: a\ntitle: b\nlogsource: {product: x}\ndetection: {s: {a: 1}, condition: s}\n");
  INFO(dump(l));
  REQUIRE(l.rules.size() == 1);
  CHECK(l.rules[0].title == "b");
  CHECK(has(l, "S0001", 2, 1));
  CHECK(l.diags[0].severity == Severity::Warning);
}

TEST_CASE("condition scalars map offsets to source positions") {
  const auto l = load(R"(title: t
logsource: {product: x}
detection:
    sel: {a: 1}
    condition: 'sel and'
    condition2: x
)");
  REQUIRE(l.rules.size() == 1);
  const auto& c = l.rules[0].conditions[0];
  CHECK(c.style == ast::YamlNode::Style::Quoted);
  CHECK(c.offset_pos(4) == ast::Pos{5, 21});

  const auto b = load("title: t\nlogsource: {product: x}\ndetection:\n    sel: {a: 1}\n"
                      "    condition: |\n        sel\n        and sel\n");
  REQUIRE(b.rules.size() == 1);
  const auto& bc = b.rules[0].conditions[0];
  CHECK(bc.style == ast::YamlNode::Style::Block);
  CHECK(bc.offset_pos(0) == ast::Pos{6, 9});
  CHECK(bc.offset_pos(8) == ast::Pos{7, 13});
}

TEST_CASE("correlation rules parse their section") {
  const auto l = load(R"(title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
correlation:
    type: event_count
    rules:
        - 5638f7c0-ac70-491d-8465-2a65075e0d86
    group-by:
        - ComputerName
    timespan: 1h
    condition:
        gte: 100
)");
  INFO(dump(l));
  REQUIRE(l.rules.size() == 1);
  const auto& r = l.rules[0];
  CHECK(r.kind == ast::Rule::Kind::Correlation);
  REQUIRE(r.correlation);
  CHECK(r.correlation->type.value == "event_count");
  CHECK(r.correlation->timespan_seconds == 3600);
  CHECK(r.correlation->group_by == std::vector<std::string>{"ComputerName"});
  REQUIRE(r.correlation->condition.size() == 1);
  CHECK(r.correlation->condition[0].first == "gte");
}

TEST_CASE("a bad correlation is refused with located errors") {
  const auto l = load("title: c\ncorrelation:\n    type: sometimes\n    rules: [a]\n    timespan: 5x\n");
  INFO(dump(l));
  CHECK(l.rules.empty());
  CHECK(has(l, "S0401", 3, 11));
  CHECK(has(l, "S0401", 5, 15));
}

TEST_CASE("filter rules parse their selections and condition") {
  const auto l = load(R"(title: Filter admins
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - 6f3e2987-db24-4c78-a860-b4f4095a7095
    selection:
        User|startswith: 'adm_'
    condition: not selection
)");
  INFO(dump(l));
  REQUIRE(l.rules.size() == 1);
  CHECK(l.rules[0].kind == ast::Rule::Kind::Filter);
  CHECK(l.rules[0].filter->rules.size() == 1);
  CHECK(l.rules[0].filter->selections.size() == 1);
  CHECK(l.rules[0].filter->conditions[0].scalar == "not selection");
}

TEST_CASE("hostile YAML never crashes") {
  std::string deep(5000, '[');
  const auto a = load(deep);
  CHECK(a.rules.empty());
  CHECK(!a.diags.empty());
  const auto b = load(std::string("\x00\xff\xfe title: \x01", 12));
  CHECK(b.rules.empty());
}
