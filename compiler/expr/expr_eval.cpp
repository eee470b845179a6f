// The evaluator: walks a Program's nodes for one event. Recursion depth is bounded by the
// parser's nesting cap (chains are flat), so the walk cannot overflow the stack.
//
// External interface: Evaluator, event_value(), truth() (expr_eval.hpp).
#include "compiler/expr/expr_eval.hpp"

#include <re2/re2.h>

#include <new>

#include "compiler/expr/expr_lex.hpp"
#include "compiler/expr/expr_ops.hpp"

namespace sigma::expr {

std::optional<bool> truth(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Bool:
      return v.boolean;
    case Value::Kind::Int:
      return v.integer != 0;
    case Value::Kind::Float:
      return v.real != 0;
    case Value::Kind::String:
      if (lex::equals_keyword(v.text, "true")) return true;
      if (lex::equals_keyword(v.text, "false")) return false;
      if (auto n = parse_number(v.text)) return n->as_double() != 0;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Value event_value(std::span<const sigma::Value> values, Scratch& scratch) {
  auto scalar = [](const sigma::Value& v) -> Value {
    switch (v.type) {
      case sigma::Value::Type::Bool:
        return Value::string(v.boolean ? "true" : "false", true);
      case sigma::Value::Type::Int:
        return Value::from_int(v.integer);
      case sigma::Value::Type::Float:
        return Value::from_double(v.real);
      case sigma::Value::Type::String:
        return Value::string(v.text, true);
      default:
        return Value::null();
    }
  };
  if (values.size() == 1) return scalar(values.front());
  std::size_t n = 0;
  auto* items = scratch.make_array<std::string_view>(values.size());
  for (const sigma::Value& v : values) {
    Value s = scalar(v);
    TextBuffer buf;
    auto text = scalar_text(s, buf);
    if (!text) continue;  // JSON nulls inside a list are skipped
    items[n++] = s.is_number() ? scratch.copy(*text) : *text;
  }
  Value out = Value::multi(std::span<const std::string_view>(items, n));
  out.from_field = true;  // a single remaining value is still field text
  return out;
}

// One evaluate() call: the evaluator's state plus the program being run.
struct EvalRun {
  Evaluator& ev;
  const Program& p;
  const Context& ctx;

  Value eval(std::uint32_t index);
  Value read_field(std::uint32_t id);
  Value chain(const Program::Node& n);
  Value logical(Op op, std::span<const Program::Arg> args);
  Value call(const Program::Node& n);
};

Value EvalRun::read_field(std::uint32_t id) {
  bool present = false;
  const std::span<const sigma::Value> values = ctx.field(id, present);
  return present ? event_value(values, ev.scratch_) : Value::null();
}

Value EvalRun::eval(std::uint32_t index) {
  const Program::Node& n = p.node(index);
  switch (n.code) {
    case Program::Code::Const:
      return p.constant(n.a);
    case Program::Code::Field:
      return read_field(n.a);
    case Program::Code::Var: {
      Value v = ctx.variable(n.a);
      if (v.kind == Value::Kind::String) v.from_field = true;  // SPL re-reads fields as text
      return v;
    }
    case Program::Code::Sel:
      return Value::from_bool(ctx.selection(n.a));
    case Program::Code::Neg:
      return ops::negate(eval(p.args(n).front().node));
    case Program::Code::Not: {
      auto t = truth(eval(p.args(n).front().node));
      return t ? Value::from_bool(!*t) : Value::null();
    }
    case Program::Code::Chain:
      return chain(n);
    case Program::Code::Call:
      return call(n);
  }
  return Value::null();
}

Value EvalRun::logical(Op op, std::span<const Program::Arg> args) {
  if (op == Op::Xor) {
    bool acc = false;
    for (const Program::Arg& a : args) {
      auto t = truth(eval(a.node));
      if (!t) return Value::null();
      acc ^= *t;
    }
    return Value::from_bool(acc);
  }
  // Kleene logic: the deciding value (false for AND, true for OR) wins over null and stops.
  bool decider = op == Op::Or;
  bool unknown = false;
  for (const Program::Arg& a : args) {
    auto t = truth(eval(a.node));
    if (!t)
      unknown = true;
    else if (*t == decider)
      return Value::from_bool(decider);
  }
  return unknown ? Value::null() : Value::from_bool(!decider);
}

Value EvalRun::chain(const Program::Node& n) {
  auto args = p.args(n);
  Op level = args[1].op;
  if (level == Op::And || level == Op::Or || level == Op::Xor) return logical(level, args);
  // A chain's operators share one precedence level: comparisons, or arithmetic.
  const bool comparing = precedence(level) == precedence(Op::Eq);
  Value acc = eval(args[0].node);
  for (std::size_t i = 1; i < args.size(); ++i) {
    Value rhs = eval(args[i].node);
    const Op op = args[i].op;
    acc = comparing ? ops::compare(op, acc, rhs) : ops::arithmetic(op, acc, rhs, ev.scratch_);
  }
  return acc;
}

Value EvalRun::call(const Program::Node& n) {
  auto args = p.args(n);
  switch (n.fn) {
    case Fn::If:
      return eval(truth(eval(args[0].node)) == true ? args[1].node : args[2].node);
    case Fn::Case:
      for (std::size_t i = 0; i + 1 < args.size(); i += 2)
        if (truth(eval(args[i].node)) == true) return eval(args[i + 1].node);
      return Value::null();
    case Fn::Validate:
      for (std::size_t i = 0; i + 1 < args.size(); i += 2)
        if (truth(eval(args[i].node)) != true) return eval(args[i + 1].node);
      return Value::null();
    case Fn::Coalesce:
      for (const Program::Arg& a : args) {
        Value v = eval(a.node);
        if (!v.is_null()) return v;
      }
      return Value::null();
    default:
      break;
  }
  Value* values = ev.scratch_.make_array<Value>(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) values[i] = eval(args[i].node);
  std::span<const Value> vals(values, args.size());

  Env env{ev.scratch_, *ev.regexes_, ev.tmp_};
  if (n.a != 0) {
    if (n.fn == Fn::CidrMatch)
      env.literal_cidr = &p.cidr(n.a - 1);
    else {
      env.literal_regex = &p.regex(n.a - 1);
      env.literal_needs = p.regex_needs(n.a - 1);
      env.literal_shortcut = &p.regex_shortcut(n.a - 1);
    }
  }
  switch (n.fn) {
    case Fn::IsNull:
    case Fn::IsNotNull:
    case Fn::IsNum:
    case Fn::IsInt:
    case Fn::IsStr:
    case Fn::IsBool:
    case Fn::TypeOf:
    case Fn::Match:
    case Fn::Like:
    case Fn::In:
    case Fn::CidrMatch:
      return call_predicate(n.fn, vals, env);
    case Fn::Lower:
    case Fn::Upper:
    case Fn::Len:
    case Fn::Trim:
    case Fn::LTrim:
    case Fn::RTrim:
    case Fn::Replace:
    case Fn::Substr:
    case Fn::ToNumber:
    case Fn::ToString:
      return call_text(n.fn, vals, env);
    case Fn::MvAppend:
    case Fn::MvJoin:
    case Fn::MvCount:
    case Fn::MvIndex:
    case Fn::MvDedup:
    case Fn::MvSort:
    case Fn::Split:
      return call_multi(n.fn, vals, env);
    default:
      return call_math(n.fn, vals, env);
  }
}

Evaluator::Evaluator() : regexes_(std::make_unique<RegexCache>()) {}
Evaluator::~Evaluator() = default;

Value Evaluator::evaluate(const Program& program, const Context& context) noexcept {
  if (program.empty()) return Value::null();
  EvalRun run{*this, program, context};
  return run.eval(program.root());
}

bool Evaluator::test(const Program& program, const Context& context) noexcept {
  return truth(evaluate(program, context)) == true;
}

void Evaluator::reset() noexcept { scratch_.reset(); }

}  // namespace sigma::expr
