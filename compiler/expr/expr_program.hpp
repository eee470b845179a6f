// Compiling an eval / where expression: text -> Program, with every name resolved and every
// literal regex / CIDR compiled once.
//
// External interface: compile(), Resolver, Program.
//
//   struct MyNames final : sigma::expr::Resolver { ... };
//   auto r = sigma::expr::compile("if(match(CommandLine, \"kubectl\"), 1, 0)", names);
//   if (!r.ok) for (auto& e : r.errors) report(e.code, e.offset, e.length, e.message);
//   // r.program is immutable and may be shared by threads; evaluate it with an Evaluator
//   // (expr_eval.hpp), one per thread.
//
// Names resolve in this order: an eval variable defined earlier in the rule, then a detection
// identifier (a selection, used as a boolean), then an event field.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/expr_ast.hpp"
#include "compiler/expr/expr_cidr.hpp"
#include "compiler/expr/expr_functions.hpp"
#include "compiler/expr/expr_value.hpp"
#include "runtime/match/regex_run.hpp"

namespace re2 {
class RE2;
}

namespace sigma::expr {

// Supplied by the caller (the rule compiler) to give names their meaning. Called once per
// name occurrence during compile(), never during evaluation.
class Resolver {
 public:
  virtual ~Resolver() = default;
  // An eval variable defined earlier in the same rule (later eval entries see earlier ones):
  // its slot, read back through Context::variable(). nullopt: not a variable.
  virtual std::optional<std::uint32_t> variable(std::string_view name) = 0;
  // A detection identifier (selection name) usable as a boolean: its index, read back
  // through Context::selection(). nullopt: not a selection.
  virtual std::optional<std::uint32_t> selection(std::string_view name) = 0;
  // Otherwise an event field: its interned id, read back through Context::field().
  virtual std::uint32_t field(std::string_view name) = 0;
};

// A compiled expression: immutable, copyable (regexes are shared), safe to share between
// threads.
class Program {
 public:
  // What a node computes. Children are args()[first .. first+count).
  enum class Code : std::uint8_t {
    Const,  // constants()[a]
    Field,  // event field id a
    Var,    // variable slot a
    Sel,    // selection index a
    Neg,    // -child
    Not,    // NOT child
    Chain,  // child0 op1 child1 op2 child2 ... (ops of one precedence level)
    Call,   // fn(children); a = 1 + index in regexes() / cidrs() of a compiled literal, or 0
  };
  struct Node {
    Code code = Code::Const;
    Fn fn = Fn::Null;
    std::uint32_t a = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  struct Arg {
    std::uint32_t node = 0;
    Op op = Op::Add;  // Chain: the operator before this operand (unused for the first)
  };

  const std::string& source() const { return source_; }
  bool empty() const { return nodes_.empty(); }  // default-constructed: evaluates to null
  std::uint32_t root() const { return root_; }
  const Node& node(std::uint32_t i) const { return nodes_[i]; }
  std::span<const Arg> args(const Node& n) const {
    return std::span<const Arg>(args_).subspan(n.first, n.count);
  }
  Value constant(std::uint32_t i) const;
  const re2::RE2& regex(std::uint32_t i) const { return *regexes_[i]; }
  // Sets of folded literals: a text must hold, folded, a literal of each for regex(i) to match
  // it (match::RegexLiterals::sets, checked by match::holds_each); none when there are none.
  std::span<const std::vector<std::string>> regex_needs(std::uint32_t i) const {
    return regex_needs_[i];
  }
  // match::shortcut_of(regex(i)): what answers it without RE2, if anything.
  const match::RegexShortcut& regex_shortcut(std::uint32_t i) const { return regex_shortcuts_[i]; }
  const CidrBlock& cidr(std::uint32_t i) const { return cidrs_[i]; }

  // The names the expression reads, each once, in first-use order: field ids (for
  // prefetching), variable slots, selection indexes.
  std::span<const std::uint32_t> fields() const { return fields_; }
  std::span<const std::uint32_t> variables() const { return variables_; }
  std::span<const std::uint32_t> selections() const { return selections_; }

  // The compiled tree in the AST dump's notation, with resolved names: `field#3`, `var#0`,
  // `sel#1`, `num(3)`, `str("x")`, `add(var#0,num(1))`, `call(match/re,field#0,str("k"))`.
  std::string dump() const;

 private:
  friend class ProgramBuilder;

  struct Constant {
    Value::Kind kind = Value::Kind::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0;
    std::uint32_t offset = 0, length = 0;  // String: in pool_
  };

  std::string source_;
  std::vector<Node> nodes_;
  std::vector<Arg> args_;
  std::vector<Constant> constants_;
  std::string pool_;
  std::vector<std::shared_ptr<const re2::RE2>> regexes_;
  std::vector<std::vector<std::vector<std::string>>> regex_needs_;  // one per regex
  std::vector<match::RegexShortcut> regex_shortcuts_;                // one per regex
  std::vector<CidrBlock> cidrs_;
  std::vector<std::uint32_t> fields_, variables_, selections_;
  std::uint32_t root_ = 0;
};

struct CompileResult {
  bool ok = false;
  Program program;            // usable when ok
  std::vector<Error> errors;  // every problem found (parse errors stop at the first)
};

// Parses and compiles. Errors: S0501 syntax, S0502 unknown function, S0503 wrong number of
// arguments, S0106 invalid regex literal (match / replace), S0108 invalid CIDR literal.
// Never throws.
CompileResult compile(std::string_view text, Resolver& resolver);

// Compiles an already parsed tree (the same checks as compile()).
CompileResult compile(const Node& root, std::string_view text, Resolver& resolver);

}  // namespace sigma::expr
