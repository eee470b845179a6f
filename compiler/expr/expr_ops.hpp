// Internal to the evaluator: operators and the environment the built-in functions run in.
// Semantics are documented in expr_eval.hpp.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "compiler/expr/expr_ast.hpp"
#include "compiler/expr/expr_cidr.hpp"
#include "compiler/expr/expr_functions.hpp"
#include "compiler/expr/expr_scratch.hpp"
#include "compiler/expr/expr_value.hpp"
#include "runtime/match/regex_run.hpp"

namespace re2 {
class RE2;
}

namespace sigma::expr {

class RegexCache {
 public:
  RegexCache();
  ~RegexCache();
  // The compiled regex for a non-literal pattern, or nullptr when it does not compile.
  const re2::RE2* get(std::string_view pattern);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What a built-in may use besides its arguments.
struct Env {
  Scratch& scratch;
  RegexCache& regexes;
  std::string& tmp;
  const re2::RE2* literal_regex = nullptr;     // match / replace with a literal pattern
  std::span<const std::vector<std::string>> literal_needs;  // its Program::regex_needs
  const match::RegexShortcut* literal_shortcut = nullptr;   // its Program::regex_shortcut
  const CidrBlock* literal_cidr = nullptr;     // cidrmatch with a literal block
};

namespace ops {

// Binary operators of the arithmetic levels: Add Sub Cat Mul Div Mod.
Value arithmetic(Op op, const Value& a, const Value& b, Scratch& scratch);
Value negate(const Value& v);

// Eq Ne Lt Le Gt Ge Like: Bool, or null when a side is null.
Value compare(Op op, const Value& a, const Value& b);

// One comparison of two scalars (no null, no multivalue).
bool compare_scalars(Op op, const Value& a, const Value& b);

// SPL like: `%` any run, `_` one character, `\` escapes the next character.
bool like(std::string_view text, std::string_view pattern);

// Each value of a scalar or multivalue, as a Value (multivalue items as field text).
template <class F>
bool any_of_values(const Value& v, F&& f) {
  if (v.kind != Value::Kind::Multi) return f(v);
  for (std::string_view s : v.items())
    if (f(Value::string(s, true))) return true;
  return false;
}

}  // namespace ops

// The eagerly evaluated built-ins, by family. `args` has the count compile() checked.
Value call_predicate(Fn fn, std::span<const Value> args, Env& env);
Value call_text(Fn fn, std::span<const Value> args, Env& env);
Value call_multi(Fn fn, std::span<const Value> args, Env& env);
Value call_math(Fn fn, std::span<const Value> args, Env& env);

}  // namespace sigma::expr
