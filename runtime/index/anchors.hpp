// Anchors: the literal facts a rule cannot match without.
//
// An anchor is a leaf the prefilter can test for all rules at once: a case-insensitive exact
// value (looked up in a hash table), or literals one of which the field's folded text must
// contain (found by one multi-literal scan per field value): a string leaf's literal, or the
// literals RE2 finds a regex cannot match without. A rule's cover is one or two clauses, each a
// set of anchors at least one of which holds whenever the rule matches; a rule is evaluated
// only for events that hit every clause of its cover. Rules without a cover (a NOT at the top,
// a regex with no literal, ...) are evaluated always.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine.hpp"
#include "runtime/index/literal_filter.hpp"
#include "runtime/match/regex_literals.hpp"

namespace sigma::runtime {

struct AnchorSpec {
  enum class Kind : std::uint8_t { Exact, Literal };
  Kind kind = Kind::Literal;
  std::uint32_t slot = 0;  // field id, or the engine's keyword slot
  // Exact: the folded value. Literal: folded literals, at least one of which the leaf's field
  // holds whenever the leaf is true.
  std::vector<std::string> texts;
  // The hit *is* the leaf's result (an exact value, a plain `contains`), so the prefilter can
  // record it and the leaf is never computed for this event.
  bool decides = false;
};

// Literals shorter than this are not anchors (exact values of any length are): one or two
// bytes occur in most text. The exception is a 2-byte literal that starts with a non-ASCII
// byte (LiteralFilter::accepts).
inline constexpr std::size_t kMinLiteral = LiteralFilter::kMinLength;

// The anchor of one leaf, or nullopt when the leaf cannot be one. A regex leaf's literals come
// from `literals` when given (its prefilter, parsed once by the engine), else from its regex.
std::optional<AnchorSpec> anchor_of(const ir::Leaf& leaf, std::uint32_t keyword_slot,
                                    const match::RegexLiterals* literals = nullptr);

// anchor_of for every leaf of an engine's program, worked out once per engine and shared by
// the indexes of every source.
std::vector<std::optional<AnchorSpec>> anchors_of(const Engine& engine);

// The longest run of literal text in an escaped glob, read as match::Glob reads it.
std::string longest_literal(std::string_view glob);

// Chooses a rule's cover. `anchorable[leaf]` says which leaves can be anchors; `weight[leaf]`
// estimates how often an anchor holds (lower is more selective). Returns the cover's clauses,
// most selective first, each as its sorted leaves (none: the rule never matches), or nullopt
// when the rule has no cover. Of an AND's clauses (each of its children's), the most selective
// is kept, and the next one too when its weight is at most kSecondClause: an event then hits
// both far less often than the first alone, while a clause that holds often (EventID 1, which
// most process creation rules require) would only cost look-ups on every event.
inline constexpr float kSecondClause = 1e-2f;
using Clauses = std::vector<std::vector<ir::LeafId>>;
std::optional<Clauses> choose_cover(const ir::Node& condition, const std::vector<bool>& anchorable,
                                    const std::vector<float>& weight);

}  // namespace sigma::runtime
