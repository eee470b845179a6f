// sigma-bench: the performance scenarios of libsigma.
//
//   sigma-bench corpus|seed|floor|compile|long [--events N] [--threads N] [--repeats N]
//               [--shared DIR] [--input NAME]
//
// Each scenario checks its result against a plain evaluation before timing, then prints one
// line per input: events, events/s, MB/s, the multiple of the floor (the same input read with
// no rules) and the process's peak memory. --input runs only the inputs whose name contains NAME
// (generated.k8s.jsonl, say), to profile one format. See bench/README.md.
#include <fmt/format.h>

#include <charconv>
#include <string>

#include "bench/scenarios.hpp"

namespace {

bool number(const char* text, std::uint64_t& out) {
  const std::string_view s(text);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

int usage() {
  fmt::print(stderr,
             "usage: sigma-bench corpus|seed|floor|compile|long [--events N] [--threads N] "
             "[--repeats N] [--shared DIR] [--input NAME]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  bench::Options o;
  o.source = SIGMA_SOURCE_DIR;
  o.shared = o.source / "../shared";
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    std::uint64_t n = 0;
    if (i + 1 >= argc) return usage();
    if (a == "--shared") {
      o.shared = argv[++i];
    } else if (a == "--input") {
      o.input = argv[++i];
    } else if (!number(argv[++i], n) || n == 0) {
      return usage();
    } else if (a == "--events") {
      o.events = n;
    } else if (a == "--threads") {
      o.threads = static_cast<unsigned>(n);
    } else if (a == "--repeats") {
      o.repeats = static_cast<int>(n);
    } else {
      return usage();
    }
  }
  const std::string scenario = argv[1];
  if (scenario == "corpus") return bench::corpus_scenario(o);
  if (scenario == "seed") return bench::seed_scenario(o);
  if (scenario == "floor") return bench::floor_scenario(o);
  if (scenario == "compile") return bench::compile_scenario(o);
  if (scenario == "long") return bench::long_scenario(o);
  return usage();
}
