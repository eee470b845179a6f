// Scenario 4: compile and load the whole SigmaHQ corpus with the `windows` pipeline, as a
// host does before its first event: read the files, parse the YAML, apply the pipeline, lower
// to the IR, build the engine. Reports the time (best of --repeats, one thread) and the peak
// memory of the process, which holds one compiled corpus at a time.
#include <fmt/format.h>

#include <chrono>

#include "bench/scenarios.hpp"

namespace bench {

int compile_scenario(const Options& options) {
  if (!std::filesystem::exists(options.shared / "corpus/sigmahq")) {
    fmt::print("compile: SKIP: {} not found\n", (options.shared / "corpus/sigmahq").string());
    return kSkipped;
  }
  double best = 0;
  std::size_t rules = 0;
  for (int i = 0; i < options.repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const sigma::RuleSet set = compile_rules(corpus_rule_dirs(options), {"windows"});
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rules = set.size();
    if (i == 0 || s < best) best = s;
  }
  fmt::print("compile  sigmahq corpus: {} rules in {:.3f} s ({:.0f} rules/s), peak RSS {:.0f} MiB\n",
             rules, best, static_cast<double>(rules) / best, peak_rss_mib());
  return 0;
}

}  // namespace bench
