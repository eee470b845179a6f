// A host program whose events are string maps: compile one rule from text, evaluate two events.
//
//   build/examples/example_map_host
#include <sigma/adapters.hpp>
#include <sigma/sigma.hpp>

#include <cstdio>
#include <map>
#include <string>

namespace {

constexpr const char* kRule = R"(
title: Whoami executed
id: 0b1c5c7e-2b0f-4a8e-9c61-7f3e2d1a0b9c
level: low
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\whoami.exe'
    condition: selection
fields:
    - Image
    - User
)";

}  // namespace

int main() {
  sigma::Compiler compiler;
  compiler.add_source("whoami.yml", kRule);
  for (const auto& d : compiler.diagnostics())
    std::fputs(sigma::format_diagnostic(d, compiler.source(d.location.file)).c_str(), stderr);
  sigma::Evaluator evaluator(compiler.build());

  const std::map<std::string, std::string> events[] = {
      {{"Image", "C:\\Windows\\System32\\WHOAMI.EXE"}, {"User", "CORP\\alice"}},
      {{"Image", "C:\\Windows\\System32\\notepad.exe"}, {"User", "CORP\\bob"}},
  };
  for (const auto& fields : events) {
    const sigma::MapEvent event(fields);  // a view of the map: nothing is copied
    for (const auto& alert : evaluator.evaluate(event)) {
      std::printf("%s:", alert.rule->title.c_str());
      for (const auto& c : alert.columns) std::printf(" %s=%s", c.name.c_str(), c.value.text.c_str());
      std::printf("\n");
    }
  }
  return 0;
}
