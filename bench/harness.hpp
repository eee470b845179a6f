// What every benchmark scenario shares: inputs held in memory (read from disk once, repeated
// to the size asked), timed runs of a reader alone (the floor) or of reader + rules, a check of
// the indexed evaluation against the plain one, and one report line per run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <sigma/sigma.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/readers/reader.hpp"

namespace bench {

struct Input {
  std::string name;
  sigma::readers::Format format = sigma::readers::Format::Jsonl;
  std::string text;
  std::uint64_t events = 0;  // as the reader counts them
};

struct Run {
  std::uint64_t events = 0, alerts = 0, errors = 0;
  double seconds = 0;
};

struct Options {
  std::uint64_t events = 200000;  // inputs are repeated to at least this many events
  unsigned threads = 1;
  int repeats = 3;               // timed runs; the fastest is reported
  std::filesystem::path shared;  // ../shared
  std::filesystem::path source;  // the repository
  std::string input;             // when set, only inputs whose name contains it
};

// Whether a scenario runs `name` under `options.input`.
inline bool selected(const Options& options, std::string_view name) {
  return options.input.empty() || name.find(options.input) != std::string_view::npos;
}

std::string read_file(const std::filesystem::path& path);

// The inputs' texts concatenated (in order) and repeated until the reader sees `min_events`.
Input make_input(std::string name, sigma::readers::Format format,
                 const std::vector<std::filesystem::path>& files, std::uint64_t min_events);

// The reader alone over the input: what every scan pays whatever the rules.
Run floor_run(const Input& input);
// The reader and the rules, each event routed by its source as `sigmac scan` does.
Run scan_run(const Input& input, const sigma::RuleSet& rules, unsigned threads);

// Evaluates every event of the input's first `limit` events both ways (every rule, plainly; and
// through the logsource index and prefilter) and compares the matched rules. Returns the number
// of events that differ (0 when correct), printing the first few differences.
std::uint64_t check_against_plain(const Input& input, const sigma::RuleSet& rules,
                                  std::uint64_t limit);

// How the corpus-wide scenarios start: prints the input's size and checks the indexed
// evaluation against the plain one on its first `limit` events. False, after printing
// "<scenario>: FAILED", when an event differs.
bool checked(const std::string& scenario, const Input& input, const sigma::RuleSet& rules,
             std::uint64_t limit);

// Keeps the faster of `best` and `run` in `best` (`run` alone when `first`).
inline void keep_best(Run& best, const Run& run, bool first) {
  if (first || run.seconds < best.seconds) best = run;
}

// Best of `repeats` runs of `f`.
template <typename F>
Run best_of(int repeats, F f) {
  Run best;
  for (int i = 0; i < repeats; ++i) keep_best(best, f(), i == 0);
  return best;
}

// The best of `repeats` runs of each of `runs`, taken in turn (run 0, run 1, ..., run 0, ...):
// what a ratio compares (a scan and its floor) is timed alike through the machine's slow
// stretches, where timing one's repeats after the other's could put a stretch in one only.
std::vector<Run> best_interleaved(int repeats, const std::vector<std::function<Run()>>& runs);

// The floor and the scan on `threads` threads, timed in turn (best_interleaved) and reported,
// the scan as "<scenario>/<threads>t".
void time_against_floor(const std::string& scenario, const Input& input,
                        const sigma::RuleSet& rules, unsigned threads, int repeats);

// The first `count` CPUs this process may run on (fewer if it has fewer).
std::vector<int> usable_cpus(unsigned count);
// f() with the calling thread bound to `cpu` (as `taskset -c cpu` would), then unbound again.
Run pinned(int cpu, const std::function<Run()>& f);

// Prints "<scenario> <name>: N events, X events/s, Y MB/s, Z x floor, peak RSS W MB".
void report(const std::string& scenario, const Input& input, const Run& run, const Run* floor);

// The process's peak resident set so far, in MiB.
double peak_rss_mib();

sigma::RuleSet compile_rules(const std::vector<std::filesystem::path>& paths,
                             const std::vector<std::string>& pipelines, bool quiet = true);

}  // namespace bench
