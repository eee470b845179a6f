// AST -> Program: resolves names, checks functions and their argument counts, folds constant
// literals, and compiles literal regexes and CIDR blocks once.
//
// External interface: compile() (expr_program.hpp).
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>

#include "compiler/diag/edit_distance.hpp"
#include "compiler/expr/expr_grammar.hpp"
#include "compiler/expr/expr_program.hpp"
#include "runtime/match/regex_compile.hpp"
#include "runtime/match/regex_literals.hpp"

namespace sigma::expr {

// Friend of Program: the only writer of its tables.
class ProgramBuilder {
 public:
  ProgramBuilder(Program& p, Resolver& r, std::vector<Error>& errors)
      : p_(p), resolver_(r), errors_(errors) {}

  std::uint32_t build(const Node& n);
  void finish(std::string_view text, std::uint32_t root) {
    p_.source_ = std::string(text);
    p_.root_ = root;
  }

 private:
  using Code = Program::Code;

  std::uint32_t add_node(Program::Node n) {
    p_.nodes_.push_back(n);
    return static_cast<std::uint32_t>(p_.nodes_.size() - 1);
  }
  std::uint32_t add_constant(Program::Constant c) {
    p_.constants_.push_back(c);
    return add_node(
        {Code::Const, Fn::Null, static_cast<std::uint32_t>(p_.constants_.size() - 1), 0, 0});
  }
  std::uint32_t constant_int(std::int64_t i) {
    Program::Constant c;
    c.kind = Value::Kind::Int;
    c.integer = i;
    return add_constant(c);
  }
  std::uint32_t constant_float(double d) {
    Program::Constant c;
    c.kind = Value::Kind::Float;
    c.real = d;
    return add_constant(c);
  }
  std::uint32_t constant_string(std::string_view s) {
    Program::Constant c;
    c.kind = Value::Kind::String;
    c.offset = static_cast<std::uint32_t>(p_.pool_.size());
    c.length = static_cast<std::uint32_t>(s.size());
    p_.pool_ += s;
    return add_constant(c);
  }
  std::uint32_t constant_bool(bool b) {
    Program::Constant c;
    c.kind = Value::Kind::Bool;
    c.boolean = b;
    return add_constant(c);
  }
  std::uint32_t constant_null() { return add_constant({}); }

  // Appends the operands as one contiguous run of args; returns the node.
  std::uint32_t add_parent(Program::Node n, const std::vector<Program::Arg>& args) {
    n.first = static_cast<std::uint32_t>(p_.args_.size());
    n.count = static_cast<std::uint32_t>(args.size());
    p_.args_.insert(p_.args_.end(), args.begin(), args.end());
    return add_node(n);
  }

  static void remember(std::vector<std::uint32_t>& list, std::uint32_t v) {
    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  }

  void error(const char* code, const Node& at, std::uint32_t length, std::string message,
             std::string help = {}) {
    Error e;
    e.code = code;
    e.offset = at.offset;
    e.length = std::max<std::uint32_t>(length, 1);
    e.message = std::move(message);
    e.help = std::move(help);
    errors_.push_back(std::move(e));
  }

  std::uint32_t name(const Node& n);
  std::uint32_t call(const Node& n);
  bool check_arity(const Node& n, const FunctionInfo& f);
  std::uint32_t literal_regex(const Node& pattern);
  std::uint32_t literal_cidr(const Node& text);

  Program& p_;
  Resolver& resolver_;
  std::vector<Error>& errors_;
};

namespace {

std::string suggest_function(std::string_view name) {
  std::string_view best;
  std::size_t best_distance = 3;  // only close misspellings
  for (const FunctionInfo& f : all_functions()) {
    std::size_t d = sigma::diag::edit_distance(name, f.name);
    if (d < best_distance) best_distance = d, best = f.name;
  }
  return best.empty() ? std::string() : fmt::format("did you mean `{}`?", best);
}

std::string arity_text(const FunctionInfo& f) {
  if (f.pairs) return "an even number of arguments (condition, value pairs)";
  if (f.max_args == kVariadic)
    return fmt::format("at least {} argument{}", f.min_args, f.min_args == 1 ? "" : "s");
  if (f.min_args == f.max_args)
    return fmt::format("{} argument{}", f.min_args, f.min_args == 1 ? "" : "s");
  return fmt::format("{} to {} arguments", f.min_args, f.max_args);
}

}  // namespace

std::uint32_t ProgramBuilder::build(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Int:
      return constant_int(n.integer);
    case Node::Kind::Float:
      return constant_float(n.real);
    case Node::Kind::String:
      return constant_string(n.text);
    case Node::Kind::Name:
      return name(n);
    case Node::Kind::Call:
      return call(n);
    case Node::Kind::Unary: {
      const Node& child = n.children.front();
      if (n.op == Op::Neg && child.kind == Node::Kind::Int && child.integer != INT64_MIN)
        return constant_int(-child.integer);
      if (n.op == Op::Neg && child.kind == Node::Kind::Float) return constant_float(-child.real);
      std::uint32_t c = build(child);
      return add_parent({n.op == Op::Neg ? Code::Neg : Code::Not, Fn::Null, 0, 0, 0}, {{c}});
    }
    case Node::Kind::Chain: {
      std::vector<Program::Arg> args;
      args.reserve(n.children.size());
      for (std::size_t i = 0; i < n.children.size(); ++i)
        args.push_back({build(n.children[i]), i == 0 ? n.ops.front() : n.ops[i - 1]});
      return add_parent({Code::Chain, Fn::Null, 0, 0, 0}, args);
    }
  }
  return constant_null();
}

std::uint32_t ProgramBuilder::name(const Node& n) {
  if (auto slot = resolver_.variable(n.text)) {
    remember(p_.variables_, *slot);
    return add_node({Code::Var, Fn::Null, *slot, 0, 0});
  }
  if (auto index = resolver_.selection(n.text)) {
    remember(p_.selections_, *index);
    return add_node({Code::Sel, Fn::Null, *index, 0, 0});
  }
  std::uint32_t id = resolver_.field(n.text);
  remember(p_.fields_, id);
  return add_node({Code::Field, Fn::Null, id, 0, 0});
}

bool ProgramBuilder::check_arity(const Node& n, const FunctionInfo& f) {
  std::size_t count = n.children.size();
  bool ok = count >= f.min_args && (f.max_args == kVariadic || count <= f.max_args) &&
            (!f.pairs || count % 2 == 0);
  if (!ok)
    error("S0503", n, static_cast<std::uint32_t>(n.text.size()),
          fmt::format("`{}` takes {}, but {} {} given", f.name, arity_text(f), count,
                      count == 1 ? "was" : "were"));
  return ok;
}

std::uint32_t ProgramBuilder::literal_regex(const Node& pattern) {
  std::shared_ptr<const RE2> re = match::compile_regex(pattern.text);
  if (!re->ok()) {
    error("S0106", pattern, pattern.length,
          fmt::format("invalid regular expression: {}", re->error()),
          "RE2 syntax: no backreferences or lookaround");
    return 0;
  }
  p_.regex_shortcuts_.push_back(match::shortcut_of(*re));
  // A regex of literals is searched for as cheaply as its pre-check would be.
  p_.regex_needs_.push_back(p_.regex_shortcuts_.back().literals
                                ? std::vector<std::vector<std::string>>{}
                                : match::literal_needs(match::RegexLiterals(*re)));
  p_.regexes_.push_back(std::move(re));
  return static_cast<std::uint32_t>(p_.regexes_.size());
}

std::uint32_t ProgramBuilder::literal_cidr(const Node& text) {
  auto block = parse_cidr(text.text);
  if (!block) {
    error("S0108", text, text.length, fmt::format("invalid CIDR block \"{}\"", text.text),
          "write an address and prefix length, e.g. \"10.0.0.0/8\"");
    return 0;
  }
  p_.cidrs_.push_back(*block);
  return static_cast<std::uint32_t>(p_.cidrs_.size());
}

std::uint32_t ProgramBuilder::call(const Node& n) {
  const FunctionInfo* f = find_function(n.text);
  std::vector<Program::Arg> args;
  args.reserve(n.children.size());
  for (const Node& c : n.children) args.push_back({build(c)});
  if (f == nullptr) {
    error("S0502", n, static_cast<std::uint32_t>(n.text.size()),
          fmt::format("unknown function `{}`", n.text), suggest_function(n.text));
    return constant_null();
  }
  if (!check_arity(n, *f)) return constant_null();
  switch (f->fn) {
    case Fn::True:
      return constant_bool(true);
    case Fn::False:
      return constant_bool(false);
    case Fn::Null:
      return constant_null();
    default:
      break;
  }
  std::uint32_t a = 0;
  auto is_literal = [&](std::size_t i) {
    return i < n.children.size() && n.children[i].kind == Node::Kind::String;
  };
  if ((f->fn == Fn::Match || f->fn == Fn::Replace) && is_literal(1)) {
    a = literal_regex(n.children[1]);
    if (a != 0 && f->fn == Fn::Replace && is_literal(2)) {
      std::string why;
      if (!p_.regexes_[a - 1]->CheckRewriteString(n.children[2].text, &why))
        error("S0106", n.children[2], n.children[2].length,
              fmt::format("invalid replacement: {}", why),
              "\\1 .. \\9 name groups of the regex; write \\\\ for a backslash");
    }
  } else if (f->fn == Fn::CidrMatch && is_literal(0)) {
    a = literal_cidr(n.children[0]);
  }
  return add_parent({Code::Call, f->fn, a, 0, 0}, args);
}

CompileResult compile(const Node& root, std::string_view text, Resolver& resolver) {
  CompileResult result;
  try {
    ProgramBuilder b(result.program, resolver, result.errors);
    b.finish(text, b.build(root));
  } catch (const std::exception& e) {
    Error err;
    err.message = fmt::format("cannot compile expression: {}", e.what());
    result.errors.push_back(std::move(err));
  }
  result.ok = result.errors.empty();
  return result;
}

CompileResult compile(std::string_view text, Resolver& resolver) {
  ParseResult parsed = parse_expression(text);
  if (!parsed.ok) {
    CompileResult result;
    result.errors = std::move(parsed.errors);
    return result;
  }
  return compile(parsed.root, text, resolver);
}

}  // namespace sigma::expr
