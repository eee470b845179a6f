// The rule engine at run time: an ir::Program turned into matchers, evaluated per event.
//
// An Engine is immutable once built and shared by every thread; each thread owns a Scratch
// (per-event caches and buffers), so evaluation allocates nothing once the buffers are warm.
// Each field is looked up at most once per event, folded at most once, and each leaf predicate
// is evaluated at most once per event however many rules use it.
#pragma once

#include <sigma/event.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "compiler/ir/ir.hpp"

namespace sigma::runtime {

class Engine {
 public:
  explicit Engine(std::shared_ptr<const ir::Program> program);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const ir::Program& program() const;
  // One sigma::Field per ir::FieldId, for hosts and for Event::lookup calls.
  std::span<const sigma::Field> fields() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

class Scratch {
 public:
  explicit Scratch(const Engine& engine);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // Forgets the previous event; called by match(), or by a caller using eval_node() alone.
  void reset(const sigma::Event& event);

  // Work counters since construction, for tests and benchmarks (they show the caches work).
  struct Stats {
    std::uint64_t events = 0;       // reset() calls
    std::uint64_t lookups = 0;      // Event::lookup calls (plus keyword raw/string fetches)
    std::uint64_t folds = 0;        // fields whose string values were case-folded
    std::uint64_t leaf_evals = 0;   // leaf predicates computed (memo misses)
  };
  const Stats& stats() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Appends to `out` the index (into program().rules) of every rule whose condition holds for
// `event`, in rule order. Resets `scratch` for this event first.
void match(const Engine& engine, const sigma::Event& event, Scratch& scratch,
           std::vector<std::uint32_t>& out);

// Evaluates any node of the program (e.g. a named selection) for the event `scratch` was last
// reset to, sharing its caches.
bool eval_node(const Engine& engine, const ir::Node& node, Scratch& scratch);

// The values of a field for the event `scratch` was last reset to (cached); `present` tells an
// absent field from one with no values.
std::span<const sigma::Value> field_values(const Engine& engine, ir::FieldId field,
                                           Scratch& scratch, bool& present);

}  // namespace sigma::runtime
