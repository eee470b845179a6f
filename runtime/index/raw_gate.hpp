// RawGate: one scan of an event's raw text that can rule out every rule of an index at once,
// before any field is looked up.
//
// Each rule gives one clause of its cover (anchors.hpp): whenever the rule matches, one of the
// clause's anchors holds, so its field's folded text holds one of the anchor's texts. When the
// event's values are the very bytes of its raw text (a JsonEvent, whose raw text is the JSON it
// was parsed from, without escapes; a reader's FieldStore whose strings all point into its
// record, such as a syslog line's) and that text is ASCII (so folding is lowering), every such
// text is in the raw text too, in some case. A raw text holding none of the gate's texts
// therefore matches no rule. Texts a number or boolean could be compared as ("200" for 2e2,
// "true") are never gate texts: those values are not verbatim.
// The gate is kept only when its texts are few enough to scan at about a byte per instruction
// (NibbleMask); with more, it would let most events through at the cost of a slower scan. Texts
// of a few distinct pairs are looked for by those pairs instead, in the pass that tests the
// text for ASCII, where the CPU has AVX-512 (FewTexts, few_texts.hpp).
//
//   RawGate gate;
//   for (each rule) if (!gate.add(cover, specs)) { /* no gate for this index */ }
//   gate.build();
//   if (gate.usable() && !gate.may_match(event)) { /* skip the index for this event */ }
#pragma once

#include <string>
#include <vector>

#include "runtime/index/anchors.hpp"
#include "runtime/index/few_texts.hpp"
#include "runtime/index/literal_filter.hpp"

namespace sigma {
class Event;
}

namespace sigma::runtime {

class RawGate {
 public:
  // Adds a rule by its cover (choose_cover's clauses; `specs[leaf]` their anchors). Returns
  // false when no clause can be told from raw text: the gate must not be used then.
  bool add(const Clauses& cover, const std::vector<const AnchorSpec*>& specs);
  // After the last add(). The gate is then usable() if it is worth testing.
  void build();
  bool usable() const { return usable_; }

  // False only when no rule added can match `event` (see above).
  bool may_match(const sigma::Event& event) const;

 private:
  std::vector<std::string> pending_;  // add()'s texts, duplicates and all
  FewTexts few_;                      // the texts, when FewTexts takes them
  LiteralFilter texts_;               // otherwise
  bool usable_ = false;
};

}  // namespace sigma::runtime
