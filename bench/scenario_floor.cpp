// Scenario 3, the floor: every benchmark input read and parsed, with no rule at all. A scan
// can never be faster than this; the other scenarios report their time as a multiple of it.
#include <fmt/format.h>

#include "bench/scenarios.hpp"

namespace bench {

int floor_scenario(const Options& options) {
  std::vector<Input> inputs = generated_inputs(options);
  if (!inputs.empty()) inputs.push_back(windows_long_input(options));
  if (std::filesystem::exists(options.shared / "corpus/sigmahq"))
    inputs.push_back(windows_input(options));
  for (const Input& input : inputs)
    if (selected(options, input.name))
      report("floor", input, best_of(options.repeats, [&] { return floor_run(input); }), nullptr);
  return 0;
}

}  // namespace bench
