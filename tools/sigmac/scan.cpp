// sigmac scan: evaluate rules over log files and print the alerts.
#include <fmt/format.h>

#include <sigma/sigma.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "runtime/readers/logsource.hpp"
#include "runtime/readers/reader.hpp"
#include "tools/sigmac/alert_output.hpp"
#include "tools/sigmac/commands.hpp"
#include "tools/sigmac/parallel_scan.hpp"

namespace sigmac {
namespace {

struct Input {
  std::string name;
  std::optional<sigma::readers::Format> format;
};

struct ScanOptions {
  std::vector<std::string> rules;
  std::vector<Input> inputs;
  sigma::CompileOptions compile;
  bool table = false;
  bool stats = false;
  unsigned threads = 0;  // 0: the cores there are
};

constexpr const char* kScanUsage =
    "usage: sigmac scan [--rules PATH]... [--pipeline NAME|FILE]...\n"
    "                   [--format jsonl|k8s-audit|auditd|syslog|evtx-json] [--output jsonl|table]\n"
    "                   [--threads N] [--stats] [FILE|-]...\n"
    "--format applies to the inputs after it (and to those before the first --format);\n"
    "the default is jsonl. --threads: evaluation threads (default: the cores there are);\n"
    "the output is the same, in the same order, whatever the count.\n";

int usage(const std::string& message) {
  fmt::print(stderr, "sigmac scan: {}\n{}", message, kScanUsage);
  return 2;
}

bool parse_args(const Args& args, ScanOptions& o, std::string& error) {
  std::optional<sigma::readers::Format> format, first_format;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    const bool has_value = i + 1 < args.size();
    if ((a == "--rules" || a == "-r") && has_value) {
      o.rules.push_back(args[++i]);
    } else if (a == "--pipeline" && has_value) {
      o.compile.pipelines.push_back(args[++i]);
    } else if (a == "--format" && has_value) {
      const auto f = sigma::readers::parse_format(args[++i]);
      if (!f) return error = "unknown format '" + args[i] + "' (jsonl, k8s-audit, auditd, syslog, evtx-json)", false;
      format = *f;
      if (!first_format) first_format = f;
    } else if (a == "--output" && has_value) {
      const auto& f = args[++i];
      if (f != "jsonl" && f != "table") return error = "unknown output '" + f + "' (jsonl or table)", false;
      o.table = f == "table";
    } else if (a == "--threads" && has_value) {
      const auto& n = args[++i];
      unsigned value = 0;
      const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), value);
      if (ec != std::errc() || end != n.data() + n.size() || value == 0 || value > 256)
        return error = "--threads needs a number from 1 to 256, not '" + n + "'", false;
      o.threads = value;
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a.starts_with("-") && a != "-") {
      return error = "unknown or incomplete option '" + a + "'", false;
    } else {
      o.inputs.push_back({a, format});
    }
  }
  if (o.rules.empty()) o.rules.push_back(bundled_rules_dir().string());
  if (o.inputs.empty()) o.inputs.push_back({"-", format});
  for (auto& in : o.inputs)
    if (!in.format) in.format = first_format.value_or(sigma::readers::Format::Jsonl);
  return true;
}

// Alerts of rules with the same `sort` keys are ordered together, after the whole run.
struct SortGroup {
  std::vector<sigma::SortKey> keys;
  std::vector<Row> rows;
};

}  // namespace

int run_scan(const Args& args) {
  ScanOptions o;
  std::string error;
  if (!parse_args(args, o, error)) return usage(error);

  sigma::Compiler compiler(o.compile);
  for (const auto& p : o.rules) compiler.add_path(p);
  const sigma::RuleSet rules = compiler.build();
  bool rule_errors = false;
  for (const auto& d : compiler.diagnostics()) {
    if (d.severity != sigma::Severity::Error) continue;  // warnings are `sigmac check`'s job
    rule_errors = true;
    fmt::print(stderr, "{}", sigma::format_diagnostic(d, compiler.source(d.location.file)));
  }

  ScanSettings settings;
  settings.threads = o.threads == 0 ? default_threads() : o.threads;
  std::vector<SortGroup> groups;
  std::map<std::uint32_t, std::size_t> group_of_rule;
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    const auto& keys = rules.rule(i).sort;
    if (keys.empty()) continue;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const SortGroup& g) { return g.keys == keys; });
    if (it == groups.end()) it = groups.insert(groups.end(), SortGroup{keys, {}});
    group_of_rule[i] = static_cast<std::size_t>(it - groups.begin());
  }

  std::vector<Row> unsorted;  // kept only for --output table
  std::uint64_t events = 0, malformed = 0, alerts = 0;
  bool input_errors = false;
  for (const auto& [input, format] : o.inputs) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (input != "-") {
      file.open(input, std::ios::binary);
      if (!file) {
        fmt::print(stderr, "sigmac scan: cannot read {}\n", input);
        input_errors = true;
        continue;
      }
      in = &file;
    }
    const auto totals = scan_stream(*in, input, *format, rules, settings, [&](ChunkResult& chunk) {
      for (const auto& e : chunk.errors)
        fmt::print(stderr, "{}:{}: error: {}\n", e.input, e.record, e.message);
      for (auto& row : chunk.rows) {
        ++alerts;
        const auto g = group_of_rule.find(row.alert.rule_index);
        if (g != group_of_rule.end()) groups[g->second].rows.push_back(std::move(row));
        else if (o.table) unsorted.push_back(std::move(row));
        else std::fputs(to_jsonl(row).c_str(), stdout);
      }
    });
    events += totals.events;
    malformed += totals.malformed;
  }

  for (auto& g : groups) {
    std::stable_sort(g.rows.begin(), g.rows.end(), [&](const Row& a, const Row& b) {
      return sigma::compare_alerts(a.alert, b.alert, g.keys) < 0;
    });
    if (o.table) unsorted.insert(unsorted.end(), g.rows.begin(), g.rows.end());
    else
      for (const auto& row : g.rows) std::fputs(to_jsonl(row).c_str(), stdout);
  }
  if (o.table) std::fputs(to_table(unsorted).c_str(), stdout);
  std::fflush(stdout);
  if (o.stats)
    fmt::print(stderr, "{} events, {} alerts, {} malformed records, {} rules\n", events, alerts,
               malformed, rules.size());
  if (rule_errors || input_errors) return 2;
  return malformed > 0 ? 1 : 0;
}

}  // namespace sigmac
