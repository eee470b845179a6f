// Scenario 1: the whole SigmaHQ corpus (rules, rules-emerging-threats, rules-threat-hunting)
// with the `windows` pipeline over the SigmaHQ regression events repeated to --events.
// Checked first: on one copy of the events the indexed evaluation must match the plain one
// (every rule that fits the event's logsource, evaluated in full).
#include <fmt/format.h>

#include "bench/scenarios.hpp"

namespace bench {

std::vector<std::filesystem::path> corpus_rule_dirs(const Options& options) {
  const auto root = options.shared / "corpus/sigmahq";
  return {root / "rules", root / "rules-emerging-threats", root / "rules-threat-hunting"};
}

Input windows_input(const Options& options) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           options.shared / "corpus/sigmahq/regression_data"))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return make_input("sigmahq-regression.evtx", sigma::readers::Format::EvtxJson, files,
                    options.events);
}

int corpus_scenario(const Options& options) {
  if (!std::filesystem::exists(options.shared / "corpus/sigmahq")) {
    fmt::print("corpus: SKIP: {} not found\n", (options.shared / "corpus/sigmahq").string());
    return kSkipped;
  }
  const sigma::RuleSet rules = compile_rules(corpus_rule_dirs(options), {"windows"});
  const Input input = windows_input(options);
  // One copy of the regression events, plus a margin, is every distinct event.
  if (!checked("corpus", input, rules, 1000)) return 1;
  // The floor and the scans alternate, so that a stretch of a slower machine (common on shared
  // VMs) hits them alike; then one thread is pinned to each core in turn, since cores need not
  // be equally fast, and N threads can at best add up what the cores do alone.
  std::vector<std::function<Run()>> runs{[&] { return floor_run(input); },
                                         [&] { return scan_run(input, rules, 1); }};
  if (options.threads > 1) runs.push_back([&] { return scan_run(input, rules, options.threads); });
  const std::vector<Run> best = best_interleaved(options.repeats, runs);
  const Run &floor = best[0], &one = best[1];
  report("floor", input, floor, nullptr);
  report("corpus/1t", input, one, &floor);
  if (options.threads <= 1) return 0;
  const Run& many = best[2];
  report(fmt::format("corpus/{}t", options.threads), input, many, &floor);
  std::string cores;
  double together = 0;  // events/s of all the cores, each alone
  for (const int cpu : usable_cpus(options.threads)) {
    const Run alone = best_of(
        options.repeats, [&] { return pinned(cpu, [&] { return scan_run(input, rules, 1); }); });
    cores += fmt::format("{}cpu {} {:.3f} s", cores.empty() ? "" : ", ", cpu, alone.seconds);
    together += static_cast<double>(alone.events) / alone.seconds;
  }
  const double speed = static_cast<double>(many.events) / many.seconds;
  const std::string share =
      together > 0 ? fmt::format("; {:.0f}% of those cores' sum", 100.0 * speed / together) : "";
  fmt::print("scaling  {} threads: {:.2f}x one thread; one thread pinned to each core: {}{}\n",
             options.threads, one.seconds / many.seconds, cores.empty() ? "none" : cores, share);
  return 0;
}

}  // namespace bench
