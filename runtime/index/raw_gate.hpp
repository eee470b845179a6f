// RawGate: one scan of an event's raw text that can rule out every rule of an index at once,
// before any field is looked up.
//
// Each rule gives clauses of its cover (anchors.hpp): whenever the rule matches, each clause has
// an anchor that holds, so its field's folded text holds one of the anchor's texts. When those
// fields' values are the very bytes of the event's raw text (a JsonEvent, whose raw text is the
// JSON it was parsed from, without escapes; a reader's FieldStore whose strings of those fields
// point into its record, such as a syslog line's) and that text is ASCII (so folding is
// lowering), every such text is in the raw text too, in some case. A raw text that misses a
// clause of every rule therefore matches no rule. Texts a number or boolean could be compared as
// ("200" for 2e2, "true") are never gate texts: those values are not verbatim.
// The gate is kept only when its texts are few enough to scan at about a byte per instruction
// (NibbleMask); with more, it would let most events through at the cost of a slower scan. Texts
// of a few distinct pairs are looked for by those pairs instead, in the pass that tests the
// text for ASCII, where the CPU has AVX-512 (FewTexts, few_texts.hpp); that pass takes one
// clause per rule (the one whose shortest text is longest). Otherwise every clause the gate can
// test counts: the auditd seed rule needs "execve" *and* "kubectl" or "docker", and half the
// records of an audit log are EXECVE records.
//
//   RawGate gate;
//   for (each rule) if (!gate.add(cover, specs)) { /* no gate for this index */ }
//   gate.build(fields, dotted);
//   if (gate.usable() && !gate.may_match(event)) { /* skip the index for this event */ }
#pragma once

#include <sigma/event.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "runtime/index/anchors.hpp"
#include "runtime/index/few_texts.hpp"
#include "runtime/index/literal_filter.hpp"

namespace sigma::runtime {

class RawGate {
 public:
  // Adds a rule by its cover (choose_cover's clauses; `specs[leaf]` their anchors). Returns
  // false when no clause can be told from raw text: the gate must not be used then.
  bool add(const Clauses& cover, const std::vector<const AnchorSpec*>& specs);
  // After the last add(), with the engine's fields (a slot past them is the keyword slot, whose
  // text is the raw text itself) and whether each name has a dot. The gate is then usable() if
  // it is worth testing.
  void build(std::span<const sigma::Field> fields, std::span<const std::uint8_t> dotted);
  bool usable() const { return usable_; }

  // False only when no rule added can match `event` (see above).
  bool may_match(const sigma::Event& event) const;

 private:
  // A clause the gate can test: its texts, each with the field (slot) it is a text of.
  struct Clause {
    std::vector<std::pair<std::string, std::uint32_t>> texts;
    std::size_t shortest = 0;
  };
  struct Rule {
    std::vector<Clause> clauses;
    std::size_t best = 0;  // the clause whose shortest text is longest
  };
  // Builds the scan for `clauses` (every clause of every rule when `all`, else one a rule);
  // false when they have too many texts.
  bool use(const std::vector<const Clause*>& clauses, bool all);
  bool values_are_raw_runs(const sigma::Event& event, char& excluded) const;

  std::vector<Rule> pending_;  // add()'s, until build()
  FewTexts few_;               // the texts, when FewTexts takes them (any text will do)
  LiteralFilter texts_;        // otherwise
  // Where every clause counts: per text of texts_, the clauses it is in (a bit each); per
  // rule, its clauses, all of which a raw text must hit. Empty: any text will do.
  std::vector<std::uint64_t> clauses_of_;
  std::vector<std::uint64_t> rules_;
  // The fields the texts are texts of, whose values must be runs of a FieldStore's raw text;
  // all of its values when a name has a dot (a fallback may answer it).
  struct Named {
    std::string name;
    std::uint64_t hash = 0;
  };
  std::vector<Named> fields_;
  bool every_value_ = false;
  bool usable_ = false;
};

}  // namespace sigma::runtime
