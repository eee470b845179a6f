#include <catch.hpp>

#include "tests/unit/readers/read_all.hpp"

using sigma::readers::Format;
using sigma::test::read_all;

TEST_CASE("jsonl: objects per line, blank lines skipped, bad lines reported", "[jsonl]") {
  std::string text =
      R"({"verb":"get","objectRef":{"resource":"secrets","name":"db"},"sourceIPs":["10.0.0.1","::1"]})"
      "\n"
      "\n"
      "   \t\n"
      "{not json}\n"
      R"([1,2,3])"
      "\n"
      R"({"verb":"list","user":{"username":"system:node:n1"}})"
      "\r\n"
      R"({"verb":"watch"})";  // last line without a newline
  auto r = read_all(Format::Jsonl, text,
                    {"verb", "objectRef.resource", "sourceIPs", "user.username", "missing"});
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[0].record == 1);
  CHECK(r.events[0]["objectRef.resource"] == "secrets");
  CHECK(r.events[0]["sourceIPs"] == "10.0.0.1|::1");
  CHECK(r.events[0]["missing"] == "<absent>");
  CHECK(r.events[0].raw.substr(0, 16) == R"({"verb":"get","o)");
  CHECK(r.events[1].record == 6);
  CHECK(r.events[1]["user.username"] == "system:node:n1");
  CHECK(r.events[1].raw.back() == '}');  // the \r is gone
  CHECK(r.events[2].record == 7);
  CHECK(r.events[2]["verb"] == "watch");

  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].input == "test.log");
  CHECK(r.errors[0].record == 4);
  CHECK(r.errors[0].message.find("invalid JSON") != std::string::npos);
  CHECK(r.errors[1].record == 5);
  CHECK(r.errors[1].message.find("not a JSON object") != std::string::npos);
}

TEST_CASE("jsonl: lines over the limit are skipped whole, then reading goes on", "[jsonl]") {
  std::string big = R"({"pad":")" + std::string(5000, 'x') + R"("})";
  std::string text = R"({"n":1})"
                     "\n" +
                     big + "\n" + R"({"n":2})" + "\n" + big;
  sigma::readers::ReaderOptions small;
  small.max_record_bytes = 1000;
  auto r = read_all(Format::Jsonl, text, {"n"}, small);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0]["n"] == "int:1");
  CHECK(r.events[1]["n"] == "int:2");
  CHECK(r.events[1].record == 3);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].record == 2);
  CHECK(r.errors[1].record == 4);
}

TEST_CASE("jsonl: a 1 MB line parses", "[jsonl]") {
  std::string text = R"({"big":")" + std::string(1 << 20, 'a') + R"(","after":1})" + "\n";
  auto r = read_all(Format::Jsonl, text + text, {"after"});
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[1]["after"] == "int:1");
  CHECK(r.errors.empty());
}

TEST_CASE("k8s-audit: only Kubernetes audit events are events", "[jsonl][k8s]") {
  std::string text =
      R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"list"})" "\n"
      R"({"kind":"Event","verb":"create"})" "\n"  // old logs: no apiVersion
      R"({"kind": 0})" "\n"
      R"({"kind":"Event","apiVersion":"v1","verb":"get"})" "\n"
      R"({"apiVersion":"audit.k8s.io/v1","verb":"watch"})" "\n";
  auto r = read_all(Format::K8sAudit, text, {"verb"});
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0]["verb"] == "list");
  CHECK(r.events[1]["verb"] == "create");
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].record == 3);
  CHECK(r.errors[0].message.find("not a Kubernetes audit event") != std::string::npos);
  CHECK(r.errors[1].record == 4);
  CHECK(r.errors[2].record == 5);
  // Plain jsonl takes all of them.
  CHECK(read_all(Format::Jsonl, text, {"verb"}).events.size() == 5);
}
