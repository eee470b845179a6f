// The ready-made events of <sigma/adapters.hpp>, through a compiled rule.
#include "tests/unit/api/api_support.hpp"

#include <unordered_map>

using namespace sigma;
using namespace sigma::test;

namespace {

std::size_t alerts(Evaluator& ev, const Event& e) { return ev.evaluate(e).size(); }

}  // namespace

TEST_CASE("JsonEvent: nested paths, lists, raw text, bad JSON", "[api][adapters]") {
  Evaluator ev(compile_ok(kSecretsRead));
  JsonEvent e;
  std::string error;
  REQUIRE(e.parse(R"({"verb":"get","objectRef":{"resource":"secrets","namespace":"prod"},)"
                  R"("user":{"username":"alice"},"sourceIPs":["192.0.2.1","10.1.2.3"]})",
                  &error));
  const auto got = ev.evaluate(e);
  REQUIRE(got.size() == 1);
  CHECK(got[0].columns[0].value.text == "alice");
  CHECK(got[0].columns[1].value.list == std::vector<std::string>{"192.0.2.1", "10.1.2.3"});
  CHECK(got[0].columns[2].value.text == "prod");
  CHECK(e.raw().starts_with("{\"verb\""));

  // A dotted key written as one key wins over the nested path.
  REQUIRE(e.parse(R"({"verb":"get","objectRef.resource":"secrets","sourceIPs":"10.0.0.1",)"
                  R"("user":{"username":"system:node:n1"}})"));
  CHECK(alerts(ev, e) == 0);  // filtered: a node account
  REQUIRE(e.parse(R"({"verb":"GET","objectRef.resource":"Secrets","sourceIPs":"10.0.0.1"})"));
  CHECK(alerts(ev, e) == 1);  // no user: not filtered; values match in any case

  CHECK_FALSE(e.parse("{\"verb\":", &error));
  CHECK_FALSE(error.empty());
  CHECK(alerts(ev, e) == 0);  // a failed parse leaves an empty event
  CHECK_FALSE(e.parse("[1,2]", &error));
}

TEST_CASE("MapEvent: exact keys over std::map and std::unordered_map", "[api][adapters]") {
  Evaluator ev(compile_ok(R"(
title: Keyword
logsource: {product: linux}
detection:
    keywords:
        - 'docker.sock'
    selection:
        user.name: root
    condition: keywords or selection
)"));
  const std::unordered_map<std::string, std::string> with_raw{{"_raw", "x /var/run/DOCKER.SOCK"}};
  CHECK(alerts(ev, MapEvent(with_raw)) == 1);
  const std::map<std::string, std::string> dotted{{"user.name", "ROOT"}};
  CHECK(alerts(ev, MapEvent(dotted)) == 1);
  const std::map<std::string, std::string> nested_only{{"user", "root"}};
  CHECK(alerts(ev, MapEvent(nested_only)) == 0);
  // Without _raw, keywords search every string value.
  const std::map<std::string, std::string> no_raw{{"cmd", "curl --unix-socket /var/run/docker.sock"}};
  CHECK(alerts(ev, MapEvent(no_raw)) == 1);
}
