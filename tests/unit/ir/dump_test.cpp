// The IR text form, which golden tests and `sigmac compile --emit ir` rely on.
#include <catch.hpp>

#include "compiler/ir/ir_dump.hpp"

using namespace sigma::ir;

TEST_CASE("fields and leaves are interned") {
  Program p;
  const auto a = p.fields.intern("user.name");
  CHECK(p.fields.intern("user.name") == a);
  CHECK(p.fields[a].path == std::vector<std::string>{"user", "name"});
  const auto l1 = p.leaves.intern({a, StringMatch{StringOp::Contains, false, "x"}});
  const auto l2 = p.leaves.intern({a, StringMatch{StringOp::Contains, false, "x"}});
  const auto l3 = p.leaves.intern({a, StringMatch{StringOp::Contains, true, "x"}});
  CHECK(l1 == l2);
  CHECK(l1 != l3);
  CHECK(p.leaves.size() == 2);
}

TEST_CASE("every leaf kind prints in its stable form") {
  Program p;
  const auto f = p.fields.intern("F");
  const auto g = p.fields.intern("G");
  CHECK(dump_leaf(p, {f, StringMatch{StringOp::Exact, false, "a\"b\\c\n"}}) == R"(eq F "a\"b\\c\n")");
  CHECK(dump_leaf(p, {f, StringMatch{StringOp::Glob, true, "a*b?"}}) == R"(glob|cased F "a*b?")");
  CHECK(dump_leaf(p, {kKeywords, StringMatch{StringOp::Contains, false, "x"}}) ==
        R"(contains <keywords> "x")");
  CHECK(dump_leaf(p, {f, RegexMatch{"^a.*", true, false, true, nullptr}}) == R"(regex|is F "^a.*")");
  CHECK(dump_leaf(p, {f, NumberCmp{CmpOp::Gte, 5, "5"}}) == "num F >= 5");
  CHECK(dump_leaf(p, {f, Exists{false}}) == "absent F");
  CHECK(dump_leaf(p, {f, IsNull{}}) == "null F");
  CHECK(dump_leaf(p, {f, FieldRef{g, StringOp::Prefix, false}}) == "fieldref-prefix F G");
  CHECK(dump_leaf(p, {f, TimeCmp{TimePart::Hour, CmpOp::Eq, 3}}) == "hour F == 3");
  CHECK(dump_leaf(p, {f, StringMatch{StringOp::Exact, false, std::string("\x01", 1)}}) ==
        R"(eq F "\x01")");
}

TEST_CASE("a rule prints header, logsource and an indented tree") {
  Program p;
  const auto f = p.fields.intern("Image");
  const auto l = p.leaves.intern({f, StringMatch{StringOp::Suffix, false, "\\whoami.exe"}});
  Rule r;
  r.id = "id-1";
  r.title = "T";
  r.level = "high";
  r.logsource = {"process_creation", "windows", ""};
  r.condition = Node::make(Op::And, {Node::make_leaf(l), Node::make_not(Node::make_leaf(l))});
  p.rules.push_back(r);
  CHECK(dump_program(p) ==
        "rule id-1 \"T\"\n"
        "  level high\n"
        "  logsource category=process_creation product=windows\n"
        "  condition\n"
        "    and\n"
        "      suffix Image \"\\\\whoami.exe\"\n"
        "      not\n"
        "        suffix Image \"\\\\whoami.exe\"\n");
}
