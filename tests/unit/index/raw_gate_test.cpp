// The raw-text gate rules out the rules of an index by one scan of an event's raw text (a JSON
// event's, or a reader's FieldStore whose strings are runs of its line): it must never rule out
// a rule the plain evaluation matches (escapes, copies, other scripts, numbers, case), and it
// must save the look-ups of events it rules out.
#include <simdjson.h>

#include <catch.hpp>
#include <random>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/event/field_store.hpp"
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

// A syslog-like record as a reader makes it: the line is the raw text, and each field's value
// is a run of it (the words after "name=").
struct Line {
  std::string text;
  event::FieldStore store;
  event::FieldStore& parse(std::string_view line) {
    text.assign(line);
    store.clear();
    store.set_raw(text);
    const std::string_view raw = store.raw();
    for (std::size_t at = 0; (at = raw.find('=', at)) != std::string_view::npos;) {
      const std::size_t space = raw.rfind(' ', at);
      const std::size_t name = space == std::string_view::npos ? 0 : space + 1;
      const std::size_t end = std::min(raw.find(' ', at), raw.size());
      store.add(raw.substr(name, at - name), Value::string(raw.substr(at + 1, end - at - 1)));
      at = end;
    }
    return store;
  }
};

// A leaf of the random tests: a word of `words` in one of `fields` (exact, contained, prefix or
// suffix), or one time in five among the keywords.
ir::Node random_leaf(ProgramBuilder& pb, std::mt19937& rng, const std::vector<std::string>& words,
                     const std::vector<std::string>& fields) {
  static const StringOp ops[] = {StringOp::Exact, StringOp::Contains, StringOp::Prefix,
                                 StringOp::Suffix};
  const std::string& w = words[rng() % words.size()];
  if (rng() % 5 == 0) return L(pb.str("*keywords*", StringOp::Contains, w));
  return L(pb.str(fields[rng() % fields.size()], ops[rng() % 4], w));
}

struct Compared {
  std::vector<std::uint32_t> plain, indexed;
  std::uint64_t lookups = 0;  // the indexed evaluation's
  bool ruled_out = false;     // runtime::ruled_out()'s answer
};

struct Both {
  explicit Both(const runtime::Engine& e)
      : engine(e), index(e, {}), scratch(e), plain(e), passed(e) {}
  Compared run(const Event& event) {
    Compared c;
    runtime::match(engine, event, plain, c.plain);
    const std::uint64_t before = scratch.stats().lookups;
    runtime::match(engine, index, event, scratch, is, c.indexed);
    c.lookups = scratch.stats().lookups - before;
    c.ruled_out = runtime::ruled_out(index, event);
    if (c.ruled_out) {
      CHECK(c.indexed.empty());
    } else {
      // What an Evaluator does for an event the gate let through: match() told so.
      std::vector<std::uint32_t> told;
      runtime::match(engine, index, event, passed, passed_is, told, true);
      CHECK(told == c.indexed);
    }
    return c;
  }
  const runtime::Engine& engine;
  const runtime::RuleIndex index;
  runtime::Scratch scratch, plain, passed;
  runtime::IndexScratch is, passed_is;
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

  // Without the text: ruled out, nothing is looked up.
  auto c = run(R"({"verb":"get","objectRef":{"resource":"pods"},"user":{"username":"al"}})");
  CHECK(c.indexed.empty());
  CHECK(c.ruled_out);
  CHECK(c.lookups == 0);
  // With it: evaluated, and matched as the plain evaluation matches.
  c = run(R"({"verb":"get","objectRef":{"resource":"secrets"},"user":{"username":"al"}})");
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  CHECK_FALSE(c.ruled_out);
  CHECK(c.lookups > 0);
  // The text elsewhere (a URI) lets the event through; the fields then decide.
  c = run(R"({"verb":"get","requestURI":"/secrets","objectRef":{"resource":"pods"}})");
  CHECK(c.indexed.empty());
  CHECK_FALSE(c.ruled_out);
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
    const auto leaf = [&] { return random_leaf(pb, rng, words, fields); };
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
      CHECK(c.ruled_out == (c.lookups == 0));
      ++total;
      if (c.ruled_out) ++ruled_out;
    }
  }
  // The gate was at work: a good share of the events were ruled out unread.
  CHECK(ruled_out > total / 10);
}

TEST_CASE("a FieldStore whose strings are runs of its line is gated, and only then", "[raw_gate]") {
  ProgramBuilder pb;
  pb.rule("keywords", L(pb.str("*keywords*", StringOp::Contains, "docker.sock")));
  pb.rule("program", L(pb.eq("program", "containerd")));
  const runtime::Engine engine(pb.build());
  Both both(engine);
  Line line;

  // Without a text: nothing is looked up.
  auto c = both.run(line.parse("host=h1 program=sshd msg=session"));
  CHECK(c.indexed.empty());
  CHECK(c.lookups == 0);
  // With one, in any case: evaluated and matched.
  c = both.run(line.parse("host=h1 program=bash msg=curl --unix-socket /run/DOCKER.SOCK"));
  CHECK(c.indexed == std::vector<std::uint32_t>{0});
  c = both.run(line.parse("host=h1 program=ContainerD msg=started"));
  CHECK(c.indexed == std::vector<std::uint32_t>{1});
  CHECK(c.lookups > 0);
  // A value the reader decoded or copied may hold what the line does not: the gate stands aside.
  event::FieldStore& copied = line.parse("host=h1 msg=started");
  copied.add("program", Value::string(copied.arena().copy("containerd")));
  c = both.run(copied);
  CHECK(c.indexed == std::vector<std::uint32_t>{1});
  CHECK(c.plain == c.indexed);
  // So does a line of another script, whose folding is not lowering (the long s folds to 's').
  c = both.run(line.parse("host=h1 program=bash msg=/run/docker.\xc5\xbfock"));
  CHECK(c.plain == std::vector<std::uint32_t>{0});
  CHECK(c.indexed == c.plain);
}

TEST_CASE("a gate of many texts (the Container CLI rule's keywords) rules out as one of few",
          "[raw_gate]") {
  // Twelve keywords of five distinct leading pairs: the NibbleMask path of the gate. Two of
  // them: the FewTexts path, where the CPU has it. Both must answer as the plain evaluation.
  const std::vector<std::string> many = {
      "docker exec", "docker run",   "docker pull", "kubectl exec", "kubectl run", "kubectl get",
      "crictl exec", "--privileged", "--net=host",  "-v /:/host",   "docker.sock", "kubectl apply"};
  const std::vector<std::string> lines = {
      "host=h1 program=sshd msg=session opened for user root",
      "host=h1 program=bash msg=sudo DOCKER RUN --rm alpine",
      "host=h1 program=bash msg=crictl ps -a",
      "host=h1 program=bash msg=mount -v /:/host",
      "host=h1 program=bash msg=-v /:/hosts and more text past the first block of sixty-four",
      "host=h1 program=cron msg=(root) CMD (run-parts /etc/cron.hourly) --net=hos"};
  const std::vector<std::string> two = {"docker run", "-v /:/host"};
  for (const auto* keywords : {&many, &two}) {
    ProgramBuilder pb;
    std::vector<ir::Node> any;
    for (const std::string& k : *keywords)
      any.push_back(L(pb.str("*keywords*", StringOp::Contains, k)));
    pb.rule("keywords", Or(any));
    const runtime::Engine engine(pb.build());
    Both both(engine);
    Line line;
    int matched = 0;
    for (const std::string& text : lines) {
      INFO(keywords->size() << " keywords: " << text);
      const Compared c = both.run(line.parse(text));
      CHECK(c.indexed == c.plain);
      matched += !c.plain.empty();
      // An event that matches nothing is ruled out unread.
      if (c.plain.empty()) CHECK(c.lookups == 0);
    }
    CHECK(matched == 3);  // "DOCKER RUN" and the two "-v /:/host"
  }
}

TEST_CASE("where one clause a rule is not enough, every clause it can test counts", "[raw_gate]") {
  // The seed rules on an audit log: the credential rule needs type EXECVE *and* a0 kubectl or
  // docker; the CLI rule any of its keywords. With the keywords, the texts are too many for
  // FewTexts, so each of the credential rule's clauses must be hit: an EXECVE record of `ls`
  // is ruled out, though it holds "execve". The copies an EXECVE record carries (the SYSCALL's
  // fields) keep the gate away only when they are of a field the gate reads.
  ProgramBuilder pb;
  pb.rule("credential", And({L(pb.eq("type", "EXECVE")),
                             Or({L(pb.eq("a0", "kubectl")), L(pb.eq("a0", "docker"))})}));
  std::vector<ir::Node> any;
  for (const char* k : {"docker exec", "docker run", "docker pull", "kubectl exec", "kubectl run",
                        "kubectl get secrets", "kubectl apply", "crictl exec", "--privileged",
                        "--net=host", "-v /:/host", "docker.sock"})
    any.push_back(L(pb.str("*keywords*", StringOp::Contains, k)));
  pb.rule("cli", Or(any));
  const runtime::Engine engine(pb.build());
  Both both(engine);
  Line line;
  const auto with_copy = [&](std::string_view text, std::string_view name) -> event::FieldStore& {
    event::FieldStore& store = line.parse(text);
    store.add(store.arena().copy(name), Value::string(store.arena().copy("kubectl")));
    return store;
  };

  auto c = both.run(line.parse("type=EXECVE argc=2 a0=ls a1=-l"));
  CHECK(c.plain.empty());
  CHECK(c.lookups == 0);  // "execve" alone: ruled out
  c = both.run(with_copy("type=EXECVE argc=2 a0=ls a1=-l", "comm"));
  CHECK(c.plain.empty());
  CHECK(c.lookups == 0);  // a copy of a field the gate does not read
  c = both.run(line.parse("type=EXECVE argc=2 a0=KUBECTL a1=version"));
  CHECK(c.plain == std::vector<std::uint32_t>{0});
  CHECK(c.indexed == c.plain);
  c = both.run(line.parse("type=SYSCALL comm=kubectl exe=/usr/bin/kubectl"));
  CHECK(c.plain.empty());
  CHECK(c.indexed.empty());  // "kubectl" without "execve": not the credential rule
  c = both.run(line.parse("type=EXECVE argc=3 a0=sudo cmd=sudo docker run alpine"));
  CHECK(c.plain == std::vector<std::uint32_t>{1});  // a keyword: the CLI rule alone
  CHECK(c.indexed == c.plain);
  // A copy into a field the gate reads may hold what the line does not: the gate stands aside.
  c = both.run(with_copy("type=EXECVE argc=2 a0=ls a1=-l", "a0"));
  CHECK(c.plain == std::vector<std::uint32_t>{0});
  CHECK(c.indexed == c.plain);
}

TEST_CASE("gated evaluation equals the plain one on random rules and reader records",
          "[raw_gate]") {
  // Words of many distinct pairs, so that FewTexts declines some gates and every clause counts.
  std::mt19937 rng(29);
  const std::vector<std::string> words = {"alpha", "Beta", "kappa", "x1y", "omega", "zeta-q"};
  const std::vector<std::string> spelled = {"alpha",        "ALPHA", "beta",           "kappa",
                                            "k\xc3\xa0ppa", "x1y",   "pre-alpha-post", "none",
                                            "other",        "OMEGA", "zeta-q",         "zeta"};
  const std::vector<std::string> fields = {"a", "b", "c"};
  std::uint64_t ruled_out = 0, total = 0, copies = 0;
  for (int round = 0; round < 60; ++round) {
    ProgramBuilder pb;
    const auto leaf = [&] { return random_leaf(pb, rng, words, fields); };
    for (int r = 0, n = 1 + static_cast<int>(rng() % 3); r < n; ++r)
      pb.rule("r", rng() % 2 ? leaf() : And({Or({leaf(), leaf()}), Not(leaf())}));
    const runtime::Engine engine(pb.build());
    Both both(engine);
    Line line;
    for (int e = 0; e < 40; ++e) {
      std::string text;
      for (const std::string& f : fields)
        if (rng() % 3 != 0) text += f + "=" + spelled[rng() % spelled.size()] + " ";
      text += "n=" + std::to_string(rng() % 300);
      event::FieldStore& store = line.parse(text);
      if (rng() % 4 == 0) {  // a decoded value, which the line does not hold as it is
        // Of a field the rules read, or of one they do not ("z", which the gate may ignore).
        const std::size_t f = rng() % (fields.size() + 1);
        store.add(f < fields.size() ? std::string_view(fields[f]) : std::string_view("z"),
                  Value::string(store.arena().copy(spelled[rng() % spelled.size()])));
        ++copies;
      }
      INFO("round " << round << ": " << text);
      const Compared c = both.run(store);
      REQUIRE(c.indexed == c.plain);
      ++total;
      if (c.ruled_out) ++ruled_out;
    }
  }
  CHECK(copies > total / 8);
  CHECK(ruled_out > total / 10);
}
