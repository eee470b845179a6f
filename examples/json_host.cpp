// A host program whose events are JSON lines (here Kubernetes audit events on stdin), scored
// with the bundled seed rules and printed as a table row per alert.
//
//   build/examples/example_json_host sigma-rules < examples/logs/k8s-audit.jsonl
#include <sigma/adapters.hpp>
#include <sigma/sigma.hpp>

#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  sigma::Compiler compiler;
  compiler.add_path(argc > 1 ? argv[1] : "sigma-rules");
  const sigma::RuleSet rules = compiler.build();
  for (const auto& d : compiler.diagnostics())
    std::fputs(sigma::format_diagnostic(d, compiler.source(d.location.file)).c_str(), stderr);

  sigma::Evaluator evaluator(rules);
  sigma::JsonEvent event;  // parses each line in place, reusing its buffers
  const sigma::EventSource k8s{{}, "kubernetes", "audit"};
  std::string line, error;
  for (std::uint64_t record = 1; std::getline(std::cin, line); ++record) {
    if (!event.parse(line, &error)) {
      std::fprintf(stderr, "stdin:%llu: %s\n", static_cast<unsigned long long>(record), error.c_str());
      continue;
    }
    for (const auto& alert : evaluator.evaluate(event, k8s)) {
      std::printf("%s [%s]", alert.rule->title.c_str(), alert.rule->level.c_str());
      for (const auto& c : alert.columns) {
        std::string text = c.value.text;
        for (const auto& item : c.value.list) text += (text.empty() ? "" : ",") + item;
        std::printf(" %s=%s", c.name.c_str(), text.c_str());
      }
      std::printf("\n");
    }
  }
  return 0;
}
