// The Evaluator over the events sigmac's readers make: their raw text is what the fields were
// read from, so a rule index's raw-text gate can rule most of them out before anything else.
#include <sstream>

#include "runtime/readers/logsource.hpp"
#include "runtime/readers/reader.hpp"
#include "tests/unit/api/api_support.hpp"

using namespace sigma;
using namespace sigma::test;

TEST_CASE("an event the raw-text gate rules out gets no alerts, not even those left in place",
          "[api][gate]") {
  // "pods" where the rule needs "secrets": the index's gate rules those lines out unread.
  Evaluator ev(compile_ok(kSecretsRead));
  std::string text;
  for (int i = 0; i < 6; ++i) {
    const char* resource = i % 2 == 0 ? "secrets" : "pods";
    text += R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get",)";
    text += R"("sourceIPs":["10.1.2.3","192.0.2.1"],"objectRef":{"resource":")" +
            std::string(resource) + R"(","namespace":"n)" + std::to_string(i) + "\"}}\n";
  }
  std::istringstream in(text);
  auto reader = readers::open_reader(readers::Format::Jsonl, in, "k8s", [](const auto&) {});
  std::vector<std::string> names;
  std::vector<Alert> kept;
  int events = 0;
  while (const Event* event = reader->next()) {
    CAPTURE(events);
    const EventSource source = readers::source_of(readers::Format::Jsonl, *event);
    REQUIRE(source.product == "kubernetes");
    const auto got = ev.evaluate(*event, source);
    CHECK(got.size() == (events % 2 == 0 ? 1u : 0u));
    for (Alert& a : got) {
      REQUIRE(a.columns.size() == 3);
      names.push_back(a.columns[2].value.text);
      if (events == 4) kept.push_back(std::move(a));  // the rest are left in place
    }
    ++events;
  }
  CHECK(events == 6);
  CHECK(names == std::vector<std::string>{"n0", "n2", "n4"});
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].columns[1].value.list == std::vector<std::string>{"10.1.2.3", "192.0.2.1"});
}
