// libsigma: compile Sigma rules once, evaluate them over events many times.
//
//   sigma::Compiler compiler;
//   compiler.add_path("rules/");                 // files or directory trees of .yml rules
//   for (const auto& d : compiler.diagnostics())  // every problem, file:line:column
//     std::cerr << sigma::format_diagnostic(d, compiler.source(d.location.file));
//   sigma::RuleSet rules = compiler.build();      // the rules that compiled; immutable, shareable
//
//   sigma::Evaluator evaluator(rules);            // one per thread; reuses its buffers
//   for (const sigma::Alert& a : evaluator.evaluate(event))   // event: any sigma::Event
//     std::cout << a.rule->title << "\n";
//
// A RuleSet is immutable and safe to share between threads (copies share the compiled rules).
// An Evaluator is not thread-safe: give each thread its own. Events are supplied through the
// host interface in <sigma/event.hpp>; ready adapters for string maps and JSON are in
// <sigma/adapters.hpp>.
#pragma once

#include <sigma/diagnostic.hpp>
#include <sigma/event.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sigma {

// One key of a rule's `sort` extension: a column, descending when written `-Column`.
struct SortKey {
  std::string column;
  bool descending = false;
  friend bool operator==(const SortKey&, const SortKey&) = default;
};

// What a compiled rule says about itself (its Sigma metadata).
struct RuleInfo {
  std::string id, name, title, level, status, description, author, date, modified, file;
  std::vector<std::string> tags, references, falsepositives, fields;
  std::string category, product, service;  // logsource
  std::vector<SortKey> sort;               // the `sort` extension; empty when unsorted
};

// A value in an alert's output columns.
struct OutputValue {
  enum class Type : std::uint8_t { Null, Bool, Number, String, List };
  Type type = Type::Null;
  std::string text;               // Bool, Number and String: the value as SPL would print it
  std::vector<std::string> list;  // List: the values
};

// Where an event comes from, in Sigma's logsource terms. An empty part is unknown. `category`
// may list several categories, comma-separated, for an event that is several at once (a Sysmon
// registry value set is "registry_event,registry_set").
struct EventSource {
  std::string_view category, product, service;
};

struct OutputColumn {
  std::string name;
  OutputValue value;
};

struct Alert {
  std::uint32_t rule_index = 0;  // index in the RuleSet
  const RuleInfo* rule = nullptr;
  // The rule's `fields` columns in their declared order (with eval'd values), or, for a rule
  // without `fields`, the fields its condition matched on. A `_time` column holding an epoch or
  // ISO 8601 time is shown in ISO 8601 UTC (`2023-11-14T22:13:20.123Z`).
  std::vector<OutputColumn> columns;
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(const RuleSet&);
  RuleSet& operator=(const RuleSet&);

  std::size_t size() const;
  const RuleInfo& rule(std::size_t index) const;

  // Every field the rules read, by dense id (Field::id == index). Hosts can map these to their
  // own columns once, instead of looking names up per event.
  std::span<const Field> fields() const;

  // The compiled rules in the IR's text form (what `sigmac compile --emit ir` prints).
  std::string dump_ir() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  friend class Compiler;
  std::shared_ptr<const Impl> impl_;
};

struct CompileStats {
  std::size_t files = 0;     // rule files read
  std::size_t documents = 0; // rules found in them (detection, filter and correlation rules)
  std::size_t compiled = 0;  // rules that compiled
  std::size_t errors = 0;    // error diagnostics
  std::size_t warnings = 0;  // warning diagnostics
};

struct CompileOptions {
  // Processing pipelines (bundled names such as "windows", or YAML files), applied by priority.
  std::vector<std::string> pipelines;
  // Lint warnings a rule repository wants (missing id or level, duplicate ids, unused
  // selections). Errors are reported either way.
  bool lint = true;
};

class Compiler {
 public:
  explicit Compiler(CompileOptions options = {});
  ~Compiler();
  Compiler(const Compiler&) = delete;
  Compiler& operator=(const Compiler&) = delete;

  // Adds the rules of one file's text; `name` is used in diagnostics and alerts.
  void add_source(std::string_view name, std::string_view text);

  // Adds a rule file, or every .yml/.yaml file below a directory (in sorted order). Returns
  // false, with a diagnostic, when the path cannot be read.
  bool add_path(const std::filesystem::path& path);

  // Compiles everything added so far. Rules with errors are left out; diagnostics() says why.
  RuleSet build();

  const std::vector<Diagnostic>& diagnostics() const;
  CompileStats stats() const;

  // The text of an added file (for rendering diagnostics with their source line).
  std::string_view source(std::string_view file) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Evaluator {
 public:
  explicit Evaluator(RuleSet rules);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates every rule on one event. The alerts stay valid until the next call; the caller
  // may move them out (a scan keeping them does, instead of copying each).
  std::span<Alert> evaluate(const Event& event);
  // The same, for the rules whose logsource fits `source` (compared ASCII case-insensitively):
  //  - a rule naming a product or service is skipped when the source names a different one;
  //  - a rule naming a category is skipped when the source lists categories without it;
  //  - a rule naming a category but no product is skipped when the source names a product but
  //    no category (`category: database` does not run on every Windows event).
  // Rules are indexed per source on first use: each event meets only the rules that fit its
  // source, and of those only the ones whose required literals it contains.
  std::span<Alert> evaluate(const Event& event, const EventSource& source);

  // Optional: hands back an alert the caller is done with (one it moved out of evaluate()), so
  // that later alerts reuse its memory instead of allocating their columns again. A few
  // thousand are kept; the rest are freed.
  void recycle(Alert&& alert);

  const RuleSet& rules() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The order the rule's `sort` asks for: negative when `a` goes first. Both alerts must come
// from rules with the same sort keys (`RuleInfo::sort`). Per key: numbers compare as numbers,
// times (ISO 8601, epoch) as instants, other text by bytes; a missing value goes last.
int compare_alerts(const Alert& a, const Alert& b, std::span<const SortKey> keys);

}  // namespace sigma
