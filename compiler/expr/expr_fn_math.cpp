// Built-ins on numbers: abs, round, floor, ceil, min, max, pow, sqrt.
#include <cmath>
#include <cstdint>

#include "compiler/expr/expr_ops.hpp"

namespace sigma::expr {
namespace {

// A double that holds an integer value becomes an Int when it fits (floor(2.5) prints 2).
Value integral(double d) {
  if (std::isfinite(d) && std::fabs(d) < 9.2e18)
    return Value::from_int(static_cast<std::int64_t>(d));
  return Value::from_double(d);
}

Value round(std::span<const Value> args) {
  auto x = numeric(args[0]);
  if (!x) return Value::null();
  std::int64_t digits = 0;
  if (args.size() > 1) {
    auto d = numeric(args[1]);
    if (!d || !d->is_int || d->i > 15 || d->i < -15) return Value::null();
    digits = d->i;
  }
  if (x->is_int && digits >= 0) return x->value();
  if (digits == 0) return integral(std::round(x->d));  // half away from zero, as SPL
  double scale = std::pow(10.0, static_cast<double>(digits));
  double r = std::round(x->as_double() * scale) / scale;
  return digits < 0 ? integral(r) : Value::from_double(r);
}

// min / max over every value of every argument (multivalues included), skipping nulls.
// Numbers (and numeric text) compare as numbers and sort before other text, which compares
// by bytes. The winner is returned as it was given.
Value extreme(std::span<const Value> args, bool want_max) {
  Value best;
  auto better = [&](const Value& v) {
    if (best.is_null()) return true;
    auto a = numeric(v), b = numeric(best);
    if (a && b) return want_max ? a->as_double() > b->as_double() : a->as_double() < b->as_double();
    if (a || b) return want_max ? !a : a.has_value();
    TextBuffer ba, bb;
    auto ta = scalar_text(v, ba), tb = scalar_text(best, bb);
    if (!ta || !tb) return false;
    return want_max ? *ta > *tb : *ta < *tb;
  };
  for (const Value& a : args) {
    if (a.is_null()) continue;
    ops::any_of_values(a, [&](const Value& v) {
      if (better(v)) best = v;
      return false;
    });
  }
  return best;
}

}  // namespace

Value call_math(Fn fn, std::span<const Value> args, Env&) {
  switch (fn) {
    case Fn::Min:
      return extreme(args, false);
    case Fn::Max:
      return extreme(args, true);
    case Fn::Round:
      return round(args);
    default:
      break;
  }
  auto x = numeric(args[0]);
  if (!x) return Value::null();
  switch (fn) {
    case Fn::Abs:
      if (x->is_int && x->i != INT64_MIN) return Value::from_int(x->i < 0 ? -x->i : x->i);
      return Value::from_double(std::fabs(x->as_double()));
    case Fn::Floor:
      return x->is_int ? x->value() : integral(std::floor(x->d));
    case Fn::Ceil:
      return x->is_int ? x->value() : integral(std::ceil(x->d));
    case Fn::Sqrt:
      return x->as_double() < 0 ? Value::null() : Value::from_double(std::sqrt(x->as_double()));
    case Fn::Pow: {
      auto y = numeric(args[1]);
      if (!y) return Value::null();
      double r = std::pow(x->as_double(), y->as_double());
      return std::isnan(r) ? Value::null() : Value::from_double(r);
    }
    default:
      return Value::null();
  }
}

}  // namespace sigma::expr
