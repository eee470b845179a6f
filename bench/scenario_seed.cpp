// Scenario 2: the project's seed rules (sigma-rules/rules) over generated auditd,
// Kubernetes-audit and syslog inputs with a realistic mix (bench/generate_logs.py: about 1% of
// events are what the rules look for), each against its own floor.
#include <fmt/format.h>

#include <cstdlib>

#include "bench/scenarios.hpp"

namespace bench {

std::filesystem::path generated_dir(const Options& options) {
  return std::filesystem::temp_directory_path() / fmt::format("sigma-bench-{}", options.events);
}

std::vector<Input> generated_inputs(const Options& options) {
  const auto dir = generated_dir(options);
  // The file the generator writes last: a run cut short, or by an older generator, is redone.
  if (!std::filesystem::exists(dir / "big.windows-long.jsonl")) {
    const std::string command = fmt::format("python3 '{}' '{}' --events {}",
                                            (options.source / "bench/generate_logs.py").string(),
                                            dir.string(), options.events);
    if (std::system(command.c_str()) != 0) {
      fmt::print(stderr, "bench: the generator failed: {}\n", command);
      return {};
    }
  }
  using sigma::readers::Format;
  return {make_input("generated.audit.log", Format::Auditd, {dir / "big.audit.log"}, 0),
          make_input("generated.k8s.jsonl", Format::K8sAudit, {dir / "big.k8s.jsonl"}, 0),
          make_input("generated.syslog", Format::Syslog, {dir / "big.syslog"}, 0)};
}

int seed_scenario(const Options& options) {
  const sigma::RuleSet rules = compile_rules({options.source / "sigma-rules/rules"},
                                             {});
  int status = 0;
  for (const Input& input : generated_inputs(options)) {
    if (!selected(options, input.name)) continue;
    if (const auto differ = check_against_plain(input, rules, 20000); differ != 0) {
      fmt::print("seed: FAILED: {} events of {} differ from the plain evaluation\n", differ,
                 input.name);
      status = 1;
      continue;
    }
    time_against_floor("seed", input, rules, options.threads, options.repeats);
  }
  return status;
}

}  // namespace bench
