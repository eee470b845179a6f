// Each leaf kind over the value shapes a host can report: strings, numbers, booleans, null,
// lists, and absent fields.
#include <re2/re2.h>

#include <catch.hpp>
#include <random>

#include "runtime/match/cidr.hpp"
#include "runtime/match/regex_literals.hpp"
#include "tests/unit/eval/eval_fixture.hpp"

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

namespace {

// Evaluates the single leaf `id` of `pb` against `ev`.
bool holds(ProgramBuilder& pb, ir::LeafId id, const Event& ev) {
  const runtime::Engine engine(pb.build());
  return eval_once(engine, L(id), ev);
}

ir::RegexMatch regex(const std::string& pattern, bool i = false) {
  RE2::Options opt;
  opt.set_case_sensitive(!i);
  opt.set_log_errors(false);
  return ir::RegexMatch{pattern, i, false, false, std::make_shared<RE2>(pattern, opt)};
}

ir::CidrMatch cidr(const std::string& text) {
  return ir::CidrMatch{*match::parse_cidr(text), text};
}

}  // namespace

TEST_CASE("string operations", "[leaf]") {
  ProgramBuilder pb;
  const MockEvent ev{{"Image", {str("C:\\Windows\\System32\\CMD.EXE")}}};
  CHECK(holds(pb, pb.str("Image", StringOp::Exact, "c:\\windows\\system32\\cmd.exe"), ev));
  CHECK(holds(pb, pb.str("Image", StringOp::Suffix, "\\cmd.exe"), ev));
  CHECK(holds(pb, pb.str("Image", StringOp::Prefix, "C:\\WINDOWS"), ev));
  CHECK(holds(pb, pb.str("Image", StringOp::Contains, "system32"), ev));
  CHECK(holds(pb, pb.str("Image", StringOp::Glob, "c:\\\\windows\\\\*\\\\cmd.???"), ev));
  CHECK_FALSE(holds(pb, pb.str("Image", StringOp::Contains, "syswow64"), ev));
  CHECK_FALSE(holds(pb, pb.str("Image", StringOp::Exact, "cmd.exe"), ev));
  // cased compares exact bytes
  CHECK(holds(pb, pb.str("Image", StringOp::Suffix, "CMD.EXE", true), ev));
  CHECK_FALSE(holds(pb, pb.str("Image", StringOp::Suffix, "cmd.exe", true), ev));
  // absent never matches, even an empty pattern
  CHECK_FALSE(holds(pb, pb.str("Missing", StringOp::Contains, ""), ev));
}

TEST_CASE("numbers and booleans match strings by their text", "[leaf]") {
  ProgramBuilder pb;
  const auto id = pb.eq("EventID", "4688");
  CHECK(holds(pb, id, MockEvent{{"EventID", {num(4688)}}}));
  CHECK(holds(pb, id, MockEvent{{"EventID", {str("4688")}}}));
  CHECK(holds(pb, id, MockEvent{{"EventID", {real(4688.0)}}}));
  CHECK_FALSE(holds(pb, id, MockEvent{{"EventID", {num(46880)}}}));
  CHECK(holds(pb, pb.str("EventID", StringOp::Prefix, "46"), MockEvent{{"EventID", {num(4688)}}}));
  CHECK(holds(pb, pb.eq("Ratio", "1.5"), MockEvent{{"Ratio", {real(1.5)}}}));
  CHECK(holds(pb, pb.eq("Ok", "true"), MockEvent{{"Ok", {boolean(true)}}}));
  CHECK(holds(pb, pb.eq("Ok", "TRUE"), MockEvent{{"Ok", {boolean(true)}}}));  // folded pattern
  CHECK_FALSE(holds(pb, pb.eq("Ok", "true"), MockEvent{{"Ok", {boolean(false)}}}));
  CHECK(
      holds(pb, pb.str("Ok", StringOp::Exact, "false", true), MockEvent{{"Ok", {boolean(false)}}}));
  // null never matches a string pattern, not even an empty one
  CHECK_FALSE(holds(pb, pb.eq("Ok", ""), MockEvent{{"Ok", {null()}}}));
  CHECK_FALSE(holds(pb, pb.str("Ok", StringOp::Contains, ""), MockEvent{{"Ok", {null()}}}));
  CHECK_FALSE(holds(pb, pb.eq("Ok", "null"), MockEvent{{"Ok", {null()}}}));
}

TEST_CASE("list values: any element", "[leaf]") {
  ProgramBuilder pb;
  const auto id = pb.str("Tags", StringOp::Contains, "admin");
  CHECK(holds(pb, id, MockEvent{{"Tags", {str("user"), null(), num(3), str("domain admins")}}}));
  CHECK_FALSE(holds(pb, id, MockEvent{{"Tags", {str("user"), str("guest")}}}));
  CHECK_FALSE(holds(pb, id, MockEvent{{"Tags", {}}}));
  const auto gt = pb.leaf("Ports", ir::NumberCmp{ir::CmpOp::Gt, 1024, "1024"});
  CHECK(holds(pb, gt, MockEvent{{"Ports", {num(22), num(8080)}}}));
  CHECK_FALSE(holds(pb, gt, MockEvent{{"Ports", {num(22), num(80)}}}));
  // Not on a list: the negation of "any element matches".
  CHECK_FALSE(eval_once(runtime::Engine(pb.build()), Not(L(id)),
                        MockEvent{{"Tags", {str("user"), str("admin")}}}));
}

TEST_CASE("regex: unanchored, raw text, flags in the compiled regex", "[leaf]") {
  ProgramBuilder pb;
  const MockEvent ev{{"CommandLine", {str("powershell -EncodedCommand SQBFAFgA")}}};
  CHECK(holds(pb, pb.leaf("CommandLine", regex("-enc\\w*\\s")), ev) == false);  // case-sensitive
  CHECK(holds(pb, pb.leaf("CommandLine", regex("-Enc\\w*\\s")), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("-enc\\w*\\s", true)), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("^powershell")), ev));
  CHECK_FALSE(holds(pb, pb.leaf("CommandLine", regex("^-Enc")), ev));
  CHECK(holds(pb, pb.leaf("EventID", regex("^46\\d\\d$")), MockEvent{{"EventID", {num(4688)}}}));
  CHECK_FALSE(holds(pb, pb.leaf("EventID", regex(".*")), MockEvent{{"EventID", {null()}}}));
  CHECK_FALSE(holds(pb, pb.leaf("EventID", regex(".*")), MockEvent{}));
  CHECK_FALSE(
      holds(pb, pb.leaf("EventID", regex("(unclosed")), MockEvent{{"EventID", {str("(")}}}));
}

TEST_CASE("regex: a pattern of literals alone answers as RE2 does, options and all", "[leaf]") {
  // Searched for without RE2 (match::RegexShortcut): case-sensitive unless the compiled regex
  // is not, unanchored, over numbers' text too.
  ProgramBuilder pb;
  const MockEvent ev{{"CommandLine", {str("C:\\Windows\\CertUtil.exe -urlcache -f")}},
                     {"EventID", {num(4688)}}};
  CHECK_FALSE(holds(pb, pb.leaf("CommandLine", regex("(certutil|bitsadmin)")), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("(CertUtil|bitsadmin)")), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("(certutil|bitsadmin)", true)), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("xyz|-urlcache -f")), ev));
  CHECK(holds(pb, pb.leaf("CommandLine", regex("CertUtil\\.exe")), ev));
  CHECK_FALSE(holds(pb, pb.leaf("CommandLine", regex("CertUtil\\.ex\\.")), ev));
  CHECK(holds(pb, pb.leaf("EventID", regex("68|99")), ev));
}

TEST_CASE("regex: the literal pre-check never changes a result", "[leaf]") {
  // Patterns with literals the pre-check looks for (case-sensitive and not, in alternations,
  // around classes), matched against random mixed-case text: the leaf must say what RE2 says.
  const std::vector<std::pair<std::string, bool>> patterns = {
      {"\\w+`(?:\\w+|-|.)`[\\w+|\\s]", false},
      {"\"(?:\\{\\d\\})+\"\\s*-f", false},
      {"(?i)\\$\\{`?e`?n`?v", false},
      {"Ab(c|D)e", false},
      {"ab(c|d)E", true},
      {"^x[aA]`", false},
      {"(A|b)\\d{2}", false},
      {"\\s-[FTd]\\s", false},
      {"(?i)(a|b).*&&\\s?c.*(de|x)", false}};  // literal sets that must all be there
  std::mt19937 rng(17);
  const std::string alphabet = "aAbBcCdDeE`{}0123\" -fFTx$nNvV&&";
  ProgramBuilder pb;
  std::vector<ir::LeafId> ids;
  for (const auto& [p, i] : patterns) {
    ids.push_back(pb.leaf("f", regex(p, i)));
    CHECK_FALSE(match::regex_literals(*regex(p, i).re, 1).empty());  // the pre-check runs
  }
  const runtime::Engine engine(pb.build());
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (std::size_t k = rng() % 16; k > 0; --k) text.push_back(alphabet[rng() % alphabet.size()]);
    const int number = static_cast<int>(rng() % 300);
    const MockEvent ev{{"f", {str(text), num(number)}}};
    for (std::size_t k = 0; k < patterns.size(); ++k) {
      RE2::Options opt;
      opt.set_case_sensitive(!patterns[k].second);
      const RE2 re(patterns[k].first, opt);
      const bool want =
          RE2::PartialMatch(text, re) || RE2::PartialMatch(std::to_string(number), re);
      INFO("pattern " << patterns[k].first << " text " << text);
      REQUIRE(eval_once(engine, L(ids[k]), ev) == want);
    }
  }
}

TEST_CASE("regex: a counted dot answers as RE2 does, ASCII or not", "[leaf]") {
  // `.{n,}` is answered by a search for newlines on ASCII text and by RE2 on the rest, where a
  // character may be several bytes: six 2-byte characters are twelve bytes but not a run of 7.
  const std::vector<std::string> patterns = {".{7,}", ".{3}", "(?s).{7}"};
  const std::vector<std::string> texts = {
      "abcdefg",
      "abc\ndefg",
      "ab\ncd\nef",
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
      "x\xffyz",
      "abc\n\n\ndefghij",
      ""};
  ProgramBuilder pb;
  std::vector<ir::LeafId> ids;
  for (const std::string& p : patterns) ids.push_back(pb.leaf("f", regex(p)));
  const runtime::Engine engine(pb.build());
  for (const std::string& text : texts)
    for (std::size_t k = 0; k < patterns.size(); ++k) {
      INFO("pattern " << patterns[k] << " text " << text);
      CHECK(eval_once(engine, L(ids[k]), MockEvent{{"f", {str(text)}}}) ==
            RE2::PartialMatch(text, *regex(patterns[k]).re));
    }
  // Numbers are matched by their text.
  CHECK(eval_once(engine, L(ids[1]), MockEvent{{"f", {num(4688)}}}));
  CHECK_FALSE(eval_once(engine, L(ids[0]), MockEvent{{"f", {num(4688)}}}));
}

TEST_CASE("numeric comparisons", "[leaf]") {
  ProgramBuilder pb;
  const auto lt = pb.leaf("n", ir::NumberCmp{ir::CmpOp::Lt, 10, "10"});
  const auto lte = pb.leaf("n", ir::NumberCmp{ir::CmpOp::Lte, 10, "10"});
  const auto gt = pb.leaf("n", ir::NumberCmp{ir::CmpOp::Gt, 10, "10"});
  const auto gte = pb.leaf("n", ir::NumberCmp{ir::CmpOp::Gte, 10, "10"});
  const auto eq = pb.leaf("n", ir::NumberCmp{ir::CmpOp::Eq, 10, "10"});
  struct Row {
    V value;
    bool lt, lte, gt, gte, eq;
  };
  const std::vector<Row> rows = {
      {num(9), true, true, false, false, false},
      {num(10), false, true, false, true, true},
      {num(11), false, false, true, true, false},
      {real(9.5), true, true, false, false, false},
      {real(10.0), false, true, false, true, true},
      {str("11"), false, false, true, true, false},
      {str("9.99"), true, true, false, false, false},
      {str("1e1"), false, true, false, true, true},
      {str("-3"), true, true, false, false, false},
      {str("+12"), false, false, true, true, false},
      {str("10 "), false, false, false, false, false},
      {str("ten"), false, false, false, false, false},
      {str("0x10"), false, false, false, false, false},
      {str("nan"), false, false, false, false, false},
      {boolean(true), false, false, false, false, false},
      {null(), false, false, false, false, false},
  };
  const runtime::Engine engine(pb.build());
  for (const Row& r : rows) {
    const MockEvent ev{{"n", {r.value}}};
    INFO("value " << r.value.s << r.value.i << " " << r.value.d);
    CHECK(eval_once(engine, L(lt), ev) == r.lt);
    CHECK(eval_once(engine, L(lte), ev) == r.lte);
    CHECK(eval_once(engine, L(gt), ev) == r.gt);
    CHECK(eval_once(engine, L(gte), ev) == r.gte);
    CHECK(eval_once(engine, L(eq), ev) == r.eq);
  }
  CHECK_FALSE(eval_once(engine, L(lt), MockEvent{}));
  // Large integers compare exactly, not through a rounded double.
  ProgramBuilder big;
  const auto above = big.leaf("n", ir::NumberCmp{ir::CmpOp::Gt, 9007199254740992.0, "2^53"});
  CHECK(holds(big, above, MockEvent{{"n", {num(9007199254740993)}}}));
  CHECK(holds(big, above, MockEvent{{"n", {str("9007199254740993")}}}));
}

TEST_CASE("cidr", "[leaf]") {
  ProgramBuilder pb;
  const auto net = pb.leaf("ip", cidr("10.0.0.0/8"));
  const auto net6 = pb.leaf("ip", cidr("2001:db8::/32"));
  const runtime::Engine engine(pb.build());
  CHECK(eval_once(engine, L(net), MockEvent{{"ip", {str("10.1.2.3")}}}));
  CHECK_FALSE(eval_once(engine, L(net), MockEvent{{"ip", {str("11.1.2.3")}}}));
  CHECK_FALSE(eval_once(engine, L(net), MockEvent{{"ip", {str("not an ip")}}}));
  CHECK_FALSE(eval_once(engine, L(net), MockEvent{{"ip", {num(167772161)}}}));
  CHECK(eval_once(engine, L(net), MockEvent{{"ip", {str("192.168.0.1"), str("10.9.9.9")}}}));
  CHECK(eval_once(engine, L(net6), MockEvent{{"ip", {str("2001:db8::1")}}}));
  CHECK_FALSE(eval_once(engine, L(net6), MockEvent{{"ip", {str("10.1.2.3")}}}));
}

TEST_CASE("exists, null and absent", "[leaf]") {
  ProgramBuilder pb;
  const auto exists = pb.leaf("f", ir::Exists{true});
  const auto not_exists = pb.leaf("f", ir::Exists{false});
  const auto is_null = pb.leaf("f", ir::IsNull{});
  const runtime::Engine engine(pb.build());
  struct Row {
    const char* what;
    MockEvent ev;
    bool exists, not_exists, is_null;
  };
  const std::vector<Row> rows = {
      {"absent", MockEvent{}, false, true, true},
      {"null", MockEvent{{"f", {null()}}}, true, false, true},
      {"empty string", MockEvent{{"f", {str("")}}}, true, false, false},
      {"value", MockEvent{{"f", {str("x")}}}, true, false, false},
      {"zero", MockEvent{{"f", {num(0)}}}, true, false, false},
      {"false", MockEvent{{"f", {boolean(false)}}}, true, false, false},
      {"empty list", MockEvent{{"f", {}}}, true, false, true},
      {"list of nulls", MockEvent{{"f", {null(), null()}}}, true, false, true},
      {"list with a value", MockEvent{{"f", {null(), str("x")}}}, true, false, false},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    CHECK(eval_once(engine, L(exists), r.ev) == r.exists);
    CHECK(eval_once(engine, L(not_exists), r.ev) == r.not_exists);
    CHECK(eval_once(engine, L(is_null), r.ev) == r.is_null);
  }
}

TEST_CASE("fieldref", "[leaf]") {
  ProgramBuilder pb;
  const auto other = pb.field("Parent");
  const auto same = pb.leaf("Image", ir::FieldRef{other, StringOp::Exact, false});
  const auto same_cased = pb.leaf("Image", ir::FieldRef{other, StringOp::Exact, true});
  const auto starts = pb.leaf("Image", ir::FieldRef{other, StringOp::Prefix, false});
  const auto ends = pb.leaf("Image", ir::FieldRef{other, StringOp::Suffix, false});
  const auto has = pb.leaf("Image", ir::FieldRef{other, StringOp::Contains, false});
  const runtime::Engine engine(pb.build());
  const MockEvent equal{{"Image", {str("C:\\A\\B.exe")}}, {"Parent", {str("c:\\a\\b.EXE")}}};
  CHECK(eval_once(engine, L(same), equal));
  CHECK_FALSE(eval_once(engine, L(same_cased), equal));
  const MockEvent prefix{{"Image", {str("C:\\A\\B.exe")}}, {"Parent", {str("c:\\a")}}};
  CHECK(eval_once(engine, L(starts), prefix));
  CHECK(eval_once(engine, L(has), prefix));
  CHECK_FALSE(eval_once(engine, L(ends), prefix));
  CHECK_FALSE(eval_once(engine, L(same), prefix));
  const MockEvent suffix{{"Image", {str("C:\\A\\B.exe")}}, {"Parent", {str("B.EXE")}}};
  CHECK(eval_once(engine, L(ends), suffix));
  // any pair of values; numbers by their text
  const MockEvent lists{{"Image", {str("x"), num(42)}}, {"Parent", {str("y"), str("42")}}};
  CHECK(eval_once(engine, L(same), lists));
  CHECK_FALSE(eval_once(engine, L(same), MockEvent{{"Image", {str("x")}}}));
  CHECK_FALSE(eval_once(engine, L(same), MockEvent{{"Parent", {str("x")}}}));
  CHECK_FALSE(eval_once(engine, L(same), MockEvent{{"Image", {null()}}, {"Parent", {null()}}}));
}

TEST_CASE("time parts", "[leaf]") {
  ProgramBuilder pb;
  const auto hour13 = pb.leaf("t", ir::TimeCmp{ir::TimePart::Hour, ir::CmpOp::Eq, 13});
  const auto late = pb.leaf("t", ir::TimeCmp{ir::TimePart::Hour, ir::CmpOp::Gte, 22});
  const auto week18 = pb.leaf("t", ir::TimeCmp{ir::TimePart::Week, ir::CmpOp::Eq, 18});
  const auto may = pb.leaf("t", ir::TimeCmp{ir::TimePart::Month, ir::CmpOp::Eq, 5});
  const auto y2023 = pb.leaf("t", ir::TimeCmp{ir::TimePart::Year, ir::CmpOp::Eq, 2023});
  const auto minute = pb.leaf("t", ir::TimeCmp{ir::TimePart::Minute, ir::CmpOp::Lt, 15});
  const auto day = pb.leaf("t", ir::TimeCmp{ir::TimePart::Day, ir::CmpOp::Eq, 14});
  const runtime::Engine engine(pb.build());
  const MockEvent iso{{"t", {str("2024-05-01T13:45:10.123Z")}}};
  CHECK(eval_once(engine, L(hour13), iso));
  CHECK(eval_once(engine, L(week18), iso));
  CHECK(eval_once(engine, L(may), iso));
  CHECK_FALSE(eval_once(engine, L(late), iso));
  CHECK_FALSE(eval_once(engine, L(minute), iso));
  CHECK(eval_once(engine, L(late), MockEvent{{"t", {str("2024-05-01 23:05:00")}}}));
  // 1700000000 = 2023-11-14 22:13:20 UTC
  for (const V& v : {num(1700000000), real(1700000000.123), str("1700000000.123")}) {
    const MockEvent epoch{{"t", {v}}};
    CHECK(eval_once(engine, L(y2023), epoch));
    CHECK(eval_once(engine, L(late), epoch));
    CHECK(eval_once(engine, L(minute), epoch));
    CHECK(eval_once(engine, L(day), epoch));
  }
  CHECK_FALSE(eval_once(engine, L(y2023), MockEvent{{"t", {str("last tuesday")}}}));
  CHECK_FALSE(eval_once(engine, L(y2023), MockEvent{{"t", {null()}}}));
  CHECK_FALSE(eval_once(engine, L(y2023), MockEvent{}));
}

TEST_CASE("keywords search raw text, else every string", "[leaf]") {
  ProgramBuilder pb;
  const auto kw = pb.str("*keywords*", StringOp::Contains, "docker.sock");
  const auto kw_re = pb.leaf("*keywords*", regex("kubectl\\s+get\\s+secrets?"));
  const runtime::Engine engine(pb.build());
  MockEvent with_raw{{"msg", {str("nothing here")}}};
  with_raw.set_raw("type=EXECVE a0=curl a1=--unix-socket a2=/var/run/DOCKER.SOCK");
  CHECK(eval_once(engine, L(kw), with_raw));
  // raw wins over fields when present
  MockEvent raw_only{{"msg", {str("docker.sock")}}};
  raw_only.set_raw("something else");
  CHECK_FALSE(eval_once(engine, L(kw), raw_only));
  // no raw: any string field; numbers and nulls are not searched
  const MockEvent fields{{"a", {num(1)}}, {"b", {str("x"), str("/run/docker.sock")}}};
  CHECK(eval_once(engine, L(kw), fields));
  CHECK_FALSE(eval_once(engine, L(kw), MockEvent{{"a", {str("docker")}}}));
  CHECK(eval_once(engine, L(kw_re), MockEvent{{"cmd", {str("kubectl  get secret x")}}}));
  CHECK_FALSE(eval_once(engine, L(kw_re), MockEvent{{"cmd", {str("KUBECTL get secret x")}}}));
  CHECK_FALSE(eval_once(engine, L(kw), MockEvent{}));
}
