// item_to_ir: one table per modifier family, input item -> compact IR dump (or "refused") and
// the diagnostics with their exact positions. Keys sit at line 3, column 5; a single value on
// the key's line, list values one per line from line 4, column 9 (see dump.hpp).
#include <catch.hpp>

#include "dump.hpp"

namespace sigma::modifiers::test {
namespace {

struct Case {
  ast::DetectionItem item;
  std::string ir;
  std::vector<std::string> diags = {};
};

void run(const std::vector<Case>& cases, const PlaceholderResolver* resolver = nullptr) {
  for (const auto& c : cases) {
    std::string key = c.item.field;
    for (const auto& m : c.item.modifiers) key += "|" + m.value;
    INFO("key: " << key << "  first value: "
                 << (c.item.values.empty() ? std::string("<none>") : c.item.values[0].text));
    const auto out = compile(c.item, resolver);
    CHECK(out.ir == c.ir);
    CHECK(out.diags == c.diags);
  }
}

}  // namespace

TEST_CASE("plain values: wildcards, escapes, numbers, booleans, null", "[item2ir]") {
  run({
      {item("Image", {S(R"(C:\Windows\System32\cmd.exe)")}),
       R"(Image exact "c:\windows\system32\cmd.exe")"},
      {item("Image", {S(R"(*\cmd.exe)")}), R"(Image suffix "\cmd.exe")"},
      {item("Image", {S(R"(C:\\Windows\\*)")}), R"(Image prefix "c:\windows\")"},
      {item("Image", {S(R"(C:\Windows\*)")}), R"(Image exact "c:\windows*")"},
      {item("CommandLine", {S("* /c *")}), R"(CommandLine contains " /c ")"},
      {item("Image", {S("*\\prog?.exe")}), R"(Image glob "*\\prog?.exe")"},
      {item("Image", {S(R"(\*star)")}), R"(Image exact "*star")"},
      {item("Image", {S(R"(end\)")}), R"(Image exact "end\")"},
      {item("Image", {S("")}), R"(Image exact "")"},
      {item("EventID", {I(4688)}), R"(EventID exact "4688")"},
      {item("EventID", {I(-1)}), R"(EventID exact "-1")"},
      {item("Ratio", {F(1.5, "1.5")}), R"(Ratio exact "1.5")"},
      {item("Enabled", {B(true)}), R"(Enabled exact "true")"},
      {item("Enabled", {B(false)}), R"(Enabled exact "false")"},
      {item("PasswordLastSet", {N()}), "PasswordLastSet null"},
      {item("EventID", {I(4688), I(4689)}), R"(or(EventID exact "4688", EventID exact "4689"))"},
      {list_item("EventID", {I(4688)}), R"(EventID exact "4688")"},
      {item("user.name", {S("Admin")}), R"(user.name exact "admin")"},
  });
}

TEST_CASE("contains, startswith, endswith", "[item2ir]") {
  run({
      {item("CommandLine|contains", {S("foo")}), R"(CommandLine contains "foo")"},
      {item("CommandLine|contains", {S("*foo")}), R"(CommandLine contains "foo")"},
      {item("CommandLine|contains", {S("*foo*")}), R"(CommandLine contains "foo")"},
      {item("CommandLine|contains", {S("foo*bar")}), R"(CommandLine glob "*foo*bar*")"},
      {item("CommandLine|contains", {S("")}), R"(CommandLine contains "")"},
      {item("CommandLine|contains", {I(4688)}), R"(CommandLine contains "4688")"},
      {item("Image|startswith", {S(R"(C:\Temp\)")}), R"(Image prefix "c:\temp\")"},
      {item("Image|startswith", {S("abc*")}), R"(Image prefix "abc")"},
      {item("Image|endswith", {S(R"(\cmd.exe)")}), R"(Image suffix "\cmd.exe")"},
      {item("Image|endswith", {S("*.exe")}), R"(Image suffix ".exe")"},
      {item("Image|endswith", {S("a?.exe")}), R"(Image glob "*a?.exe")"},
      {item("CommandLine|contains", {S("a"), S("B")}),
       R"(or(CommandLine contains "a", CommandLine contains "b"))"},
  });
}

TEST_CASE("all links values with AND; a single value warns", "[item2ir]") {
  run({
      {item("CommandLine|contains|all", {S("a"), S("b")}),
       R"(and(CommandLine contains "a", CommandLine contains "b"))"},
      {item("CommandLine|contains|all", {S("a")}),
       R"(CommandLine contains "a")",
       {"S0110 3:26 `all` on a single value: the specification allows it only on lists"}},
      // Written as a YAML list of one element: still a list, no warning.
      {list_item("CommandLine|contains|all", {S("a")}), R"(CommandLine contains "a")"},
      {item("EventID|all", {I(1), I(2)}), R"(and(EventID exact "1", EventID exact "2"))"},
  });
}

TEST_CASE("cased keeps literals as written", "[item2ir]") {
  run({
      {item("Image|cased", {S("CMD.exe")}), R"(Image exact:cased "CMD.exe")"},
      {item("Image|contains|cased", {S("Temp")}), R"(Image contains:cased "Temp")"},
      {item("Image|cased|endswith", {S("*X?Y")}), R"(Image glob:cased "*X?Y")"},
  });
}

TEST_CASE("exists", "[item2ir]") {
  run({
      {item("Field|exists", {B(true)}), "Field exists"},
      {item("Field|exists", {B(false)}), "Field exists:false"},
      {item("Field|exists", {S("true")}), "Field exists"},
      {item("Field|exists", {S("False")}), "Field exists:false"},
      {list_item("Field|exists", {B(true)}), "Field exists"},
      {item("Field|exists", {S("yes")}),
       "refused",
       {"S0104 3:19 `exists` needs true or false, not `yes`"}},
      {item("Field|exists", {I(1)}),
       "refused",
       {"S0104 3:19 `exists` needs true or false, not `1`"}},
      {item("Field|exists", {B(true), B(false)}),
       "refused",
       {"S0104 4:9 `exists` takes one value, true or false, not a list"}},
      {item("Field|exists|contains", {B(true)}),
       "refused",
       {"S0105 3:18 `exists` cannot be combined with `contains`"}},
      {item("Field|neq|exists", {B(true)}),
       "refused",
       {"S0105 3:15 `neq` cannot be combined with `exists`"}},
  });
}

TEST_CASE("neq negates the whole item", "[item2ir]") {
  run({
      {item("User|neq", {S("SYSTEM")}), R"(not(User exact "system"))"},
      {item("User|neq", {S("a"), S("b")}), R"(not(or(User exact "a", User exact "b")))"},
      {item("EventID|neq", {I(4688)}), R"(not(EventID exact "4688"))"},
      {item("CommandLine|neq|contains", {S("x")}), R"(not(CommandLine contains "x"))"},
      {item("CommandLine|contains|all|neq", {S("x"), S("y")}),
       R"(not(and(CommandLine contains "x", CommandLine contains "y")))"},
      {item("Image|neq|startswith", {S("C:")}), R"(not(Image prefix "c:"))"},
      {item("Image|endswith|neq", {S("x")}), R"(not(Image suffix "x"))"},
      {item("Image|neq|re", {S("^a")}), R"(not(Image re "^a"))"},
      {item("Ip|neq|cidr", {S("10.0.0.0/8")}), "not(Ip cidr 10.0.0.0/8)"},
      {item("A|neq|fieldref", {S("B")}), "not(A fieldref:exact B)"},
      {item("Count|neq|gt", {I(3)}), "not(Count gt 3)"},
      {item("F|neq", {N()}), "not(F null)"},
  });
}

TEST_CASE("re: RE2, flags, errors", "[item2ir]") {
  run({
      {item("CommandLine|re", {S(R"(^a.*\.exe$)")}), R"(CommandLine re "^a.*\.exe$")"},
      {item("CommandLine|re|i", {S("abc")}), R"(CommandLine re:i "abc")"},
      {item("CommandLine|re|m|s|i", {S("abc")}), R"(CommandLine re:ims "abc")"},
      {item("CommandLine|re|ignorecase", {S("abc")}), R"(CommandLine re:i "abc")"},
      {item("CommandLine|re", {S("(?i)inline")}), R"(CommandLine re "(?i)inline")"},
      {item("CommandLine|re|cased", {S("x")}), R"(CommandLine re "x")"},
      {item("EventID|re", {I(46)}), R"(EventID re "46")"},
      {item("CommandLine|re", {S("a*"), S("b")}), R"(or(CommandLine re "a*", CommandLine re "b"))"},
      {item("CommandLine|re", {S("(abc")}),
       "refused",
       {"S0106 3:21 invalid regular expression: missing ): (abc | help: RE2 syntax: no "
        "backreferences or lookaround"}},
      {item("CommandLine|re", {S("a(?=b)")}),
       "refused",
       {"S0106 3:21 invalid regular expression: invalid perl operator: (?= | help: RE2 syntax: "
        "no backreferences or lookaround"}},
      {item("CommandLine|re|contains", {S("x")}),
       "refused",
       {"S0105 3:20 `re` and `contains` cannot be combined"}},
      {item("CommandLine|contains|re", {S("x")}),
       "refused",
       {"S0105 3:26 `contains` and `re` cannot be combined"}},
      {item("CommandLine|re|windash", {S("x")}),
       "refused",
       {"S0105 3:20 `re` and `windash` cannot be combined"}},
      {item("CommandLine|re|base64", {S("x")}),
       "refused",
       {"S0105 3:20 `re` and `base64` cannot be combined"}},
      {item("CommandLine|i", {S("x")}),
       "refused",
       {"S0105 3:17 `i` is a flag of `re` and needs it (`re|i`)"}},
      {item("CommandLine|i|re", {S("x")}),
       "refused",
       {"S0105 3:19 `i` is a flag of `re` and must follow it"}},
      {item("CommandLine|contains|m", {S("x")}),
       "refused",
       {"S0105 3:26 `contains` and `m` cannot be combined",
        "S0105 3:26 `m` is a flag of `re` and needs it (`re|m`)"}},
      {item("CommandLine|re|i|cased", {S("x")}), "refused", {"S0105 3:22 `i` contradicts `cased`"}},
      {item("CommandLine|re", {N()}),
       "refused",
       {"S0104 3:21 `null` cannot be used with `re` | help: `null` matches a missing or null "
        "field; write it without modifiers"}},
  });
}

TEST_CASE("windash", "[item2ir]") {
  run({
      {item("CommandLine|contains|windash", {S("-s")}),
       "or(CommandLine contains \"-s\", CommandLine contains \"/s\", CommandLine contains "
       "\"\u2013s\", CommandLine contains \"\u2014s\", CommandLine contains \"\u2015s\")"},
      {item("CommandLine|windash|contains", {S("/S")}),
       "or(CommandLine contains \"-s\", CommandLine contains \"/s\", CommandLine contains "
       "\"\u2013s\", CommandLine contains \"\u2014s\", CommandLine contains \"\u2015s\")"},
      {item("CommandLine|endswith|windash", {S(" -x")}),
       "or(CommandLine suffix \" -x\", CommandLine suffix \" /x\", CommandLine suffix "
       "\" \u2013x\", CommandLine suffix \" \u2014x\", CommandLine suffix \" \u2015x\")"},
      // No option dash: the value stays one leaf.
      {item("CommandLine|contains|windash", {S("a-b")}), R"(CommandLine contains "a-b")"},
      {item("CommandLine|contains|all|windash", {S("-a"), S("b")}),
       "and(or(CommandLine contains \"-a\", CommandLine contains \"/a\", CommandLine contains "
       "\"\u2013a\", CommandLine contains \"\u2014a\", CommandLine contains \"\u2015a\"), "
       "CommandLine contains \"b\")"},
      {item("CommandLine|contains|windash", {S("-a -b -c -d -e")}),
       "refused",
       {"S0111 3:35 `windash` would vary 5 characters of this value, 3125 variants at least; "
        "at most 625 are compiled | help: split the value into several values, or match with "
        "`re`"}},
      {item("CommandLine|windash|cidr", {S("x")}),
       "refused",
       {"S0105 3:25 `windash` and `cidr` cannot be combined"}},
  });
}

TEST_CASE("windash of `-foo /bar` gives 25 leaves", "[item2ir]") {
  const auto out = compile(item("CommandLine|windash", {S("-foo /bar")}));
  REQUIRE(out.diags.empty());
  std::size_t leaves = 0;
  for (std::size_t at = 0; (at = out.ir.find("CommandLine exact", at)) != std::string::npos; ++at)
    ++leaves;
  CHECK(leaves == 25);
  CHECK(out.ir.find("\"/foo -bar\"") != std::string::npos);
  CHECK(out.ir.find("\"\u2014foo \u2013bar\"") != std::string::npos);
}

TEST_CASE("base64, base64offset and the utf16 encoders", "[item2ir]") {
  run({
      // Encoded text is matched case-insensitively unless `cased`, as SIEMs do.
      {item("CommandLine|base64", {S("http://")}), R"(CommandLine exact "ahr0cdovlw==")"},
      {item("CommandLine|base64|cased", {S("http://")}),
       R"(CommandLine exact:cased "aHR0cDovLw==")"},
      {item("CommandLine|base64|contains", {S("http://")}),
       R"(CommandLine contains "ahr0cdovlw==")"},
      {item("CommandLine|base64offset|contains", {S("/bin/bash")}),
       R"(or(CommandLine contains "l2jpbi9iyxno", CommandLine contains "9iaw4vymfza", )"
       R"(CommandLine contains "vymlul2jhc2"))"},
      // Without `contains` the fragments are still substrings of a longer text.
      {item("CommandLine|base64offset|cased", {S("/bin/bash")}),
       R"(or(CommandLine contains:cased "L2Jpbi9iYXNo", CommandLine contains:cased )"
       R"("9iaW4vYmFza", CommandLine contains:cased "vYmluL2Jhc2"))"},
      {item("CommandLine|wide|base64offset|contains|cased", {S("cmd")}),
       R"(or(CommandLine contains:cased "YwBtAGQA", CommandLine contains:cased "MAbQBkA", )"
       R"(CommandLine contains:cased "jAG0AZA"))"},
      {item("CommandLine|utf16le|base64|cased", {S("cmd")}),
       R"(CommandLine exact:cased "YwBtAGQA")"},
      {item("CommandLine|utf16be|base64|cased", {S("cmd")}),
       R"(CommandLine exact:cased "AGMAbQBk")"},
      {item("CommandLine|utf16|base64|cased", {S("cmd")}),
       R"(CommandLine exact:cased "//5jAG0AZAA=")"},
      {item("CommandLine|windash|base64offset|contains|cased", {S("-e")}),
       "or(CommandLine contains:cased \"LW\", CommandLine contains:cased \"1l\", CommandLine "
       "contains:cased \"tZ\", "
       "CommandLine contains:cased \"L2\", CommandLine contains:cased \"9l\", CommandLine "
       "contains:cased \"vZ\", "
       "CommandLine contains:cased \"4oCTZ\", CommandLine contains:cased \"KAk2\", CommandLine "
       "contains:cased \"igJNl\", "
       "CommandLine contains:cased \"4oCUZ\", CommandLine contains:cased \"KAlG\", CommandLine "
       "contains:cased \"igJRl\", "
       "CommandLine contains:cased \"4oCVZ\", CommandLine contains:cased \"KAlW\", CommandLine "
       "contains:cased \"igJVl\")"},
      {item("CommandLine|base64", {S("a*")}),
       "refused",
       {"S0109 3:25 `base64` cannot encode the wildcard in `a*` | help: escape it (`\\*`, "
        "`\\?`) to encode the character itself"}},
      {item("CommandLine|base64", {S(R"(a\*)")}), R"(CommandLine exact "yso=")"},
      {item("CommandLine|base64offset|contains", {S("")}),
       "refused",
       {"S0109 3:40 `base64offset` of an empty value would match any text"}},
      {item("CommandLine|contains|base64", {S("x")}),
       "refused",
       {"S0105 3:26 `contains` before `base64` would encode its wildcards (write "
        "`base64|contains`)"}},
      {item("CommandLine|base64offset|startswith", {S("x")}),
       "refused",
       {"S0105 3:30 `base64offset` cannot be combined with `startswith`: base64offset "
        "fragments can only be found with `contains`"}},
      {item("CommandLine|wide", {S("x")}),
       "refused",
       {"S0105 3:17 `wide` must be followed by `base64` or `base64offset` | help: UTF-16 text "
        "is only matched in its base64 form"}},
      {item("CommandLine|base64|wide", {S("x")}),
       "refused",
       {"S0105 3:24 `wide` must come before `base64`",
        "S0105 3:24 `wide` must be followed by `base64` or `base64offset` | help: UTF-16 text "
        "is only matched in its base64 form"}},
      {item("CommandLine|wide|utf16le|base64", {S("x")}),
       "refused",
       {"S0105 3:22 `wide` and `utf16le` are the same modifier"}},
      {item("CommandLine|base64|base64offset", {S("x")}),
       "refused",
       {"S0105 3:24 `base64` and `base64offset` cannot be combined"}},
      {item("CommandLine|wide|base64", {S("\xff")}),
       "refused",
       {"S0109 3:30 `wide` needs UTF-8 text; this value is not"}},
  });
}

TEST_CASE("lt lte gt gte", "[item2ir]") {
  run({
      {item("Count|gt", {I(5)}), "Count gt 5"},
      {item("Count|gte", {F(1.5, "1.5")}), "Count gte 1.5"},
      {item("Count|lt", {S("10")}), "Count lt 10"},
      {item("Count|lte", {S("-2.5")}), "Count lte -2.5"},
      {item("Count|lt", {I(1), I(10)}), "or(Count lt 1, Count lt 10)"},
      {item("Count|gt", {S("abc")}), "refused", {"S0104 3:15 `gt` needs a number, not `abc`"}},
      {item("Count|gt", {S("5 ")}), "refused", {"S0104 3:15 `gt` needs a number, not `5 `"}},
      {item("Count|gt", {B(true)}), "refused", {"S0104 3:15 `gt` needs a number, not `true`"}},
      {item("Count|gt|lt", {I(1)}), "refused", {"S0105 3:14 `gt` and `lt` cannot be combined"}},
      {item("Count|gt|contains", {I(1)}),
       "refused",
       {"S0105 3:14 `gt` and `contains` cannot be combined"}},
      {item("Count|cased|gt", {I(1)}),
       "refused",
       {"S0105 3:17 `cased` and `gt` cannot be combined"}},
  });
}

TEST_CASE("time parts", "[item2ir]") {
  run({
      {item("Time|hour", {I(3)}), "Time hour:eq 3"},
      {item("Time|hour|gte", {I(22)}), "Time hour:gte 22"},
      {item("Time|minute|lt", {I(30)}), "Time minute:lt 30"},
      {item("Time|day", {I(31)}), "Time day:eq 31"},
      {item("Time|week", {I(53)}), "Time week:eq 53"},
      {item("Time|month", {S("12")}), "Time month:eq 12"},
      {item("Time|year", {I(2024)}), "Time year:eq 2024"},
      {item("Time|hour", {I(1), I(2)}), "or(Time hour:eq 1, Time hour:eq 2)"},
      {item("Time|hour", {I(24)}),
       "refused",
       {"S0104 3:16 `hour` needs an integer from 0 to 23, not `24`"}},
      {item("Time|minute", {I(60)}),
       "refused",
       {"S0104 3:18 `minute` needs an integer from 0 to 59, not `60`"}},
      {item("Time|day", {I(0)}),
       "refused",
       {"S0104 3:15 `day` needs an integer from 1 to 31, not `0`"}},
      {item("Time|month", {F(1.5, "1.5")}),
       "refused",
       {"S0104 3:17 `month` needs an integer from 1 to 12, not `1.5`"}},
      {item("Time|hour", {S("noon")}),
       "refused",
       {"S0104 3:16 `hour` needs an integer from 0 to 23, not `noon`"}},
      {item("Time|gte|hour", {I(1)}),
       "refused",
       {"S0105 3:14 `gte` must follow `hour` (write `hour|gte`)"}},
      {item("Time|hour|day", {I(1)}),
       "refused",
       {"S0105 3:15 `hour` and `day` cannot be combined"}},
  });
}

TEST_CASE("cidr", "[item2ir]") {
  run({
      {item("DestinationIp|cidr", {S("10.0.0.0/8")}), "DestinationIp cidr 10.0.0.0/8"},
      {item("DestinationIp|cidr", {S("fe80::/10"), S("127.0.0.1")}),
       "or(DestinationIp cidr fe80::/10, DestinationIp cidr 127.0.0.1)"},
      {item("DestinationIp|cidr", {S("10.0.0.0/33")}),
       "refused",
       {"S0108 3:25 invalid CIDR network `10.0.0.0/33` | help: write an IPv4 or IPv6 network "
        "such as `10.0.0.0/8` or `fe80::/10`"}},
      {item("DestinationIp|cidr", {S("10.0.0.0/8"), S("nope"), S("x/1")}),
       "refused",
       {"S0108 5:9 invalid CIDR network `nope` | help: write an IPv4 or IPv6 network such as "
        "`10.0.0.0/8` or `fe80::/10`",
        "S0108 6:9 invalid CIDR network `x/1` | help: write an IPv4 or IPv6 network such as "
        "`10.0.0.0/8` or `fe80::/10`"}},
      {item("DestinationIp|cidr|contains", {S("10.0.0.0/8")}),
       "refused",
       {"S0105 3:24 `cidr` and `contains` cannot be combined"}},
  });
}

TEST_CASE("fieldref", "[item2ir]") {
  run({
      {item("Target|fieldref", {S("Source")}), "Target fieldref:exact Source"},
      {item("Target|fieldref|startswith", {S("Source")}), "Target fieldref:prefix Source"},
      {item("Target|endswith|fieldref", {S("Source")}), "Target fieldref:suffix Source"},
      {item("Target|fieldref|contains|cased", {S("Source")}),
       "Target fieldref:contains:cased Source"},
      {item("Target|fieldref", {S("a"), S("b")}),
       "or(Target fieldref:exact a, Target fieldref:exact b)"},
      {item("Target|fieldref", {S("Sou*")}),
       "refused",
       {"S0104 3:22 a field reference is a field name, without wildcards: `Sou*`"}},
      {item("Target|fieldref", {S("")}),
       "refused",
       {"S0104 3:22 a field reference needs a field name"}},
      {item("Target|fieldref|windash", {S("x")}),
       "refused",
       {"S0105 3:21 `fieldref` and `windash` cannot be combined"}},
  });
}

TEST_CASE("keywords search the raw text", "[item2ir]") {
  run({
      {item("", {S("foo"), S("Bar")}), R"(or(_ contains "foo", _ contains "bar"))"},
      {item("", {S("*foo")}), R"(_ contains "foo")"},
      {item("", {S("a*b")}), R"(_ glob "*a*b*")"},
      {item("", {I(4688)}), R"(_ contains "4688")"},
      {item("|all", {S("a"), S("b")}), R"(and(_ contains "a", _ contains "b"))"},
      {item("|startswith", {S("a")}), R"(_ prefix "a")"},
      {item("|re", {S("a.b")}), R"(_ re "a.b")"},
      {item("|cased", {S("Abc")}), R"(_ contains:cased "Abc")"},
      {item("|base64", {S("http://")}), R"(_ contains "ahr0cdovlw==")"},
      {item("|exists", {B(true)}),
       "refused",
       {"S0105 3:6 `exists` needs a field name; keyword values cannot use it"}},
      {item("|cidr", {S("10.0.0.0/8")}),
       "refused",
       {"S0105 3:6 `cidr` needs a field name; keyword values cannot use it"}},
      {item("", {N()}), "refused", {"S0104 3:7 a keyword cannot be null"}},
  });
}

TEST_CASE("item-level errors", "[item2ir]") {
  run({
      {item("Image", {}),
       "refused",
       {"S0103 4:9 `Image` has an empty list of values | help: give at least one value, or "
        "use `null` or `exists` for a missing field"}},
      {item("", {}),
       "refused",
       {"S0103 4:9 empty keyword list | help: give at least one value, or use `null` or "
        "`exists` for a missing field"}},
      {item("  ", {S("x")}), "refused", {"S0114 3:5 field name `  ` is blank"}},
      {item("Image||contains", {S("x")}),
       "refused",
       {"S0114 3:11 empty modifier in `Image`: two `|` in a row or a trailing `|`"}},
      {item("Image|", {S("x")}),
       "refused",
       {"S0114 3:11 empty modifier in `Image`: two `|` in a row or a trailing `|`"}},
      {item("F|contains", {N()}),
       "refused",
       {"S0104 3:17 `null` cannot be used with `contains` | help: `null` matches a missing or "
        "null field; write it without modifiers"}},
  });
}

TEST_CASE("unknown modifiers get a did-you-mean hint when one is close", "[item2ir]") {
  run({
      {item("a0|contians", {S("kubectl")}),
       "refused",
       {"S0107 3:8 unknown modifier `contians` | help: did you mean `contains`?"}},
      {item("Image|endswith|windsah", {S("x")}),
       "refused",
       {"S0107 3:20 unknown modifier `windsah` | help: did you mean `windash`?"}},
      {item("Image|Contains", {S("x")}),
       "refused",
       {"S0107 3:11 unknown modifier `Contains` | help: did you mean `contains`? modifier "
        "names are lowercase"}},
      {item("Image|base46", {S("x")}),
       "refused",
       {"S0107 3:11 unknown modifier `base46` | help: did you mean `base64`?"}},
      {item("Image|startwith", {S("x")}),
       "refused",
       {"S0107 3:11 unknown modifier `startwith` | help: did you mean `startswith`?"}},
      {item("Image|xyzzy", {S("x")}), "refused", {"S0107 3:11 unknown modifier `xyzzy`"}},
      {item("Image|q", {S("x")}), "refused", {"S0107 3:11 unknown modifier `q`"}},
      // Every problem of the chain is reported, not just the first.
      {item("Image|contians|endswth", {S("x")}),
       "refused",
       {"S0107 3:11 unknown modifier `contians` | help: did you mean `contains`?",
        "S0107 3:20 unknown modifier `endswth` | help: did you mean `endswith`?"}},
  });
}

TEST_CASE("modifier combinations that make no sense", "[item2ir]") {
  run({
      {item("F|contains|startswith", {S("x")}),
       "refused",
       {"S0105 3:16 `contains` and `startswith` cannot be combined"}},
      {item("F|contains|contains", {S("x")}),
       "refused",
       {"S0105 3:16 modifier `contains` is repeated"}},
      {item("F|all|all", {S("x"), S("y")}), "refused", {"S0105 3:11 modifier `all` is repeated"}},
      {item("F|cidr|re", {S("x")}), "refused", {"S0105 3:12 `cidr` and `re` cannot be combined"}},
      {item("F|expand|re", {S("x")}),
       "refused",
       {"S0105 3:14 `expand` and `re` cannot be combined"}},
      {item("F|base64|expand", {S("x")}),
       "refused",
       {"S0105 3:14 `expand` must come before `base64`"}},
      {item("F|base64|windash", {S("x")}),
       "refused",
       {"S0105 3:14 `windash` must come before `base64`"}},
      {item("F|gt|fieldref", {I(1)}),
       "refused",
       {"S0105 3:10 `gt` and `fieldref` cannot be combined"}},
  });
}

TEST_CASE("expand substitutes pipeline placeholders", "[item2ir]") {
  const PlaceholderResolver resolver =
      [](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "admins") return std::vector<std::string>{"alice", "Bob*"};
    if (name == "dom") return std::vector<std::string>{"corp", "lab"};
    if (name == "none") return std::vector<std::string>{};
    return std::nullopt;
  };
  run(
      {
          {item("User|expand", {S("%admins%")}), R"(or(User exact "alice", User prefix "bob"))"},
          {item("User|contains|expand", {S("%admins%")}),
           R"(or(User contains "alice", User contains "bob"))"},
          // `\%` escapes a percent sign under `expand`; `\\` is a backslash.
          {item("User|expand", {S("%dom%\\%admins%")}),
           R"(or(User exact "corp%admins%", User exact "lab%admins%"))"},
          {item("User|expand", {S("%dom%\\\\%admins%")}),
           R"(or(User exact "corp\alice", User prefix "corp\bob", User exact "lab\alice", )"
           R"(User prefix "lab\bob"))"},
          {item("User|expand", {S(R"(\%plain%dom%)")}),
           R"(or(User exact "%plaincorp", User exact "%plainlab"))"},
          {item("User", {S("%admins%")}), R"(User exact "%admins%")"},
          {item("User|expand", {S("%none%")}), "false"},
          {item("User|expand", {S("%missing%")}),
           "false",
           {"S0112 3:18 placeholder %missing% is not defined by any processing pipeline; this "
            "value matches nothing"}},
          {item("User|expand", {S("%missing%"), S("root")}),
           R"(User exact "root")",
           {"S0112 4:9 placeholder %missing% is not defined by any processing pipeline; this "
            "value matches nothing"}},
          {item("User|expand|neq", {S("%missing%")}),
           "true",
           {"S0112 3:22 placeholder %missing% is not defined by any processing pipeline; this "
            "value matches nothing"}},
          {item("User|expand|base64|cased", {S("%dom%")}),
           R"(or(User exact:cased "Y29ycA==", User exact:cased "bGFi"))"},
          {item("User|expand|base64", {S("%admins%")}),
           "refused",
           {"S0109 3:25 `base64` cannot encode the wildcard in `Bob*` | help: escape it (`\\*`, "
            "`\\?`) to encode the character itself"}},
      },
      &resolver);
  // Without any resolver every placeholder is unresolved.
  run({{item("User|expand", {S("x%a%y%b%")}),
        "false",
        {"S0112 3:18 placeholder %a% is not defined by any processing pipeline; this value "
         "matches nothing",
         "S0112 3:18 placeholder %b% is not defined by any processing pipeline; this value "
         "matches nothing"}}});
}

TEST_CASE("leaves are interned in the shared table, and only for accepted items", "[item2ir]") {
  ir::FieldTable fields;
  ir::LeafTable leaves;
  diag::Sink sink;
  ItemContext ctx{fields, leaves, sink};
  const auto a = item_to_ir(item("Image|endswith", {S("\\a.exe")}), ctx);
  const auto b = item_to_ir(item("Image", {S("*\\A.EXE"), S("*\\a.exe")}), ctx);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(leaves.size() == 1);
  REQUIRE(b->op == ir::Op::Or);
  CHECK(b->children[0] == *a);
  CHECK(b->children[1] == *a);
  CHECK_FALSE(item_to_ir(item("Image|contains", {S("ok"), S("x"), N()}), ctx));
  CHECK(leaves.size() == 1);
}

TEST_CASE("known_modifiers lists the appendix's modifiers", "[item2ir]") {
  const auto& names = known_modifiers();
  for (const char* m :
       {"contains", "startswith", "endswith", "all",  "exists", "cased",  "neq",
        "windash",  "re",         "i",        "m",    "s",      "base64", "base64offset",
        "utf16le",  "utf16be",    "utf16",    "wide", "lt",     "lte",    "gt",
        "gte",      "minute",     "hour",     "day",  "week",   "month",  "year",
        "cidr",     "expand",     "fieldref"}) {
    INFO(m);
    CHECK(std::find(names.begin(), names.end(), std::string_view(m)) != names.end());
  }
}

}  // namespace sigma::modifiers::test
