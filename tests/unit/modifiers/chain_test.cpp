// The modifier chains SigmaHQ uses must all compile; suggest_modifier on its own.
#include <catch.hpp>

#include "compiler/modifiers/modifier_chain.hpp"
#include "dump.hpp"

namespace sigma::modifiers::test {

TEST_CASE("every chain used by SigmaHQ rules compiles", "[chain]") {
  struct Case {
    const char* key;
    ast::Value value;
  };
  const Case cases[] = {
      {"CommandLine|contains", S("x")},
      {"Image|endswith", S("\\x.exe")},
      {"Image|startswith", S("C:\\")},
      {"CommandLine|contains|all", S("x")},
      {"CommandLine|contains|windash", S("-x")},
      {"CommandLine|endswith|windash", S(" -x")},
      {"CommandLine|contains|all|windash", S("-x")},
      {"CommandLine|re", S("^x$")},
      {"CommandLine|re|i", S("x")},
      {"DestinationIp|cidr", S("10.0.0.0/8")},
      {"User|expand", S("%admins%")},
      {"User|contains|expand", S("%admins%")},
      {"Target|fieldref", S("Source")},
      {"|all", S("x")},
      {"Field|exists", B(true)},
      {"CommandLine|base64offset|contains", S("x")},
      {"CommandLine|wide|base64offset|contains", S("x")},
      {"CommandLine|base64|contains", S("x")},
      {"CommandLine|base64", S("x")},
      {"CommandLine|utf16le|base64offset|contains", S("x")},
      {"CommandLine|utf16be|base64offset|contains", S("x")},
      {"CommandLine|utf16|base64offset|contains", S("x")},
      {"Count|gt", I(1)},
      {"Count|lte", I(1)},
      {"Time|hour|gte", I(1)},
      {"User|neq", S("x")},
      {"User|cased", S("x")},
  };
  const PlaceholderResolver resolver = [](std::string_view) {
    return std::optional<std::vector<std::string>>(std::vector<std::string>{"a", "b"});
  };
  for (const auto& c : cases) {
    INFO(c.key);
    // Two values, as a list (`exists` takes exactly one).
    const auto it = std::string_view(c.key).ends_with("exists") ? item(c.key, {c.value})
                                                                : item(c.key, {c.value, c.value});
    const auto out = compile(it, &resolver);
    CHECK(out.ir != "refused");
    CHECK(out.diags.empty());
  }
}

TEST_CASE("parse_chain summarises the chain", "[chain]") {
  diag::Sink sink;
  const auto c = parse_chain(item("F|wide|base64offset|contains|all|neq", {S("x")}), sink);
  REQUIRE(c);
  CHECK(c->type == ValueType::String);
  CHECK(c->all);
  CHECK(c->neq);
  CHECK(c->position == ir::StringOp::Contains);
  REQUIRE(c->steps.size() == 3);
  CHECK(c->steps[0].mod == Mod::Utf16le);
  CHECK(c->steps[1].mod == Mod::Base64Offset);
  CHECK(c->steps[2].mod == Mod::Contains);

  const auto t = parse_chain(item("F|hour|lt", {I(1)}), sink);
  REQUIRE(t);
  CHECK(t->type == ValueType::Time);
  CHECK(t->part == ir::TimePart::Hour);
  CHECK(t->cmp == ir::CmpOp::Lt);
  CHECK(sink.all().empty());
}

TEST_CASE("suggest_modifier only suggests close names", "[chain]") {
  CHECK(suggest_modifier("contians") == "did you mean `contains`?");
  CHECK(suggest_modifier("endwith") == "did you mean `endswith`?");
  CHECK(suggest_modifier("cidrr") == "did you mean `cidr`?");
  CHECK(suggest_modifier("ALL") == "did you mean `all`? modifier names are lowercase");
  CHECK(suggest_modifier("I") == "did you mean `i`? modifier names are lowercase");
  CHECK(suggest_modifier("foo") == "");
  CHECK(suggest_modifier("x") == "");
  CHECK(suggest_modifier(std::string(200, 'a')) == "");
}

}  // namespace sigma::modifiers::test
