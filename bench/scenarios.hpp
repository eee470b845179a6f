// The benchmark scenarios, one per file; `sigma-bench SCENARIO` runs one (bench/README.md).
#pragma once

#include "bench/harness.hpp"

namespace bench {

// Exit status of a scenario whose data is missing (ctest's SKIP_RETURN_CODE).
inline constexpr int kSkipped = 77;

int corpus_scenario(const Options& options);   // scenario_corpus.cpp
int seed_scenario(const Options& options);     // scenario_seed.cpp
int floor_scenario(const Options& options);    // scenario_floor.cpp
int compile_scenario(const Options& options);  // scenario_compile.cpp
int long_scenario(const Options& options);     // scenario_long.cpp

// Inputs shared by the scenarios.
Input windows_input(const Options& options);  // SigmaHQ regression events, repeated
std::vector<std::filesystem::path> corpus_rule_dirs(const Options& options);
// Generated inputs (bench/generate_logs.py), written once to $TMPDIR/sigma-bench-<events>/.
std::filesystem::path generated_dir(const Options& options);
std::vector<Input> generated_inputs(const Options& options);  // auditd, k8s-audit, syslog
Input windows_long_input(const Options& options);             // scenario 5's Windows events

}  // namespace bench
