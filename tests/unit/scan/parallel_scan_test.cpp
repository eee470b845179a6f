// Scanning on several threads, in chunks cut at record boundaries, gives exactly what one
// thread gives: the same alerts in the same order with the same record numbers, and the same
// errors. Tiny chunks make every format cut in many places.
#include "tools/sigmac/parallel_scan.hpp"

#include <algorithm>
#include <catch.hpp>
#include <sstream>

using sigma::readers::Format;

namespace {

sigma::RuleSet keyword_rules() {
  sigma::CompileOptions options;
  options.lint = false;
  sigma::Compiler c(options);
  c.add_source("k.yml", R"(title: keyword
id: 11111111-1111-1111-1111-111111111111
logsource: {}
detection:
  keywords: ['*7*']
  condition: keywords
)");
  // Fires only on EXECVE records enriched with the pid of their SYSCALL record.
  c.add_source("pid.yml", R"(title: enriched
id: 22222222-2222-2222-2222-222222222222
logsource: {product: linux, service: auditd}
detection:
  selection: {type: EXECVE, pid|endswith: '3'}
  condition: selection
)");
  sigma::RuleSet rules = c.build();
  REQUIRE(c.diagnostics().empty());
  REQUIRE(rules.size() == 2);
  return rules;
}

struct Seen {
  std::vector<std::string> rows, errors;
  std::uint64_t events = 0, malformed = 0;
};

Seen scan(const std::string& text, Format format, unsigned threads, std::size_t chunk) {
  static const sigma::RuleSet rules = keyword_rules();
  std::istringstream in(text);
  sigmac::ScanSettings settings;
  settings.threads = threads;
  settings.chunk_bytes = chunk;
  Seen seen;
  const auto totals =
      sigmac::scan_stream(in, "input", format, rules, settings, [&](sigmac::ChunkResult& c) {
        for (const auto& r : c.rows)
          seen.rows.push_back(r.alert.rule->title + " " + std::to_string(r.record));
        for (const auto& e : c.errors)
          seen.errors.push_back(std::to_string(e.record) + " " + e.message);
      });
  seen.events = totals.events;
  seen.malformed = totals.malformed;
  return seen;
}

void same_on_threads(const std::string& text, Format format) {
  const Seen one = scan(text, format, 1, 1u << 20);
  CHECK(one.events > 50);
  CHECK(!one.rows.empty());
  for (std::size_t chunk : {16u, 100u, 1000u, 5000u}) {  // 5000: past 255 SIMD blocks of newlines
    const Seen many = scan(text, format, 3, chunk);
    CHECK(many.rows == one.rows);
    CHECK(many.errors == one.errors);
    CHECK(many.events == one.events);
    CHECK(many.malformed == one.malformed);
  }
}

}  // namespace

TEST_CASE("jsonl scans alike on one thread and many", "[parallel_scan]") {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "{\"n\": \"" + std::to_string(i) + "\"}\n";
    if (i % 37 == 0) text += "not json\n\n";
  }
  same_on_threads(text, Format::Jsonl);
}

TEST_CASE("syslog scans alike on one thread and many", "[parallel_scan]") {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "<13>Nov 14 22:13:" + std::to_string(10 + i % 50) + " host app[" + std::to_string(i) +
            "]: message " + std::to_string(i) + "\n";
    if (i % 41 == 0) text += "\x01\x02 garbage\n";
  }
  same_on_threads(text, Format::Syslog);
}

TEST_CASE("auditd scans alike on one thread and many, events kept whole", "[parallel_scan]") {
  std::string text;
  for (int i = 0; i < 120; ++i) {
    const std::string stamp =
        "msg=audit(1700000000." + std::to_string(100 + i) + ":" + std::to_string(500 + i) + "): ";
    text += "type=SYSCALL " + stamp +
            "arch=c000003e syscall=59 success=yes exit=0 pid=" + std::to_string(1000 + i) +
            " uid=0 auid=1000 comm=\"ls\" exe=\"/bin/ls\"\n";
    text += "type=EXECVE " + stamp + "argc=2 a0=\"ls\" a1=\"/tmp/" + std::to_string(i) + "\"\n";
    if (i % 29 == 0) text += "this is not an audit record\n";
  }
  same_on_threads(text, Format::Auditd);
  // The EXECVE records still carry their SYSCALL's pid, whatever the chunks: pids 1003, 1013...
  const Seen many = scan(text, Format::Auditd, 3, 16);
  CHECK(std::count_if(many.rows.begin(), many.rows.end(),
                      [](const std::string& r) { return r.starts_with("enriched "); }) == 12);
}

TEST_CASE("evtx-json scans alike on one thread and many", "[parallel_scan]") {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "{\n  \"Event\": {\n    \"System\": {\"EventID\": " + std::to_string(i) +
            ", \"Channel\": \"Security\"},\n    \"EventData\": {\"Note\": \"x{y}\\\"" +
            std::to_string(i) + "\"}\n  }\n}\n";
    if (i % 23 == 0) text += "garbage line\n";
    if (i % 31 == 0) text += "{\"Event\": not json}\n";  // cut whole, then refused by the parser
  }
  text += "{\"Event\": {\"System\": ";  // the input ends inside a value
  CHECK(scan(text, Format::EvtxJson, 1, 1u << 20).errors.size() == 5 + 4 + 1);
  same_on_threads(text, Format::EvtxJson);
}
