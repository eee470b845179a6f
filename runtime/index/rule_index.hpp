// RuleIndex: the rules that fit one event source, and a prefilter that picks, per event, the
// few of them worth evaluating.
//
//   RuleIndex index(engine, {"process_creation", "windows", ""});   // once per source
//   IndexScratch iscratch;                                            // one per thread
//   match(engine, index, event, scratch, iscratch, matched);          // per event
//
// Per event the prefilter reads each anchored field once (through the Scratch cache, so the
// evaluation that follows reuses it; for a FieldStore, only the fields the event has), looks
// its folded values up in a hash table of exact values and scans them with one LiteralFilter
// per field, holding the literals of every anchorable leaf of these rules (anchors.hpp; the
// keyword literals ride along in each field's scan, so a string is scanned once). Rules every
// clause of whose cover was hit, plus the rules that have no cover, are then evaluated in rule
// order, and the scan has already decided their anchored leaves: `contains` and exact leaves
// outright; prefix, suffix, glob and regex leaves false when none of their literals was seen.
// Before any of that, an index whose rules all have covers may rule the event out by one scan
// of its raw text (raw_gate.hpp). The result is exactly that of evaluating every rule that
// fits the source.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/eval/engine.hpp"
#include "runtime/index/anchors.hpp"
#include "runtime/index/route.hpp"

namespace sigma::runtime {

class RuleIndex {
 public:
  // `anchors`: anchors_of(the engine's program), when the caller keeps it for several sources;
  // worked out here otherwise.
  RuleIndex(const Engine& engine, const Source& source,
            const std::vector<std::optional<AnchorSpec>>* anchors = nullptr);
  ~RuleIndex();
  RuleIndex(const RuleIndex&) = delete;
  RuleIndex& operator=(const RuleIndex&) = delete;

  // Indexes (into the program's rules) of the rules that fit the source, ascending.
  std::span<const std::uint32_t> rules() const;

  struct Stats {
    std::size_t rules = 0;          // rules that fit the source
    std::size_t always = 0;         // rules without a cover, evaluated for every event
    std::size_t cover_anchors = 0;  // leaves some rule's cover names
    std::size_t scanned = 0;        // leaves the scans decide (exact values, literals)
    std::size_t fields = 0;         // fields the prefilter reads
  };
  Stats stats() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Per-thread state of the prefilter (the marks of candidate rules, hit anchors, scanned fields).
class IndexScratch {
 public:
  IndexScratch();
  ~IndexScratch();
  IndexScratch(const IndexScratch&) = delete;
  IndexScratch& operator=(const IndexScratch&) = delete;

  struct Stats {
    std::uint64_t events = 0;
    std::uint64_t candidates = 0;  // rules evaluated
  };
  const Stats& stats() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Appends the index (into program().rules) of every rule of `index` whose condition holds for
// `event`, in rule order. Same result as runtime::match restricted to index.rules().
// `gate_passed`: the caller asked ruled_out() already and was told no.
void match(const Engine& engine, const RuleIndex& index, const sigma::Event& event,
           Scratch& scratch, IndexScratch& iscratch, std::vector<std::uint32_t>& out,
           bool gate_passed = false);

// Whether `index` has no rules, or its raw-text gate (raw_gate.hpp) rules out every one for
// `event`, so that match() would find none: a caller can skip setting up for match() (most
// events of a small index stop here).
bool ruled_out(const RuleIndex& index, const sigma::Event& event);

// RuleIndexes built on first use, one per source, shared by every thread. Threads that need
// different sources build their indexes at the same time; a thread that needs one being built
// waits for it.
class RouteTable {
 public:
  explicit RouteTable(const Engine& engine) : engine_(engine) {}
  const RuleIndex& get(const Source& source);

 private:
  struct Entry {
    std::once_flag built;
    std::unique_ptr<const RuleIndex> index;
  };
  const Engine& engine_;
  std::once_flag anchors_once_;
  std::vector<std::optional<AnchorSpec>> anchors_;  // every leaf's, on first use
  std::mutex mutex_;                                // guards indexes_ (not the entries)
  std::unordered_map<std::string, std::unique_ptr<Entry>> indexes_;
};

}  // namespace sigma::runtime
