// Inside the engine: the matcher built for each leaf and the per-event caches of a Scratch.
// Private to runtime/eval; hosts and other modules use engine.hpp.
//
// Per event a Scratch moves to a new epoch instead of clearing anything: a field cache, a fold
// cache or a leaf memo is valid only while its stamp equals the current epoch. Vectors keep
// their capacity across events, so after the first few events nothing is allocated.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <sigma/event.hpp>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/match/cidr.hpp"
#include "runtime/match/number.hpp"
#include "runtime/match/regex_literals.hpp"
#include "runtime/match/regex_run.hpp"
#include "runtime/match/text_match.hpp"
#include "runtime/match/timestamp.hpp"

namespace re2 {
class RE2;
}

namespace sigma::runtime {

namespace leaf {

struct String {
  match::TextMatcher m;
  bool cased = false;
};
struct Regex {
  const re2::RE2* re = nullptr;  // owned by the program; null if it failed to compile
  // The regex's prefilter, parsed once: `needs` below, and the rule index's anchor for it.
  std::shared_ptr<const match::RegexLiterals> literals;
  // Sets of folded literals: a value must contain one literal of each set for the regex to
  // match it (match::RegexLiterals::sets); none when the regex has no such literals. Most
  // values lack them, and a search for a rare byte is far cheaper than running the regex,
  // above all over a long script block.
  std::vector<std::vector<std::string>> needs;
  // What answers the regex without RE2: a count of characters (`.{1000,}`, on ASCII text), or
  // its literals (`(certutil|bitsadmin)`, which then has no `needs`).
  match::RegexShortcut shortcut;
};
struct Number {
  ir::CmpOp op = ir::CmpOp::Eq;
  double value = 0;
};
struct Cidr {
  match::Cidr net;
};
struct Exists {
  bool present = true;
};
struct IsNull {};
struct FieldRef {
  std::uint32_t other = 0;  // slot of the other field
  ir::StringOp op = ir::StringOp::Exact;
  bool cased = false;
};
struct Time {
  match::TimeField part = match::TimeField::Hour;
  ir::CmpOp op = ir::CmpOp::Eq;
  std::int64_t value = 0;
};

using Matcher = std::variant<String, Regex, Number, Cidr, Exists, IsNull, FieldRef, Time>;

}  // namespace leaf

struct LeafMatcher {
  std::uint32_t slot = 0;  // field id, or Engine::Impl::keyword_slot for keyword leaves
  leaf::Matcher m;
};

struct Engine::Impl {
  std::shared_ptr<const ir::Program> program;
  std::vector<std::string_view> path_parts;  // every field's path, back to back
  std::vector<sigma::Field> fields;
  std::vector<LeafMatcher> leaves;
  std::vector<float> leaf_costs;  // per leaf: cost_order.hpp's estimate
  // Per rule: its condition with cheap children first (a reordered copy in `reordered`), or
  // the program's own tree when that is too deep to copy (cost_order.hpp).
  std::vector<const ir::Node*> conditions;
  std::vector<ir::Node> reordered;
  // The same conditions as one flat program, each rule's nodes in pre-order in a few adjacent
  // cache lines (a tree keeps every node's children in a heap block of their own, and a
  // candidate's blocks are cold). A node's children follow it; each ends where `end` says.
  struct FlatNode {
    ir::Op op = ir::Op::False;
    std::uint32_t leaf = 0;  // Op::Leaf
    std::uint32_t end = 0;   // one past the node's last descendant
  };
  std::vector<FlatNode> flat;
  std::vector<std::uint32_t> flat_roots;  // per rule: its root in `flat`

  // Whether rule `r`'s tree was shallow enough to reorder (and so to walk recursively).
  bool shallow(std::uint32_t r) const { return conditions[r] != &program->rules[r].condition; }
  std::uint32_t keyword_slot = 0;  // == fields.size(): the keyword pseudo-field

  // For binding a FieldStore's entries to fields (Scratch::Impl::bind): every field by the
  // store's name hash (open addressing), and which field names have a dot, as those are the
  // ones a store may answer without an entry (through its fallback).
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  struct Named {
    std::uint64_t hash = 0;
    std::uint32_t slot = kNoSlot;
  };
  std::vector<Named> by_name;
  std::vector<std::uint8_t> dotted;
  std::vector<std::uint64_t> name_hashes;  // per field: event::hash_name(its name)
  // The field called `name` (hash: event::hash_name(name)), or kNoSlot.
  std::uint32_t slot_named(std::string_view name, std::uint64_t hash) const {
    const std::size_t mask = by_name.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Named& n = by_name[i];
      if (n.slot == kNoSlot) return kNoSlot;
      if (n.hash == hash && fields[n.slot].name == name) return n.slot;
    }
  }
};

// What one event has told us about one field (or, in the keyword slot, its raw text or all its
// strings). Views point into the event, which outlives the evaluation.
struct FieldCache {
  std::uint32_t epoch = 0;       // values are this event's when equal to the Scratch epoch
  std::uint32_t fold_epoch = 0;  // folded is this event's when equal to the Scratch epoch
  bool present = false;
  std::vector<sigma::Value> values;
  std::vector<std::string_view> folded;  // per value: folded text (empty for non-strings)
  std::string fold_buf;                  // backing store for folded text that changed
};

class Collector final : public sigma::ValueSink {
 public:
  std::vector<sigma::Value>* out = nullptr;
  void value(const sigma::Value& v) override { out->push_back(v); }
};

struct Scratch::Impl {
  explicit Impl(const Engine::Impl& e);

  // Starts a new event. A FieldStore of at most `bind_limit` entries is bound (below): a caller
  // that will ask for only a few fields of large events passes a limit, as looking those few up
  // by name costs less than visiting every entry.
  void reset(const sigma::Event& ev, std::size_t bind_limit = SIZE_MAX);
  // Fills the field caches from a FieldStore's entries in one pass, so no field of it is
  // looked up by name afterwards.
  void bind(const sigma::event::FieldStore& store);

  // The field's values for this event: looked up on first use, then cached.
  const FieldCache& lookup(std::uint32_t slot);
  // Folded text of each value of the field (looks it up first if needed), folded once.
  std::span<const std::string_view> folded(std::uint32_t slot);

  bool leaf(ir::LeafId id);  // memoized
  // Records a leaf's result found by other means (the prefilter), as if computed.
  void know(ir::LeafId id, bool result) { memo[id] = (epoch << 2) | kKnown | (result ? 1u : 0u); }
  // The prefilter saw the literal that leaf `id` needs in this event (the leaf may hold). Only
  // before the evaluation, on a leaf the prefilter does not decide: nothing is known of it yet,
  // so the word is written without being read.
  void literal_seen(ir::LeafId id) { memo[id] = epoch << 2; }
  bool compute(const LeafMatcher&);  // leaf_eval.cpp
  bool eval(const ir::Node& root);   // condition_eval.cpp
  bool eval_rule(std::uint32_t rule);  // its condition, from the flat program

  const Engine::Impl* engine;
  const sigma::Event* event = nullptr;
  std::uint32_t epoch = 0;
  // The event is a bound FieldStore: a field without a dot that bind() did not fill is absent.
  bool bound = false;
  // The event when it is a FieldStore (bound or not), whose names lookup() finds by hash.
  const sigma::event::FieldStore* store = nullptr;
  std::vector<std::uint32_t> bound_slots;  // fields bind() filled, in order of first entry
  std::vector<std::uint32_t> entry_slots;  // per entry of the bound store: its field, or kNoSlot
  std::vector<FieldCache> caches;   // one per field, plus the keyword slot
  // Per leaf, one word (one cache miss) for all this event knows of it: epoch * 4, plus
  // kKnown and the result once known; epoch * 4 alone when the prefilter saw its literal.
  static constexpr std::uint32_t kKnown = 2;
  static constexpr std::uint32_t kMaxEpoch = std::numeric_limits<std::uint32_t>::max() >> 2;
  std::vector<std::uint32_t> memo;
  // Set by the prefilter for this event (null otherwise): per leaf, whether the prefilter
  // scanned the leaf's field for its literal, so that a leaf whose literal was not seen (no
  // memo of this epoch) is false without being computed.
  const std::uint8_t* prefiltered = nullptr;
  // condition_eval.cpp's explicit stacks, for trees and for the flat program.
  template <class Ref>
  struct Frame {
    Ref node;
    Ref next;  // the next child to evaluate (the first child before any ran)
  };
  std::vector<Frame<const ir::Node*>> stack;
  std::vector<Frame<std::uint32_t>> flat_stack;
  std::vector<std::uint32_t> fold_offsets;
  Collector collector;
  Scratch::Stats stats;
};

// The text a non-string value is compared as ("4688", "1.5", "true"); strings as they are.
inline std::optional<std::string_view> scalar_text(const sigma::Value& v,
                                                   char (&buf)[match::kNumberTextMax]) noexcept {
  switch (v.type) {
    case sigma::Value::Type::Int:
      return match::format_int(v.integer, buf);
    case sigma::Value::Type::Float:
      return match::format_double(v.real, buf);
    case sigma::Value::Type::Bool:
      return match::format_bool(v.boolean);
    case sigma::Value::Type::String:
      return v.text;
    case sigma::Value::Type::Null:
      break;
  }
  return std::nullopt;
}

inline bool Scratch::Impl::leaf(ir::LeafId id) {
  if (id >= memo.size()) return false;
  const std::uint32_t m = memo[id];
  const bool touched = (m >> 2) == epoch;
  if (touched && (m & kKnown) != 0) return (m & 1u) != 0;
  const bool r = (!touched && prefiltered != nullptr && prefiltered[id] != 0)
                     ? false
                     : compute(engine->leaves[id]);
  know(id, r);
  return r;
}

}  // namespace sigma::runtime
