// Scenario 5: the whole SigmaHQ corpus over Windows events whose values are long, as real
// PowerShell activity logs them: process creations with command lines of up to 3,000 bytes
// (mostly encoded PowerShell) and script blocks of 2-60 KiB (bench/generate_logs.py, fixed
// seed; --events / 20 events). The regression events of scenario 1 are short (a median command
// line of 66 bytes), so costs that grow with a value's length, or that only long values
// trigger, show here: a counted repetition such as `.{1000,}` once cost 15-30 ms per long
// command line. Checked first against the plain evaluation, like scenario 1.
#include <fmt/format.h>

#include "bench/scenarios.hpp"

namespace bench {

Input windows_long_input(const Options& options) {
  return make_input("generated.windows-long.jsonl", sigma::readers::Format::EvtxJson,
                    {generated_dir(options) / "big.windows-long.jsonl"}, 0);
}

int long_scenario(const Options& options) {
  if (!std::filesystem::exists(options.shared / "corpus/sigmahq")) {
    fmt::print("long: SKIP: {} not found\n", (options.shared / "corpus/sigmahq").string());
    return kSkipped;
  }
  if (generated_inputs(options).empty()) return 1;  // the generator failed; it said why
  const sigma::RuleSet rules = compile_rules(corpus_rule_dirs(options), {"windows"});
  const Input input = windows_long_input(options);
  if (input.events == 0) {
    fmt::print("long: FAILED: no events in {}\n", input.name);
    return 1;
  }
  if (!checked("long", input, rules, 2000)) return 1;
  time_against_floor("long", input, rules, options.threads, options.repeats);
  return 0;
}

}  // namespace bench
