// The raw-text gate rules out the rules of an index by one scan of a JSON event's text: it must
// never rule out a rule the plain evaluation matches (escapes, other scripts, numbers, case),
// and it must save the look-ups of events it rules out.
#include <simdjson.h>

#include <catch.hpp>
#include <random>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/event/json_event.hpp"
#include "runtime/index/rule_index.hpp"
#include "tests/unit/eval/eval_fixture.hpp"

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

namespace {

// Parses JSON lines into JsonEvents whose raw text is the line, as the jsonl reader does.
struct Json {
  simdjson::dom::parser parser;
  std::string text;
  event::JsonEvent event;
  const event::JsonEvent& parse(std::string_view line) {
    text.assign(line);
    text.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::element root;
    REQUIRE(parser.parse(text.data(), text.size(), false).get(root) == simdjson::SUCCESS);
    event.reset(root, text);
    return event;
  }
};

struct Compared {
  std::vector<std::uint32_t> plain, indexed;
  std::uint64_t lookups = 0;  // the indexed evaluation's
};

struct Both {
  explicit Both(const runtime::Engine& e) : engine(e), index(e, {}), scratch(e), plain(e) {}
  Compared run(const Event& event) {
    Compared c;
    runtime::match(engine, event, plain, c.plain);
    const std::uint64_t before = scratch.stats().lookups;
    runtime::match(engine, index, event, scratch, is, c.indexed);
    c.lookups = scratch.stats().lookups - before;
    return c;
  }
  const runtime::Engine& engine;
  const runtime::RuleIndex index;
  runtime::Scratch scratch, plain;
  runtime::IndexScratch is;
};

}  // namespace

TEST_CASE("the gate rules out events without its texts, and only those", "[raw_gate]") {
  // The seed rule's shape: a read of secrets (in either of two fields) by a non-system user.
  ProgramBuilder pb;
  const auto read = Or({L(pb.eq("verb", "get")), L(pb.eq("verb", "list"))});
  const auto secret =
      Or({L(pb.eq("resource", "secrets")), L(pb.eq("objectRef.resource", "secrets"))});
  pb.rule("secret read",
          And({read, secret, Not(L(pb.str("user.username", StringOp::Prefix, "system:")))}));
  const runtime::Engine engine(pb.build());
  Both both(engine);
  Json json;
  const auto run = [&](std::string_view line) { return both.run(json.parse(line)); };

  // Without the text: nothing is looked up.
  auto c = run(R"({"verb":"get","objectRef":{"resource":"pods"},"user":{"username":"al"}})");
  CHECK(c.indexed.empty());
  CHECK(c.lookups == 0);
  // With it: evaluated, and matched as the plain evaluation matches.
  c = run(R"({"verb":"get","objectRef":{"resource":"secrets"},"user":{"username":"al"}})");
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  CHECK(c.lookups > 0);
  // The text elsewhere (a URI) lets the event through; the fields then decide.
  c = run(R"({"verb":"get","requestURI":"/secrets","objectRef":{"resource":"pods"}})");
  CHECK(c.indexed.empty());
  CHECK(c.lookups > 0);
  // Upper case in the text: found all the same (the rule's values are case-insensitive).
  c = run(R"({"verb":"GET","objectRef":{"resource":"SECRETS"}})");
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  // An escape may spell the value: the gate stands aside.
  c = run(R"({"verb":"get","objectRef":{"resource":"\u0073ecrets"}})");
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  CHECK(c.plain == c.indexed);
  // So may a character of another script that folds to ASCII (the long s to 's').
  c = run("{\"verb\":\"get\",\"resource\":\"SECRET\xc5\xbf\"}");
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  CHECK(c.plain == c.indexed);
}

TEST_CASE("a rule whose values a number could spell keeps the gate away", "[raw_gate]") {
  ProgramBuilder pb;
  pb.rule("ok", L(pb.eq("code", "200")));
  const runtime::Engine engine(pb.build());
  Both both(engine);
  Json json;
  // 2e2 is the number 200, compared as the text "200", which the raw text does not hold.
  const auto c = both.run(json.parse(R"({"code":2e2})"));
  CHECK(c.plain == std::vector<std::uint32_t>{0});
  CHECK(c.indexed == c.plain);
}

TEST_CASE("a rule without a cover keeps the gate away", "[raw_gate]") {
  ProgramBuilder pb;
  pb.rule("rare", L(pb.eq("verb", "escalate")));
  pb.rule("not", Not(L(pb.eq("verb", "get"))));
  const runtime::Engine engine(pb.build());
  Both both(engine);
  Json json;
  const auto c = both.run(json.parse(R"({"verb":"list"})"));
  CHECK(c.indexed == std::vector<std::uint32_t>{1});
  CHECK(c.plain == c.indexed);
}

TEST_CASE("gated evaluation equals the plain one on random rules and JSON events", "[raw_gate]") {
  // Words in either case, with escapes, other scripts and numbers spelling them; rules that
  // all have covers (so the gate is used) over plain and nested fields and keywords.
  std::mt19937 rng(17);
  const std::vector<std::string> words = {"alpha", "Beta", "kappa", "200", "true", "x1y"};
  const std::vector<std::string> spelled = {"alpha",
                                            "ALPHA",
                                            "\\u0061lpha",
                                            "Beta",
                                            "beta",
                                            "b\\u00c9ta",
                                            "kappa",
                                            "k\xc3\xa0ppa",
                                            "\xe2\x84\xaa"
                                            "appa",
                                            "x1y",
                                            "X1Y",
                                            "prefix-alpha-suffix-and-more-text",
                                            "none",
                                            ""};
  const std::vector<std::string> numbers = {"200", "2e2", "200.0", "true", "false", "null"};
  const std::vector<std::string> fields = {"a", "b", "n.x"};
  std::uint64_t ruled_out = 0, total = 0;
  for (int round = 0; round < 60; ++round) {
    ProgramBuilder pb;
    const auto leaf = [&] {
      static const StringOp ops[] = {StringOp::Exact, StringOp::Contains, StringOp::Prefix,
                                     StringOp::Suffix};
      const std::string& w = words[rng() % words.size()];
      if (rng() % 5 == 0) return L(pb.str("*keywords*", StringOp::Contains, w));
      return L(pb.str(fields[rng() % fields.size()], ops[rng() % 4], w));
    };
    for (int r = 0, n = 1 + static_cast<int>(rng() % 3); r < n; ++r) {
      switch (rng() % 3) {
        case 0:
          pb.rule("r", leaf());
          break;
        case 1:
          pb.rule("r", And({leaf(), leaf()}));
          break;
        default:
          pb.rule("r", And({Or({leaf(), leaf()}), Not(leaf())}));
      }
    }
    const runtime::Engine engine(pb.build());
    Both both(engine);
    Json json;
    for (int e = 0; e < 40; ++e) {
      std::string line = "{";
      const auto value = [&] {
        if (rng() % 4 == 0) return numbers[rng() % numbers.size()];
        return "\"" + spelled[rng() % spelled.size()] + "\"";
      };
      line += "\"a\":" + value();
      if (rng() % 2) line += ",\"b\":[" + value() + "," + value() + "]";
      if (rng() % 2) line += ",\"n\":{\"x\":" + value() + "}";
      if (rng() % 3 == 0) line += ",\"other\":" + value();
      line += "}";
      INFO("round " << round << ": " << line);
      const Compared c = both.run(json.parse(line));
      REQUIRE(c.indexed == c.plain);
      ++total;
      if (c.lookups == 0) ++ruled_out;
    }
  }
  // The gate was at work: a good share of the events were ruled out unread.
  CHECK(ruled_out > total / 10);
}
