// The eval / score / where / fields extension through the public API (docs/language.md).
#include "tests/unit/api/api_support.hpp"

using namespace sigma;
using namespace sigma::test;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const char* kScored = R"(
title: Scored
id: 6a1d8d3e-0c1b-4f59-9d7c-2b4e8f0a1c11
level: high
logsource:
    product: linux
detection:
    selection:
        a0: docker
    sock:
        CommandLine|contains: docker.sock
    condition: selection
eval:
    CommandLine: 'mvjoin(mvappend(a0, a1, a2), " ")'
    IsSock: if(sock, 1, 0)
    IsExec: 'if(match(CommandLine, "docker exec"), 1, 0)'
score:
    name: Risk
    weights:
        IsSock: 3
        IsExec: 1
where: Risk > 0
fields:
    - host
    - CommandLine
    - IsSock
    - IsExec
    - Risk
)";

}  // namespace

TEST_CASE("eval entries run in order, score sums weights, where filters", "[api][extension]") {
  Evaluator ev(compile_ok(kScored));
  CHECK(rows(ev, {{"a0", "docker"}, {"a1", "exec"}, {"a2", "web"}, {"host", "h1"}}) ==
        Rows{{"host=h1", "CommandLine=docker exec web", "IsSock=0", "IsExec=1", "Risk=1"}});
  // A selection used as a boolean sees the event, so it can test an eval'd name only when the
  // event has that field itself: here CommandLine is an event field.
  CHECK(rows(ev, {{"a0", "docker"}, {"CommandLine", "x /var/run/docker.sock"}}) ==
        Rows{{"host=-", "CommandLine=docker", "IsSock=1", "IsExec=0", "Risk=3"}});
  // where drops a zero score; a non-matching condition never reaches eval.
  CHECK(rows(ev, {{"a0", "docker"}, {"a1", "ps"}}).empty());
  CHECK(rows(ev, {{"a0", "podman"}, {"a1", "exec"}}).empty());
}

TEST_CASE("output columns: fields order, eval values, matched fields by default",
          "[api][extension]") {
  Evaluator plain(compile_ok(R"(
title: Plain
logsource: {product: linux}
detection:
    selection:
        comm: bash
        uid: 0
    condition: selection
)"));
  CHECK(rows(plain, {{"comm", "bash"}, {"uid", "0"}, {"pid", "7"}}) ==
        Rows{{"comm=bash", "uid=0"}});

  Evaluator shadow(compile_ok(R"(
title: Shadow
logsource: {product: linux}
detection:
    selection:
        comm: bash
    condition: selection
eval:
    comm: upper(comm)
    Missing: nothing_here
fields: [comm, Missing, pid]
)"));
  // An eval variable replaces the event field of the same name; absent values are null.
  CHECK(rows(shadow, {{"comm", "bash"}}) == Rows{{"comm=BASH", "Missing=-", "pid=-"}});
}

TEST_CASE("_time columns are shown in ISO 8601 UTC", "[api][extension]") {
  Evaluator ev(compile_ok(R"(
title: Times
logsource: {product: linux}
detection:
    selection:
        type: EXECVE
    condition: selection
fields: [_time]
)"));
  CHECK(rows(ev, {{"type", "EXECVE"}, {"_time", "1700000000.123"}}) ==
        Rows{{"_time=2023-11-14T22:13:20.123Z"}});
  CHECK(rows(ev, {{"type", "EXECVE"}, {"_time", "2023-11-14T23:13:20+01:00"}}) ==
        Rows{{"_time=2023-11-14T22:13:20Z"}});
  CHECK(rows(ev, {{"type", "EXECVE"}, {"_time", "Nov 14 22:13:20"}}) ==
        Rows{{"_time=Nov 14 22:13:20"}});  // no year: left as written
}

// A rule for EXECVE records of one linux service.
static std::string service_rule(std::string_view service) {
  return std::string(R"(
title: One service
logsource: {product: linux, service: )") +
         std::string(service) + R"(}
detection:
    selection:
        type: EXECVE
    condition: selection
)";
}

TEST_CASE("rules are filtered by the event's logsource", "[api][logsource]") {
  Evaluator ev(compile_ok(service_rule("auditd")));
  const std::map<std::string, std::string> e{{"type", "EXECVE"}};
  CHECK(rows(ev, e).size() == 1);                           // unknown source
  CHECK(rows(ev, e, {{}, "Linux", "AuditD"}).size() == 1);  // any case
  CHECK(rows(ev, e, {{}, "linux", {}}).size() == 1);        // service unknown
  CHECK(rows(ev, e, {{}, "linux", "syslog"}).empty());
  CHECK(rows(ev, e, {{}, "kubernetes", "audit"}).empty());
  // A source whose names change in place (same buffer, same length) is routed by its bytes.
  std::string product = "linux", service = "auditd";
  const EventSource source{{}, product, service};
  CHECK(rows(ev, e, source).size() == 1);
  service = "syslog";
  CHECK(rows(ev, e, source).empty());
  service = "auditd";
  CHECK(rows(ev, e, source).size() == 1);
  product = "linuy";
  CHECK(rows(ev, e, source).empty());
}

TEST_CASE("sources are told apart by every byte of their names", "[api][logsource]") {
  Evaluator ev(compile_ok(service_rule("auditd-collector-a")));
  const std::map<std::string, std::string> e{{"type", "EXECVE"}};
  std::string service = "auditd-collector-a";
  const EventSource source{{}, "linux", service};
  CHECK(rows(ev, e, source).size() == 1);
  service = "auditd-collector-b";  // past the first word
  CHECK(rows(ev, e, source).empty());
  service = "buditd-collector-a";  // in the first word
  CHECK(rows(ev, e, source).empty());
  service = "auditd-collector-a";
  CHECK(rows(ev, e, source).size() == 1);
}

TEST_CASE("extension errors are located diagnostics", "[api][extension]") {
  const auto errs = errors_of(R"(title: Bad
logsource: {product: linux}
detection:
    selection:
        a: 1
    condition: selection
eval:
    X: if(a, 1
    Y: nosuchfn(a)
score:
    name: S
    weights:
        X: lots
where: X >
sort: [-Nope]
fields: [X]
)");
  REQUIRE(errs.size() == 5);
  CHECK(errs[0].code == "S0501");  // syntax
  CHECK(errs[0].location.line == 8);
  CHECK(errs[1].code == "S0502");  // unknown function
  CHECK(errs[1].location.line == 9);
  CHECK(errs[1].location.column == 8);
  CHECK(errs[2].code == "S0505");  // weight not a number
  CHECK(errs[2].location.line == 13);
  CHECK(errs[3].code == "S0501");  // where
  CHECK(errs[3].location.line == 14);
  CHECK(errs[4].code == "S0505");  // sort key not a column
  CHECK(errs[4].location.line == 15);
}

TEST_CASE("recycled and left-in-place alerts give the same columns as fresh ones",
          "[api][extension]") {
  // Two rules with different column counts, so a reused alert must grow and shrink.
  const RuleSet rules = compile_ok(R"(
title: Wide
logsource: {product: linux}
detection:
    selection:
        comm: bash
    condition: selection
eval:
    who: 'user . "@" . host'
    items: split(args, ",")
fields: [comm, who, items, _time]
---
title: Narrow
logsource: {product: linux}
detection:
    selection:
        uid: 0
    condition: selection
)");
  const std::vector<std::map<std::string, std::string>> events = {
      {{"comm", "bash"},
       {"user", "alice"},
       {"host", "a-very-long-host-name.example"},
       {"args", "x,yy,zzz"},
       {"_time", "1700000000"},
       {"uid", "0"}},
      {{"uid", "0"}},
      {{"comm", "bash"}, {"args", "one"}},
      {{"comm", "zsh"}},
      {{"comm", "bash"}, {"uid", "0"}, {"user", "bob"}, {"host", "h"}, {"args", "p,q"}},
  };
  Evaluator recycling(rules), in_place(rules);
  for (int round = 0; round < 3; ++round) {
    for (const auto& e : events) {
      CAPTURE(round, e.size());
      // A new Evaluator per event: nothing to reuse.
      Evaluator once(rules);
      const Rows want = rows(once, e);
      CHECK(rows(in_place, e) == want);  // rows() leaves the alerts where they are
      MapEvent event(e);
      std::vector<Alert> kept;
      for (Alert& a : recycling.evaluate(event)) kept.push_back(std::move(a));
      Evaluator check(rules);
      std::size_t i = 0;
      for (const Alert& a : check.evaluate(event)) {
        REQUIRE(i < kept.size());
        CHECK(kept[i].rule_index == a.rule_index);
        REQUIRE(kept[i].columns.size() == a.columns.size());
        for (std::size_t c = 0; c < a.columns.size(); ++c) {
          CHECK(kept[i].columns[c].name == a.columns[c].name);
          CHECK(kept[i].columns[c].value.type == a.columns[c].value.type);
          CHECK(kept[i].columns[c].value.text == a.columns[c].value.text);
          CHECK(kept[i].columns[c].value.list == a.columns[c].value.list);
        }
        ++i;
      }
      CHECK(i == kept.size());
      for (Alert& a : kept) recycling.recycle(std::move(a));
    }
  }
}
