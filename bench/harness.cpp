#include "bench/harness.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>

#include <chrono>

#include "libsigma/src/ruleset_impl.hpp"
#include "runtime/index/rule_index.hpp"
#include "runtime/readers/logsource.hpp"
#include "runtime/readers/memory_stream.hpp"
#include "runtime/text/file_text.hpp"
#include "tools/sigmac/parallel_scan.hpp"

namespace bench {
namespace {

using sigma::readers::MemoryStream;

double now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::string text;
  sigma::text::read_file(path, text);  // a missing file reads as empty: its input has no events
  return text;
}

Input make_input(std::string name, sigma::readers::Format format,
                 const std::vector<std::filesystem::path>& files, std::uint64_t min_events) {
  Input base{name, format, {}, 0};
  for (const auto& f : files) {
    base.text += read_file(f);
    if (!base.text.empty() && base.text.back() != '\n') base.text.push_back('\n');
  }
  base.events = floor_run(base).events;
  Input out{std::move(name), format, {}, 0};
  if (base.events == 0) return out;
  const std::uint64_t copies = (min_events + base.events - 1) / base.events;
  out.text.reserve(base.text.size() * copies);
  for (std::uint64_t i = 0; i < std::max<std::uint64_t>(copies, 1); ++i) out.text += base.text;
  out.events = base.events * std::max<std::uint64_t>(copies, 1);
  return out;
}

Run floor_run(const Input& input) {
  MemoryStream in(input.text);
  Run r;
  const double start = now();
  auto reader = sigma::readers::open_reader(input.format, in, input.name, [](const auto&) {});
  while (reader->next() != nullptr) ++r.events;
  r.errors = reader->errors();
  r.seconds = now() - start;
  return r;
}

Run scan_run(const Input& input, const sigma::RuleSet& rules, unsigned threads) {
  MemoryStream in(input.text);
  Run r;
  const double start = now();
  sigmac::ScanSettings settings;
  settings.threads = threads;
  const auto totals =
      sigmac::scan_stream(in, input.name, input.format, rules, settings,
                          [&](sigmac::ChunkResult& chunk) { r.alerts += chunk.rows.size(); });
  r.events = totals.events;
  r.errors = totals.malformed;
  r.seconds = now() - start;
  return r;
}

std::uint64_t check_against_plain(const Input& input, const sigma::RuleSet& rules,
                                  std::uint64_t limit) {
  const auto& rs = rules.impl();
  const auto& program = *rs.program;
  sigma::runtime::Scratch plain_scratch(*rs.engine), scratch(*rs.engine);
  sigma::runtime::IndexScratch iscratch;
  sigma::runtime::RouteTable routes(*rs.engine);
  std::vector<std::uint32_t> plain, indexed;
  MemoryStream in(input.text);
  auto reader = sigma::readers::open_reader(input.format, in, input.name, [](const auto&) {});
  std::uint64_t seen = 0, differ = 0, fitting = 0;
  while (const sigma::Event* event = reader->next()) {
    if (seen++ == limit) break;
    const sigma::EventSource es = sigma::readers::source_of(input.format, *event);
    const sigma::runtime::Source source{es.category, es.product, es.service};
    plain.clear();
    sigma::runtime::match(*rs.engine, *event, plain_scratch, plain);
    std::erase_if(plain, [&](std::uint32_t i) {
      return !sigma::runtime::fits(program.rules[i].logsource, source);
    });
    indexed.clear();
    const auto& index = routes.get(source);
    fitting += index.rules().size();
    sigma::runtime::match(*rs.engine, index, *event, scratch, iscratch, indexed);
    if (plain != indexed && ++differ <= 5)
      fmt::print(stderr, "check: {} record {}: plain {} rules, indexed {} rules\n", input.name,
                 reader->record(), plain.size(), indexed.size());
  }
  const auto& st = iscratch.stats();
  if (st.events > 0)
    fmt::print(
        "check    {}: {} events as the plain evaluation; per event {:.1f} rules fit the "
        "source, {:.1f} evaluated ({:.2f}% of {} rules)\n",
        input.name, differ == 0 ? "all" : "NOT all", static_cast<double>(fitting) / st.events,
        static_cast<double>(st.candidates) / st.events,
        100.0 * static_cast<double>(st.candidates) / st.events / program.rules.size(),
        program.rules.size());
  return differ;
}

std::vector<int> usable_cpus(unsigned count) {
  std::vector<int> cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE && cpus.size() < count; ++cpu)
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  return cpus;
}

Run pinned(int cpu, const std::function<Run()>& f) {
  cpu_set_t old, one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  const bool saved = pthread_getaffinity_np(pthread_self(), sizeof old, &old) == 0;
  pthread_setaffinity_np(pthread_self(), sizeof one, &one);
  Run r = f();
  if (saved) pthread_setaffinity_np(pthread_self(), sizeof old, &old);
  return r;
}

void report(const std::string& scenario, const Input& input, const Run& run, const Run* floor) {
  const double mb = static_cast<double>(input.text.size()) / 1e6;
  std::string ratio;
  if (floor != nullptr && floor->seconds > 0)
    ratio = fmt::format(", {:.2f}x floor", run.seconds / floor->seconds);
  fmt::print(
      "{:<8} {:<28} {:>8} events {:>8} alerts {:>7.3f} s {:>10.0f} events/s {:>8.1f} MB/s{}, peak "
      "RSS {:.0f} MiB\n",
      scenario, input.name, run.events, run.alerts, run.seconds,
      static_cast<double>(run.events) / run.seconds, mb / run.seconds, ratio, peak_rss_mib());
}

bool checked(const std::string& scenario, const Input& input, const sigma::RuleSet& rules,
             std::uint64_t limit) {
  fmt::print("{}: {} rules, {} events ({:.1f} MB)\n", scenario, rules.size(), input.events,
             static_cast<double>(input.text.size()) / 1e6);
  if (const auto differ = check_against_plain(input, rules, limit); differ != 0) {
    fmt::print("{}: FAILED: {} events differ from the plain evaluation\n", scenario, differ);
    return false;
  }
  return true;
}

std::vector<Run> best_interleaved(int repeats, const std::vector<std::function<Run()>>& runs) {
  std::vector<Run> best(runs.size());
  for (int i = 0; i < repeats; ++i)
    for (std::size_t r = 0; r < runs.size(); ++r) keep_best(best[r], runs[r](), i == 0);
  return best;
}

void time_against_floor(const std::string& scenario, const Input& input,
                        const sigma::RuleSet& rules, unsigned threads, int repeats) {
  const std::vector<Run> best = best_interleaved(
      repeats, {[&] { return floor_run(input); }, [&] { return scan_run(input, rules, threads); }});
  report("floor", input, best[0], nullptr);
  report(fmt::format("{}/{}t", scenario, threads), input, best[1], &best[0]);
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

sigma::RuleSet compile_rules(const std::vector<std::filesystem::path>& paths,
                             const std::vector<std::string>& pipelines, bool quiet) {
  sigma::CompileOptions options;
  options.pipelines = pipelines;
  options.lint = false;
  sigma::Compiler compiler(options);
  for (const auto& p : paths) compiler.add_path(p);
  sigma::RuleSet rules = compiler.build();
  if (!quiet)
    for (const auto& d : compiler.diagnostics())
      if (d.severity == sigma::Severity::Error)
        fmt::print(stderr, "{}", sigma::format_diagnostic(d, compiler.source(d.location.file)));
  return rules;
}

}  // namespace bench
