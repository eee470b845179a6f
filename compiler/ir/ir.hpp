// The IR: what a compiled rule set is, before the runtime turns it into matchers.
//
// A Program holds the field table, a table of leaf predicates shared by all rules (identical
// predicates are interned once, so an engine can evaluate each at most once per event), and
// per rule an immutable boolean tree over those leaves. Literals are already folded for
// case-insensitive matching (runtime/text/casefold.hpp) and regexes are compiled (RE2).
//
// Every IR prints itself (ir_dump.hpp); `sigmac compile --emit ir` and the golden tests use
// that printer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/expr/expr_program.hpp"
#include "runtime/match/cidr.hpp"

namespace re2 {
class RE2;
}

namespace sigma::ir {

using FieldId = std::uint32_t;
using LeafId = std::uint32_t;

// Keyword leaves search the event's raw text (or, without one, every string field).
inline constexpr FieldId kKeywords = 0xFFFFFFFFu;

struct FieldInfo {
  std::string name;               // as written in rules: "user.username"
  std::vector<std::string> path;  // split on '.'
};

// Field names are interned: the same name always gets the same id.
class FieldTable {
 public:
  FieldId intern(std::string_view name);
  const FieldInfo& operator[](FieldId id) const { return fields_[id]; }
  std::size_t size() const { return fields_.size(); }
  const std::vector<FieldInfo>& all() const { return fields_; }

 private:
  std::vector<FieldInfo> fields_;
  std::map<std::string, FieldId, std::less<>> ids_;
};

// --- leaf predicates -------------------------------------------------------------------------

enum class StringOp : std::uint8_t { Exact, Prefix, Suffix, Contains, Glob };

// String comparison. `pattern` is folded (casefold) unless `cased`. For Exact..Contains it is a
// plain literal; for Glob it is in escaped-glob form: `*` any run, `?` one character, `\*` `\?`
// `\\` the literal character. A number or boolean event value is compared by its text form
// ("4688", "true").
struct StringMatch {
  StringOp op = StringOp::Exact;
  bool cased = false;
  std::string pattern;
  friend bool operator==(const StringMatch&, const StringMatch&) = default;
};

// RE2, unanchored search, case-sensitive unless `i`.
struct RegexMatch {
  std::string pattern;  // as written in the rule
  bool i = false, m = false, s = false;
  std::shared_ptr<const re2::RE2> re;  // compiled with the flags above
  friend bool operator==(const RegexMatch& a, const RegexMatch& b) {
    return a.pattern == b.pattern && a.i == b.i && a.m == b.m && a.s == b.s;
  }
};

enum class CmpOp : std::uint8_t { Eq, Lt, Lte, Gt, Gte };

// Numeric comparison (lt lte gt gte). Strings that parse fully as numbers are compared too.
struct NumberCmp {
  CmpOp op = CmpOp::Eq;
  double value = 0;
  std::string text;  // the rule's literal, for printing
  friend bool operator==(const NumberCmp& a, const NumberCmp& b) {
    return a.op == b.op && a.value == b.value;
  }
};

struct CidrMatch {
  match::Cidr net;
  std::string text;
  friend bool operator==(const CidrMatch& a, const CidrMatch& b) { return a.text == b.text; }
};

// `field|exists: true|false`.
struct Exists {
  bool present = true;
  friend bool operator==(const Exists&, const Exists&) = default;
};

// `field: null`: the field is absent or null.
struct IsNull {
  friend bool operator==(const IsNull&, const IsNull&) = default;
};

// `field|fieldref: other`: compares with another field of the same event.
struct FieldRef {
  FieldId other = 0;
  StringOp op = StringOp::Exact;  // Exact, Prefix, Suffix or Contains
  bool cased = false;
  friend bool operator==(const FieldRef&, const FieldRef&) = default;
};

enum class TimePart : std::uint8_t { Minute, Hour, Day, Week, Month, Year };

// `field|hour: 3`, `field|hour|gte: 22`: a part of a timestamp field compared with a number.
struct TimeCmp {
  TimePart part = TimePart::Hour;
  CmpOp op = CmpOp::Eq;
  std::int64_t value = 0;
  friend bool operator==(const TimeCmp&, const TimeCmp&) = default;
};

using Predicate =
    std::variant<StringMatch, RegexMatch, NumberCmp, CidrMatch, Exists, IsNull, FieldRef, TimeCmp>;

struct Leaf {
  FieldId field = 0;  // kKeywords for keyword searches
  Predicate pred;
  friend bool operator==(const Leaf&, const Leaf&) = default;
};

// Interns leaves: identical predicates on the same field get the same id.
class LeafTable {
 public:
  LeafId intern(const Leaf& leaf);  // copies the leaf only when it is new
  LeafId intern(Leaf&& leaf);
  const Leaf& operator[](LeafId id) const { return leaves_[id]; }
  std::size_t size() const { return leaves_.size(); }
  const std::vector<Leaf>& all() const { return leaves_; }

 private:
  struct Slot {
    std::size_t hash = 0;
    LeafId id = kFree;
  };
  static constexpr LeafId kFree = 0xFFFFFFFFu;
  // The slot holding an equal leaf, or the free slot where it would go.
  Slot& find(const Leaf& leaf, std::size_t hash);
  LeafId add(Slot& slot, std::size_t hash, Leaf&& leaf);

  std::vector<Leaf> leaves_;
  // Open addressing over the leaves' hashes, at most half full: compiling the corpus interns
  // every leaf twice (the item's table, then the rule set's), so a tree's node per leaf and its
  // pointer chase cost more than the rest of interning.
  std::vector<Slot> slots_;
};

// --- boolean tree ----------------------------------------------------------------------------

enum class Op : std::uint8_t { And, Or, Not, True, False, Leaf };

struct Node {
  Op op = Op::False;
  LeafId leaf = 0;              // Op::Leaf
  std::vector<Node> children;   // And, Or (2+ after simplification), Not (exactly 1)

  static Node constant(bool b) { return Node{b ? Op::True : Op::False, 0, {}}; }
  static Node make_leaf(LeafId id) { return Node{Op::Leaf, id, {}}; }
  static Node make_not(Node n);
  static Node make(Op op, std::vector<Node> children);
  friend bool operator==(const Node&, const Node&) = default;
};

// --- rules -----------------------------------------------------------------------------------

struct Logsource {
  std::string category, product, service;
  friend bool operator==(const Logsource&, const Logsource&) = default;
};

// An output column: an event field, or a variable of the rule's eval / score extension.
struct Column {
  enum class Source : std::uint8_t { Field, Variable };
  std::string name;
  Source source = Source::Field;
  std::uint32_t index = 0;  // FieldId, or Extension variable slot
};

struct SortKey {
  std::string column;  // names one of the rule's columns
  bool descending = false;
};

// The eval / score / where / sort extension (docs/language.md), run after the condition matched:
// the variables in slot order (eval entries, then score), then `where`.
struct Extension {
  std::vector<std::string> variables;  // slot -> name
  std::vector<expr::Program> values;   // slot -> expression
  expr::Program where;                 // empty(): no where
  std::vector<SortKey> sort;
};

struct Rule {
  std::string id, name, title, level, status, file, description, author, date, modified;
  std::vector<std::string> tags, references, falsepositives, fields;
  Logsource logsource;
  Node condition;
  // The alert's output columns: the rule's `fields`, or the fields its condition reads.
  std::vector<Column> columns;
  std::shared_ptr<const Extension> extension;  // null for a plain Sigma rule
  // Named selections the condition was built from, kept so eval expressions can use a
  // detection identifier as a boolean.
  std::vector<std::pair<std::string, Node>> selections;
};

// A correlation rule over the alerts of other rules (spec: correlation rules).
struct Correlation {
  std::string id, name, title, level, type;  // type: event_count, value_count, temporal, ...
  std::vector<std::uint32_t> rules;           // indexes into Program::rules
  std::vector<std::string> group_by;
  std::uint64_t timespan_seconds = 0;
  std::vector<std::pair<CmpOp, double>> condition;  // all must hold (neq is kept as a pair below)
  std::vector<double> not_equal;
  std::string field;  // value_count and the value_* types
  bool generate = false;
};

struct Program {
  FieldTable fields;
  LeafTable leaves;
  std::vector<Rule> rules;
  std::vector<Correlation> correlations;
};

}  // namespace sigma::ir
