// The per-event caches: one lookup per field per event however many rules use it, one fold per
// field, one evaluation per shared leaf, and nothing carried over to the next event.
#include <catch.hpp>

#include "tests/unit/eval/eval_fixture.hpp"
#include "runtime/event/field_store.hpp"

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

TEST_CASE("each field is looked up once per event", "[cache]") {
  ProgramBuilder pb;
  for (int i = 0; i < 10; ++i) {
    // Ten rules with distinct leaves on the same two fields.
    const auto img = pb.str("Image", StringOp::Suffix, "\\tool" + std::to_string(i) + ".exe");
    const auto cmd = pb.str("CommandLine", StringOp::Contains, "-flag" + std::to_string(i));
    pb.rule("r" + std::to_string(i), Or({L(img), L(cmd)}));
  }
  pb.rule("regex", L(pb.leaf("CommandLine", ir::RegexMatch{"x", false, false, false, nullptr})));
  pb.rule("null", L(pb.leaf("CommandLine", ir::IsNull{})));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;

  const MockEvent ev{{"Image", {str("C:\\TOOL3.EXE")}}, {"CommandLine", {str("run -FLAG7")}}};
  runtime::match(engine, ev, scratch, hits);
  CHECK(hits == std::vector<std::uint32_t>{3, 7});
  CHECK(ev.lookups("Image") == 1);
  CHECK(ev.lookups("CommandLine") == 1);
  CHECK(scratch.stats().lookups == 2);
  CHECK(scratch.stats().folds == 2);  // both hold upper case, each folded once

  // A second event: new lookups, nothing from the first event leaks.
  const MockEvent ev2{{"Image", {str("c:\\tool7.exe")}}};
  hits.clear();
  runtime::match(engine, ev2, scratch, hits);
  CHECK(hits == std::vector<std::uint32_t>{7, 11});
  CHECK(ev2.lookups("Image") == 1);
  CHECK(ev2.lookups("CommandLine") == 1);
  CHECK(scratch.stats().events == 2);
}

TEST_CASE("folding is skipped when no leaf needs it", "[cache]") {
  ProgramBuilder pb;
  pb.rule("cased", L(pb.str("f", StringOp::Exact, "ABC", true)));
  pb.rule("num", L(pb.leaf("f", ir::NumberCmp{ir::CmpOp::Gt, 1, "1"})));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;
  runtime::match(engine, MockEvent{{"f", {str("ABC")}}}, scratch, hits);
  CHECK(hits == std::vector<std::uint32_t>{0});
  CHECK(scratch.stats().folds == 0);
}

TEST_CASE("a leaf shared by rules is evaluated once per event", "[cache]") {
  ProgramBuilder pb;
  const auto shared = pb.str("CommandLine", StringOp::Contains, "mimikatz");
  // Interning: the same predicate written again is the same leaf.
  REQUIRE(pb.str("CommandLine", StringOp::Contains, "MIMIKATZ") == shared);
  const auto other = pb.eq("User", "admin");
  for (int i = 0; i < 10; ++i) pb.rule("r" + std::to_string(i), And({L(shared), Not(L(other))}));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;
  runtime::match(engine, MockEvent{{"CommandLine", {str("mimikatz.exe")}}}, scratch, hits);
  CHECK(hits.size() == 10);
  CHECK(scratch.stats().leaf_evals == 2);
  runtime::match(engine, MockEvent{{"CommandLine", {str("notepad")}}}, scratch, hits);
  CHECK(hits.size() == 10);
  // Both leaves again: the cheap `other` comes first and does not decide the AND.
  CHECK(scratch.stats().leaf_evals == 4);
}

TEST_CASE("cheap leaves are evaluated before costly ones", "[cache]") {
  ProgramBuilder pb;
  const auto costly = pb.str("CommandLine", StringOp::Contains, "mimikatz");
  const auto cheap = pb.eq("EventID", "1");
  pb.rule("written costly first", And({L(costly), L(cheap)}));
  pb.rule("or, costly first", Or({L(costly), L(cheap)}));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;
  // EventID decides the AND alone; the OR then needs the substring search.
  runtime::match(engine, MockEvent{{"EventID", {str("4")}}, {"CommandLine", {str("x")}}}, scratch,
                 hits);
  CHECK(hits.empty());
  CHECK(scratch.stats().leaf_evals == 2);
  // EventID decides both: the substring is never searched.
  runtime::match(engine, MockEvent{{"EventID", {str("1")}}, {"CommandLine", {str("x")}}}, scratch,
                 hits);
  CHECK(hits == std::vector<std::uint32_t>{1});
  CHECK(scratch.stats().leaf_evals == 4);
}

TEST_CASE("eval_node and field_values share the event's caches", "[cache]") {
  ProgramBuilder pb;
  const auto a = pb.eq("a", "x");
  pb.program().rules.push_back(ir::Rule{});
  pb.program().rules.back().condition = L(a);
  pb.program().rules.back().selections.emplace_back("sel", L(a));
  const auto fa = pb.field("a");
  const auto b = pb.field("b");
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  const MockEvent ev{{"a", {str("X")}}, {"b", {}}};
  std::vector<std::uint32_t> hits;
  runtime::match(engine, ev, scratch, hits);
  CHECK(runtime::eval_node(engine, engine.program().rules[0].selections[0].second, scratch));
  CHECK(scratch.stats().leaf_evals == 1);

  bool present = false;
  auto values = runtime::field_values(engine, fa, scratch, present);
  CHECK(present);
  REQUIRE(values.size() == 1);
  CHECK(values[0].text == "X");
  values = runtime::field_values(engine, b, scratch, present);
  CHECK(present);
  CHECK(values.empty());
  CHECK(ev.lookups("a") == 1);
  CHECK(ev.lookups("b") == 1);
  values = runtime::field_values(engine, 99, scratch, present);
  CHECK_FALSE(present);
}

TEST_CASE("engine exposes fields for hosts", "[cache]") {
  ProgramBuilder pb;
  pb.leaf("user.name", ir::Exists{});
  pb.leaf("Image", ir::Exists{});
  const runtime::Engine engine(pb.build());
  const auto fields = engine.fields();
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].id == 0);
  CHECK(fields[0].name == "user.name");
  REQUIRE(fields[0].path.size() == 2);
  CHECK(fields[0].path[0] == "user");
  CHECK(fields[0].path[1] == "name");
  CHECK(fields[1].id == 1);
  CHECK(fields[1].path.size() == 1);
}

TEST_CASE("many events through one scratch", "[cache]") {
  ProgramBuilder pb;
  pb.rule("odd", L(pb.leaf("n", ir::NumberCmp{ir::CmpOp::Eq, 1, "1"})));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);
  for (int i = 0; i < 1000; ++i) {
    std::vector<std::uint32_t> hits;
    runtime::match(engine, MockEvent{{"n", {num(i % 2)}}}, scratch, hits);
    REQUIRE(hits.size() == static_cast<std::size_t>(i % 2));
  }
}

TEST_CASE("a FieldStore's fields are bound in one pass, without name lookups", "[cache]") {
  ProgramBuilder pb;
  pb.rule("image", L(pb.str("Image", StringOp::Suffix, "\\cmd.exe")));
  pb.rule("second arg", L(pb.str("Arg", StringOp::Exact, "/c")));  // Arg is a list
  pb.rule("missing", L(pb.leaf("Missing", ir::Exists{})));
  pb.rule("not missing", Not(L(pb.leaf("Missing", ir::Exists{}))));
  pb.rule("stored dotted", L(pb.eq("a.b", "1")));
  pb.rule("fallback dotted", L(pb.eq("Event.System.EventID", "4688")));
  pb.rule("number", L(pb.leaf("Pid", ir::NumberCmp{ir::CmpOp::Gt, 100, "100"})));
  const runtime::Engine engine(pb.build());
  runtime::Scratch scratch(engine);

  // The fallback answers the dotted name the store lacks, and counts how often it is asked.
  MockEvent fallback{{"Event.System.EventID", {num(4688)}}, {"Image", {str("wrong")}}};
  event::FieldStore store;
  store.add("Image", Value::string("C:\\Windows\\CMD.EXE"));
  store.add("Arg", Value::string("/k"));
  store.add("Pid", Value::from_int(4242));
  store.add("Arg", Value::string("/C"));
  store.add("a.b", Value::string("1"));
  store.add("Unused", Value::string("x"));
  store.set_fallback(&fallback);

  for (int round = 0; round < 2; ++round) {  // the second event reuses every cache
    CAPTURE(round);
    std::vector<std::uint32_t> hits;
    runtime::match(engine, store, scratch, hits);
    CHECK(hits == std::vector<std::uint32_t>{0, 1, 3, 4, 5, 6});
    // Only the dotted name the store has no entry for goes to the fallback; no other field is
    // looked up by name (Missing is known absent, Image came from the store, not the fallback).
    CHECK(fallback.lookups("Event.System.EventID") == round + 1);
    CHECK(fallback.total_lookups() == round + 1);
    // Per event: four fields bound (Unused is no rule's), one asked of the store, none for
    // Missing, which the pass proved absent.
    CHECK(scratch.stats().lookups == 5u * static_cast<unsigned>(round + 1));
    bool present = true;
    CHECK(runtime::field_values(engine, pb.field("Missing"), scratch, present).empty());
    CHECK_FALSE(present);
    const auto args = runtime::field_values(engine, pb.field("Arg"), scratch, present);
    CHECK(present);
    REQUIRE(args.size() == 2);
    CHECK(args[0].text == "/k");  // list order is entry order
    CHECK(args[1].text == "/C");
  }
}
