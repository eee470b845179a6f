// Evaluating a compiled expression (expr_program.hpp) for one event.
//
// External interface: Context (implemented by the caller), Evaluator, event_value().
//
//   sigma::expr::Evaluator ev;                    // one per thread; reuse it
//   for (const Event& e : events) {
//     MyContext ctx(e, variables);                // answers fields, variables, selections
//     for (auto& [slot, program] : rule.evals)    // eval entries, in order
//       variables[slot] = ev.evaluate(program, ctx);
//     if (ev.test(rule.where, ctx)) emit(...);    // format values before the next reset()
//     ev.reset();                                 // frees every string made for this event
//   }
//
// Semantics (Splunk eval):
//  - null: arithmetic, `.`, comparisons and functions of null give null, except isnull,
//    isnotnull, coalesce, if, case, validate, mvappend (skips nulls), typeof, isnum / isint /
//    isstr / isbool (false), null(). `if(null, a, b)` is b.
//  - booleans: comparisons, AND / OR / XOR / NOT, match / like / in / cidrmatch / is*() give
//    Bool. AND / OR are three-valued (false AND null = false, true OR null = true, else null);
//    NOT null and XOR with null are null. Where a condition is needed (if, case, validate,
//    AND, OR, NOT, XOR, Evaluator::test) a Bool counts as itself, a number as != 0, the text
//    "true" / "false" (any case) or numeric text likewise, and anything else (null, other
//    text, a multivalue) as "not true": a `where` keeps the event only on true.
//  - numbers: int64 arithmetic while exact (overflow moves to double); `/` gives an integer
//    only when the division is exact; division or modulo by zero is null. `+` adds two numbers
//    (a field's numeric text counts as a number) and otherwise concatenates two strings;
//    `- * / %` and unary `-` take numbers or numeric text; other operands give null. `.`
//    concatenates the text of any two scalars.
//  - comparisons: numerically when both sides are numbers or numeric text, otherwise by the
//    bytes of their text (case-sensitive). A multivalue side compares true when any of its
//    values does (for `!=` too: some value differs).
//  - match(s, re): RE2, unanchored, case-sensitive; like(s, p): `%` any run, `_` one
//    character, `\` escapes, case-sensitive, whole text; a multivalue `s` matches when any
//    value does, as does in() and cidrmatch(). String functions (lower, upper, trim*, replace,
//    substr) map over a multivalue; numeric functions give null for one. tonumber() ignores
//    surrounding spaces; elsewhere numeric text must be the whole text ("42", "-1.5e3").
//  - event fields: a string stays text (numeric text acts as a number where SPL would treat
//    it so), an integer / float is a number, a boolean is the text "true" / "false", JSON null
//    or a field with no values is null, several values make a multivalue.
#pragma once

#include <cstdint>
#include <memory>
#include <sigma/event.hpp>
#include <span>
#include <string>
#include <vector>

#include "compiler/expr/expr_program.hpp"
#include "compiler/expr/expr_scratch.hpp"
#include "compiler/expr/expr_value.hpp"

namespace sigma::expr {

// What an expression can see of the event being evaluated: the ids, slots and indexes are
// the ones the Resolver handed out when the expression was compiled.
class Context {
 public:
  // The values of event field `id`, with `present` false when the event has no such field
  // (null). The values and their views must outlive the evaluation (the Evaluator's field
  // cache, the event's memory): a span, so that a read needs no copy of them.
  virtual std::span<const sigma::Value> field(std::uint32_t id, bool& present) const = 0;
  // The value eval variable `slot` got for this event (earlier entries run first). A value
  // the Evaluator produced stays valid until its reset().
  virtual Value variable(std::uint32_t slot) const = 0;
  // Whether detection identifier `index` matched this event.
  virtual bool selection(std::uint32_t index) const = 0;

 protected:
  ~Context() = default;
};

class RegexCache;

// Per-thread evaluation state: scratch memory for the strings and lists results need, and a
// cache for regexes that are not literals. Not thread-safe; Programs are.
class Evaluator {
 public:
  Evaluator();
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The expression's value. Views in it stay valid until reset().
  Value evaluate(const Program& program, const Context& context) noexcept;

  // `where` semantics: true only when the value is true (see the header comment).
  bool test(const Program& program, const Context& context) noexcept;

  // Forgets every value made since the last reset (call once per event).
  void reset() noexcept;

  Scratch& scratch() { return scratch_; }

 private:
  friend struct EvalRun;
  Scratch scratch_;
  std::unique_ptr<RegexCache> regexes_;
  std::string tmp_;  // builds strings before they move to scratch_
};

// The expression value of an event field's values, as Context::field reports them: none is
// null, one is a scalar, several are a multivalue (texts formatted into `scratch`). Exposed so
// the engine shows plain event fields in an output table exactly as eval sees them.
Value event_value(std::span<const sigma::Value> values, Scratch& scratch);

// Whether a value counts as true where a condition is needed: true / false / nullopt (null).
std::optional<bool> truth(const Value& v);

}  // namespace sigma::expr
