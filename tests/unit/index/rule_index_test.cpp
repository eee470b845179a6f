// The indexed evaluation (logsource routing, covers, literal prefilter) must give exactly the
// plain evaluation's result: checked on hand-made cases and on random rules and events.
#include <catch.hpp>
#include <re2/re2.h>

#include <array>
#include <map>
#include <random>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/index/anchors.hpp"
#include "runtime/index/rule_index.hpp"
#include "runtime/match/glob.hpp"
#include "runtime/match/regex_literals.hpp"
#include "tests/unit/eval/eval_fixture.hpp"

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

namespace {

std::vector<std::uint32_t> plain(const runtime::Engine& engine, const Event& event) {
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> out;
  runtime::match(engine, event, scratch, out);
  return out;
}

// An engine's index for every source, with the per-thread state a scanning thread keeps
// across events.
struct Indexed {
  explicit Indexed(const runtime::Engine& e) : engine(e), index(e, {}), scratch(e) {}
  // The rules matching `event`, as runtime::match appends them.
  std::vector<std::uint32_t> match(const Event& event) {
    std::vector<std::uint32_t> out;
    runtime::match(engine, index, event, scratch, is, out);
    return out;
  }
  std::uint64_t candidates() const { return is.stats().candidates; }  // over all events so far

  const runtime::Engine& engine;
  const runtime::RuleIndex index;
  runtime::Scratch scratch;
  runtime::IndexScratch is;
};

}  // namespace

TEST_CASE("only the rules whose literals an event holds are evaluated", "[rule_index]") {
  ProgramBuilder pb;
  for (int i = 0; i < 50; ++i)
    pb.rule("r" + std::to_string(i),
            And({L(pb.eq("EventID", "1")),
                 L(pb.str("CommandLine", StringOp::Contains, "tool" + std::to_string(i)))}));
  pb.rule("generic", Not(L(pb.eq("User", "system"))));  // no cover: evaluated always
  const runtime::Engine engine(pb.build());
  const runtime::RuleIndex index(engine, {});
  CHECK(index.stats().rules == 51);
  CHECK(index.stats().always == 1);
  runtime::Scratch scratch(engine);
  runtime::IndexScratch is;
  std::vector<std::uint32_t> out;
  const MockEvent event{{"EventID", {num(1)}}, {"CommandLine", {str("run TOOL7 now")}}};
  runtime::match(engine, index, event, scratch, is, out);
  CHECK(out == std::vector<std::uint32_t>{7, 50});
  CHECK(is.stats().candidates == 2);  // r7 and generic, of 51
  // The scan decided every leaf (exact values and a contains): none was computed.
  CHECK(scratch.stats().leaf_evals == 0);
  CHECK(out == plain(engine, event));
}

TEST_CASE("a rule is evaluated only when both clauses of its cover were hit", "[rule_index]") {
  // Each rule needs two rare literals in different fields: the cover requires both, so an
  // event with only one of them evaluates no rule.
  ProgramBuilder pb;
  for (int i = 0; i < 50; ++i)
    pb.rule("r" + std::to_string(i),
            And({L(pb.str("Image", StringOp::Suffix, "\\tool" + std::to_string(i) + ".exe")),
                 L(pb.str("CommandLine", StringOp::Contains, "-flag" + std::to_string(i)))}));
  const runtime::Engine engine(pb.build());
  Indexed x(engine);
  const MockEvent one{{"Image", {str("c:\\tool7.exe")}}, {"CommandLine", {str("x -flag8")}}};
  CHECK(x.match(one).empty());
  CHECK(x.candidates() == 0);  // r7's Image and r8's CommandLine: neither has both
  // One clause hit twice (the literal twice in a value, and in two values) is still one clause.
  const MockEvent twice{{"Image", {str("c:\\other.exe")}},
                        {"CommandLine", {str("x -flag7 -flag7"), str("-flag7")}}};
  CHECK(x.match(twice).empty());
  CHECK(x.candidates() == 0);
  const MockEvent both{{"Image", {str("c:\\tool7.exe")}}, {"CommandLine", {str("x -flag7")}}};
  const auto out = x.match(both);
  CHECK(out == std::vector<std::uint32_t>{7});
  CHECK(x.candidates() == 1);
  CHECK(out == plain(engine, both));
}

TEST_CASE("rules are routed by the event's logsource", "[rule_index]") {
  ProgramBuilder pb;
  const auto any = pb.leaf("x", ir::Exists{true});
  pb.rule("win", L(any));
  pb.rule("proc", L(any));
  pb.rule("database", L(any));
  auto& rules = pb.program().rules;
  rules[0].logsource = {"", "windows", ""};
  rules[1].logsource = {"process_creation", "windows", ""};
  rules[2].logsource = {"database", "", ""};
  const runtime::Engine engine(pb.build());
  runtime::RouteTable routes(engine);
  const auto fitting = [&](runtime::Source s) {
    const auto r = routes.get(s).rules();
    return std::vector<std::uint32_t>(r.begin(), r.end());
  };
  CHECK(fitting({}) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(fitting({"", "windows", ""}) == std::vector<std::uint32_t>{0, 1});
  CHECK(fitting({"process_creation", "windows", ""}) == std::vector<std::uint32_t>{0, 1});
  CHECK(fitting({"image_load", "windows", ""}) == std::vector<std::uint32_t>{0});
  CHECK(fitting({"", "linux", ""}).empty());
  CHECK(&routes.get({"", "windows", ""}) == &routes.get({"", "windows", ""}));  // built once
  // An event of a source no rule fits is ruled out before anything is set up for it.
  const event::FieldStore store;
  CHECK(runtime::ruled_out(routes.get({"", "linux", ""}), store));
  CHECK_FALSE(runtime::ruled_out(routes.get({"", "windows", ""}), store));
}

TEST_CASE("a glob is anchored by its longest literal, escapes read as the matcher reads them",
          "[rule_index]") {
  CHECK(runtime::longest_literal("ab*cdef?gh") == "cdef");
  CHECK(runtime::longest_literal("x\\*y*z") == "x*y");     // \* is a literal star
  CHECK(runtime::longest_literal("*a\\\\b*c") == "a\\b");  // \\ is one backslash
  // A backslash before anything else is itself a literal (Sigma's rule for plain values):
  // dropping it would anchor the glob on text its matches do not hold.
  CHECK(runtime::longest_literal("*c:\\windows\\sys?") == "c:\\windows\\sys");
  CHECK(match::Glob("*c:\\windows\\sys?").matches("c:\\windows\\sysx"));
}

TEST_CASE("a regex is anchored by the literals it cannot match without", "[rule_index]") {
  const auto literals = [](const std::string& pattern, bool cased = true) {
    RE2::Options o;
    o.set_case_sensitive(cased);
    o.set_log_errors(false);
    auto got = match::regex_literals(RE2(pattern, o), runtime::kMinLiteral);
    std::sort(got.begin(), got.end());
    return got;
  };
  using Set = std::vector<std::string>;
  CHECK(literals("Mimikatz") == Set{"mimikatz"});  // lower case: the scan sees folded text
  CHECK(literals("(?i)sekurlsa::") == Set{"sekurlsa::"});
  CHECK(literals("(certutil|bitsadmin)\\.exe") == Set{"bitsadmin.exe", "certutil.exe"});
  // AND of two facts: one is enough, the longer stays.
  CHECK(literals("abc.*defgh") == Set{"defgh"});
  // Nothing of three bytes it must contain: no anchor.
  CHECK(literals("\\w+`\\w+").empty());
  CHECK(literals("ab|cdef").empty());
  // One parse answers every minimum length: the engine's pre-check takes short literals too.
  {
    const RE2 re("ab|cdef");
    const match::RegexLiterals parsed(re);
    auto any = parsed.get(1);
    std::sort(any.begin(), any.end());
    CHECK(any == Set{"ab", "cdef"});
    CHECK(parsed.get(runtime::kMinLiteral).empty());
  }
  CHECK(literals("(").empty());  // does not compile
  // A non-ASCII atom is not used (RE2's lowering and our folding may differ there).
  CHECK(literals("\xd0\xb0"
                 "bcd|xyz")
            .empty());

  ProgramBuilder pb;
  ir::RegexMatch m{"(?i)invoke-(mimikatz|kerberoast)", true, false, false,
                   std::make_shared<re2::RE2>("(?i)invoke-(mimikatz|kerberoast)")};
  pb.rule("regex", L(pb.leaf("CommandLine", std::move(m))));
  const runtime::Engine engine(pb.build());
  const runtime::RuleIndex index(engine, {});
  CHECK(index.stats().always == 0);
  runtime::Scratch scratch(engine);
  runtime::IndexScratch is;
  std::vector<std::uint32_t> out;
  runtime::match(engine, index, MockEvent{{"CommandLine", {str("powershell -enc AAAA")}}}, scratch,
                 is, out);
  CHECK(out.empty());
  CHECK(is.stats().candidates == 0);  // skipped without running the regex
  runtime::match(engine, index, MockEvent{{"CommandLine", {str("Invoke-MIMIKATZ")}}}, scratch, is,
                 out);
  CHECK(out == std::vector<std::uint32_t>{0});
}

namespace {

// Random rules over three fields and keywords, with every kind of leaf, and random events.
class RandomCase {
 public:
  explicit RandomCase(unsigned seed) : rng_(seed) {}

  // Up to `max` characters, among them Cyrillic A and a (2-byte literals the filter scans for
  // only where the text leaves ASCII).
  std::string text(std::size_t max, bool ascii = false) {
    static const char* const alphabet[] = {"a", "b", "A",        "B",       "\\",
                                           "-", ".", "\xd0\x90", "\xd0\xb0"};
    std::string s;
    const std::size_t n = rng_() % (max + 1);
    for (std::size_t i = 0; i < n; ++i)
      s += alphabet[rng_() % (std::size(alphabet) - (ascii ? 2 : 0))];
    return s;
  }

  // Letters only, so a regex built from them has literals RE2's prefilter can use.
  std::string word(std::size_t min, std::size_t max) {
    std::string s;
    for (std::size_t n = min + rng_() % (max - min + 1); n > 0; --n)
      s.push_back("abAB"[rng_() % 4]);
    return s;
  }

  ir::LeafId regex(ProgramBuilder& pb, const std::string& field, const std::string& re) {
    ir::RegexMatch m{re, rng_() % 2 == 0, false, false, nullptr};
    RE2::Options o;
    o.set_case_sensitive(!m.i);
    o.set_log_errors(false);
    m.re = std::make_shared<re2::RE2>(re, o);
    return pb.leaf(field == "*keywords*" ? "a" : field, std::move(m));
  }

  ir::LeafId leaf(ProgramBuilder& pb) {
    static const char* fields[] = {"a", "b", "c", "*keywords*"};
    const std::string field = fields[rng_() % 4];
    switch (rng_() % 12) {
      case 0:
        return pb.str(field, StringOp::Exact, text(5));
      case 1:
        return pb.str(field, StringOp::Prefix, text(5));
      case 2:
        return pb.str(field, StringOp::Suffix, text(5));
      case 3:
        return pb.str(field, StringOp::Contains, text(6));
      case 4:
        return pb.str(field, StringOp::Contains, text(6), true);
      case 5: {
        std::string g = text(3) + (rng_() % 2 ? "*" : "?") + text(4);
        return pb.str(field, StringOp::Glob, g);
      }
      case 6:
        return regex(pb, field, text(3) + ".?" + text(2));
      case 9:  // anchored by its literals: one of the alternatives, or the tail
        return regex(
            pb, field,
            "(" + word(2, 4) + "|" + word(3, 4) + ")" + (rng_() % 2 ? ".*" : "") + word(0, 4));
      case 7:
        return pb.leaf(field == "*keywords*" ? "b" : field, ir::Exists{rng_() % 2 == 0});
      case 10: {  // never an anchor: the cover must come from elsewhere, or there is none
        const auto op = static_cast<ir::CmpOp>(rng_() % 5);
        const double value = static_cast<double>(rng_() % 3);
        return pb.leaf(field == "*keywords*" ? "a" : field, ir::NumberCmp{op, value, "n"});
      }
      case 11: {
        static const char* others[] = {"a", "b", "c"};
        const ir::FieldId other = pb.field(others[rng_() % 3]);
        const auto op = static_cast<StringOp>(rng_() % 4);  // Exact, Prefix, Suffix, Contains
        const bool cased = rng_() % 2 == 0;
        return pb.leaf(field == "*keywords*" ? "c" : field, ir::FieldRef{other, op, cased});
      }
      default:
        return pb.leaf(field == "*keywords*" ? "c" : field, ir::IsNull{});
    }
  }

  ir::Node tree(ProgramBuilder& pb, int depth) {
    if (depth == 0 || rng_() % 3 == 0) return L(leaf(pb));
    const unsigned kind = rng_() % 5;
    if (kind == 0) return Not(tree(pb, depth - 1));
    std::vector<ir::Node> kids;
    const unsigned n = 1 + rng_() % 4;
    for (unsigned i = 0; i < n; ++i) kids.push_back(tree(pb, depth - 1));
    return kind % 2 ? And(std::move(kids)) : Or(std::move(kids));
  }

  // The same random event as a MockEvent and as a FieldStore (the readers' event). Field d is
  // no rule's, so only keywords see it; some events have raw text, which keywords search
  // instead of the strings. Half the events also carry 24 fields no rule names, enough entries
  // that the index scans the store unbound, looking its few fields up by name.
  void event(MockEvent& mock, event::FieldStore& store, std::vector<std::string>& owned) {
    static const std::array<std::string, 24> padding = [] {
      std::array<std::string, 24> names;
      for (std::size_t i = 0; i < names.size(); ++i) names[i] = "pad" + std::to_string(i);
      return names;
    }();
    store.clear();
    owned.clear();
    owned.reserve(16 + padding.size());
    if (rng_() % 2 == 0) {
      for (const std::string& name : padding) {
        owned.push_back(text(8));
        store.add(name, Value::string(owned.back()));
        mock.set(name, {str(owned.back())});
      }
    }
    if (rng_() % 4 == 0) {
      owned.push_back(rng_() % 2 == 0 ? text(12) : text(80, true));
      mock.set_raw(owned.back());
      store.set_raw(owned.back());
    }
    for (const char* f : {"a", "b", "c", "d"}) {
      if (rng_() % 4 == 0) continue;  // absent
      std::vector<V> values;
      const unsigned n = rng_() % 3;  // 0: an empty list
      for (unsigned i = 0; i < n; ++i) {
        switch (rng_() % 10) {
          case 0:
          case 1:
            values.push_back(num(static_cast<int>(rng_() % 3)));
            break;
          case 2:
            values.push_back(real(0.5 * static_cast<double>(rng_() % 5)));
            break;
          case 3:
            values.push_back(boolean(rng_() % 2 == 0));
            break;
          case 4:  // long enough for the nibble pass, which scans ASCII text unfolded
            values.push_back(str(text(60, rng_() % 2 == 0)));
            break;
          default:
            values.push_back(str(text(10)));
        }
      }
      for (const V& v : values) {
        owned.push_back(v.s);
        store.add(f, v.type == Value::Type::String ? Value::string(owned.back()) : view(v));
      }
      if (values.empty()) continue;  // FieldStore has no empty lists; leave it absent in both
      mock.set(f, values);
    }
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("indexed evaluation equals the plain one on random rules and events", "[rule_index]") {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    RandomCase rc(seed);
    ProgramBuilder pb;
    // Some indexes of few rules, whose fields have few enough literals for the nibble pass.
    const int rules = seed % 3 == 0 ? 4 : 40;
    for (int r = 0; r < rules; ++r) pb.rule("r" + std::to_string(r), rc.tree(pb, 3));
    const runtime::Engine engine(pb.build());
    const runtime::RuleIndex index(engine, {});
    runtime::Scratch scratch(engine);
    runtime::IndexScratch is;
    std::vector<std::uint32_t> out;
    for (int e = 0; e < 200; ++e) {
      MockEvent mock;
      event::FieldStore store;
      std::vector<std::string> owned;
      rc.event(mock, store, owned);
      const auto expected = plain(engine, mock);
      out.clear();
      runtime::match(engine, index, mock, scratch, is, out);
      REQUIRE(out == expected);
      out.clear();
      runtime::match(engine, index, store, scratch, is, out);  // bound, or looked up by name
      REQUIRE(out == expected);
    }
  }
}

TEST_CASE("the prefilter's results survive the memo's epoch running out", "[rule_index]") {
  // A memo word holds the epoch and two flags, so the epoch wraps early (about every billion
  // events). Leaves the scan decides are never computed: if their word lost its epoch, a rule
  // would miss. Events on both sides of the wrap must match as the plain evaluation does.
  ProgramBuilder pb;
  pb.rule("tool", L(pb.str("CommandLine", StringOp::Contains, "tool7")));
  pb.rule("exact", L(pb.eq("User", "admin")));
  const runtime::Engine engine(pb.build());
  Indexed x(engine);
  const MockEvent hit{{"CommandLine", {str("run TOOL7")}}, {"User", {str("Admin")}}};
  const MockEvent miss{{"CommandLine", {str("run tool8")}}, {"User", {str("root")}}};
  x.scratch.impl().epoch = runtime::Scratch::Impl::kMaxEpoch - 3;
  for (int i = 0; i < 8; ++i) {
    const MockEvent& event = i % 3 == 2 ? miss : hit;
    const auto out = x.match(event);
    CHECK(out == plain(engine, event));
    CHECK(out.size() == (&event == &hit ? 2u : 0u));
  }
  CHECK(x.scratch.impl().epoch < 8);  // it wrapped
}

TEST_CASE("a rule alone in its index is covered by both of its rare clauses", "[rule_index]") {
  // The Kubernetes seed rule's shape: a common fact (the verb of most audit events) and a rare
  // one (the resource). Alone in its index, neither is shared with other rules: both clauses
  // are rare, so an event is a candidate only when it holds both, not whenever the verb fits.
  ProgramBuilder pb;
  pb.rule("secrets", And({Or({L(pb.eq("verb", "get")), L(pb.eq("verb", "list")),
                              L(pb.eq("verb", "watch"))}),
                          Or({L(pb.eq("resource", "secrets")), L(pb.eq("resource", "configmaps")),
                              L(pb.eq("resource", "serviceaccounts"))})}));
  const runtime::Engine engine(pb.build());
  Indexed x(engine);
  const MockEvent pods{{"verb", {str("get")}}, {"resource", {str("pods")}}};
  CHECK(x.match(pods).empty());
  CHECK(x.candidates() == 0);
  const MockEvent secrets{{"verb", {str("list")}}, {"resource", {str("secrets")}}};
  CHECK(x.match(secrets) == std::vector<std::uint32_t>{0});
  CHECK(x.candidates() == 1);
}

TEST_CASE("a store is bound only when the index reads a good share of its fields", "[rule_index]") {
  // Binding visits every entry; an index reading two fields of a 40-field event (an auditd
  // record) looks those two up instead. Both ways must match alike, keywords included (they
  // search every string of an event without raw text).
  ProgramBuilder pb;
  pb.rule("exe", L(pb.str("exe", StringOp::Suffix, "/kubectl")));
  pb.rule("word", L(pb.str("*keywords*", StringOp::Contains, "secret")));
  const runtime::Engine engine(pb.build());
  Indexed x(engine);
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back("f" + std::to_string(i));
  for (const std::size_t extra : {std::size_t{0}, names.size()}) {
    event::FieldStore store;
    for (std::size_t i = 0; i < extra; ++i) store.add(names[i], Value::string("x"));
    store.add("exe", Value::string("/usr/bin/KUBECTL"));
    CHECK(x.match(store) == std::vector<std::uint32_t>{0});
    CHECK(x.scratch.impl().bound == (extra == 0));
    store.add(names[0], Value::string("get secrets"));
    CHECK(x.match(store) == std::vector<std::uint32_t>{0, 1});
    CHECK(x.scratch.impl().bound == (extra == 0));
  }
}

TEST_CASE("long ASCII values are scanned unfolded, exact values and keywords as before",
          "[rule_index]") {
  // Few literals per field (the nibble pass) and values of 34 bytes or more: the scan lowers
  // ASCII text itself, except where an exact value must be looked up in folded text.
  const std::string exact = "a-long-exact-value-of-more-than-34-bytes";
  const std::string keyword_exact = "the whole string, as a keyword of its own";
  ProgramBuilder pb;
  pb.rule("contains", L(pb.str("a", StringOp::Contains, "docker exec")));
  pb.rule("exact", L(pb.eq("b", exact)));
  pb.rule("keyword", L(pb.str("*keywords*", StringOp::Contains, "nsenter --target")));
  pb.rule("keyword exact", L(pb.str("*keywords*", StringOp::Exact, keyword_exact)));
  const runtime::Engine engine(pb.build());
  Indexed indexed(engine);
  const auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s;
  };
  const std::string pad(40, '.');
  const std::vector<
      std::pair<std::vector<std::pair<std::string, std::string>>, std::vector<std::uint32_t>>>
      cases = {
          {{{"a", "run Docker EXEC -it " + pad}}, {0}},
          {{{"b", upper(exact)}}, {1}},
          {{{"b", upper(exact) + "!"}}, {}},
          {{{"d", pad + " NSENTER --Target 1"}}, {2}},  // d: no rule's field, keywords only
          {{{"d", upper(keyword_exact)}}, {3}},
          {{{"a", upper(keyword_exact)}}, {3}},  // a listed field's value, as a keyword
      };
  for (const auto& [fields, expected] : cases) {
    event::FieldStore store;
    MockEvent mock;
    for (const auto& [name, value] : fields) {
      store.add(name, Value::string(value));
      mock.set(name, {str(value)});
    }
    INFO(fields.front().first << " = " << fields.front().second);
    CHECK(indexed.match(store) == expected);
    CHECK(indexed.match(mock) == expected);
    CHECK(plain(engine, mock) == expected);
  }
  // Without an exact keyword, the strings no field scan covered are scanned unfolded too.
  ProgramBuilder keywords_only;
  keywords_only.rule("keyword",
                     L(keywords_only.str("*keywords*", StringOp::Contains, "nsenter --target")));
  const runtime::Engine engine2(keywords_only.build());
  Indexed indexed2(engine2);
  event::FieldStore store;
  const std::string d = pad + " NSENTER --Target 1";  // the store holds a view of it
  store.add("d", Value::string(d));
  CHECK(indexed2.match(store) == std::vector<std::uint32_t>{0});
}

TEST_CASE("ASCII values of exact-only fields are looked up without folding them", "[rule_index]") {
  // An auditd-like index: exact values on short fields, no literal to scan there. ASCII
  // values in any case are looked up as they are; other text is folded first, as before.
  ProgramBuilder pb;
  pb.rule("exec", And({L(pb.eq("type", "EXECVE")), L(pb.eq("a0", "kubectl"))}));
  pb.rule("straße", L(pb.eq("street", "Straße")));
  const runtime::Engine engine(pb.build());
  Indexed indexed(engine);
  const auto folds = [&] { return indexed.scratch.impl().stats.folds; };
  struct Case {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<std::uint32_t> expected;
    bool folded;  // whether the look-up folds a value
  };
  const std::vector<Case> cases = {
      {{{"type", "SYSCALL"}, {"type", "execve"}, {"a0", "KubeCtl"}}, {0}, false},
      {{{"type", "EXECVE"}, {"a0", "kubectl "}}, {}, false},
      {{{"type", "EXECVE"}, {"a0", "kübectl"}}, {}, true},
      {{{"street", "STRASSE"}}, {}, false},
      {{{"street", "STRAẞE"}}, {1}, true},  // capital sharp s folds to ß
  };
  for (const Case& c : cases) {
    event::FieldStore store;
    MockEvent mock;
    std::map<std::string, std::vector<V>> values;
    for (const auto& [name, value] : c.fields) {
      store.add(name, Value::string(value));
      values[name].push_back(str(value));
    }
    for (const auto& [name, list] : values) mock.set(name, list);
    INFO(c.fields.back().first << " = " << c.fields.back().second);
    const auto before = folds();
    CHECK(indexed.match(store) == c.expected);
    CHECK((folds() != before) == c.folded);
    CHECK(indexed.match(mock) == c.expected);
    CHECK(plain(engine, mock) == c.expected);
  }
}
