// Built-ins on multivalues: mvappend, mvjoin, mvcount, mvindex, mvdedup, mvsort, split.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "compiler/expr/expr_ops.hpp"
#include "compiler/expr/expr_utf8.hpp"

namespace sigma::expr {
namespace {

// The values of v as texts that live in scratch (a scalar is a list of one; null of none).
std::span<const std::string_view> values_of(const Value& v, Scratch& scratch) {
  if (v.kind == Value::Kind::Multi) return v.items();
  TextBuffer buf;
  auto text = scalar_text(v, buf);
  if (!text) return {};
  auto* item = scratch.make_array<std::string_view>(1);
  *item = v.is_number() ? scratch.copy(*text) : *text;
  return {item, 1};
}

Value make_list(std::string_view* items, std::size_t n) {
  Value v = Value::multi(std::span<const std::string_view>(items, n));
  v.from_field = true;  // list items are text, as a field's values are
  return v;
}

Value mvappend(std::span<const Value> args, Scratch& scratch) {
  std::size_t total = 0;
  for (const Value& a : args) total += a.kind == Value::Kind::Multi ? a.items().size() : 1;
  auto* items = scratch.make_array<std::string_view>(total);
  std::size_t n = 0;
  for (const Value& a : args)
    for (std::string_view s : values_of(a, scratch)) items[n++] = s;
  return make_list(items, n);
}

Value mvjoin(std::span<const Value> args, Env& env) {
  if (args[0].is_null() || args[1].is_null()) return Value::null();
  TextBuffer sbuf;
  auto sep = scalar_text(args[1], sbuf);
  if (!sep) return Value::null();
  auto items = values_of(args[0], env.scratch);
  std::size_t size = 0;
  for (std::size_t i = 0; i < items.size(); ++i) size += items[i].size() + (i ? sep->size() : 0);
  char* out = static_cast<char*>(env.scratch.allocate(size, 1));
  std::size_t at = 0;
  auto put = [&](std::string_view s) {
    if (!s.empty()) std::memcpy(out + at, s.data(), s.size());
    at += s.size();
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) put(*sep);
    put(items[i]);
  }
  return Value::string(std::string_view(out, size));
}

Value mvindex(std::span<const Value> args, Env& env) {
  if (args[0].is_null()) return Value::null();
  auto items = values_of(args[0], env.scratch);
  auto size = static_cast<std::int64_t>(items.size());
  auto index = [&](const Value& v) -> std::optional<std::int64_t> {
    auto n = numeric(v);
    if (!n || !n->is_int) return std::nullopt;
    return n->i < 0 ? size + n->i : n->i;  // negative counts from the end
  };
  auto start = index(args[1]);
  if (!start || *start < 0 || *start >= size) return Value::null();
  std::int64_t end = *start;
  if (args.size() > 2) {
    auto e = index(args[2]);
    if (!e || *e < *start) return Value::null();
    end = std::min(*e, size - 1);
  }
  auto first = static_cast<std::size_t>(*start);
  auto count = static_cast<std::size_t>(end - *start + 1);
  auto* copy = env.scratch.make_array<std::string_view>(count);
  std::copy_n(items.begin() + static_cast<std::ptrdiff_t>(first), count, copy);
  return make_list(copy, count);
}

Value reorder(const Value& v, Env& env, bool sort) {
  if (v.is_null()) return Value::null();
  auto items = values_of(v, env.scratch);
  auto* out = env.scratch.make_array<std::string_view>(items.size());
  std::size_t n = 0;
  for (std::string_view s : items) {
    if (!sort && std::find(out, out + n, s) != out + n) continue;  // mvdedup keeps the first
    out[n++] = s;
  }
  if (sort) std::sort(out, out + n);  // SPL mvsort: lexicographic
  return make_list(out, n);
}

Value split(std::span<const Value> args, Env& env) {
  if (args[0].kind == Value::Kind::Multi) return Value::null();
  auto texts = values_of(args[0], env.scratch);
  TextBuffer sbuf;
  auto sep = scalar_text(args[1], sbuf);
  if (texts.empty() || !sep) return Value::null();
  std::string_view s = texts.front();
  std::size_t max = sep->empty() ? s.size() : s.size() / sep->size() + 1;
  auto* items = env.scratch.make_array<std::string_view>(std::max<std::size_t>(max, 1));
  std::size_t n = 0;
  if (sep->empty()) {
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = utf8::char_length(s, i);
      items[n++] = s.substr(i, len);
      i += len;
    }
  } else {
    std::size_t from = 0;
    for (std::size_t at; (at = s.find(*sep, from)) != std::string_view::npos;) {
      items[n++] = s.substr(from, at - from);
      from = at + sep->size();
    }
    items[n++] = s.substr(from);
  }
  return make_list(items, n);
}

}  // namespace

Value call_multi(Fn fn, std::span<const Value> args, Env& env) {
  switch (fn) {
    case Fn::MvAppend:
      return mvappend(args, env.scratch);
    case Fn::MvJoin:
      return mvjoin(args, env);
    case Fn::MvCount:
      if (args[0].is_null()) return Value::null();
      return Value::from_int(args[0].kind == Value::Kind::Multi
                                 ? static_cast<std::int64_t>(args[0].items().size())
                                 : 1);
    case Fn::MvIndex:
      return mvindex(args, env);
    case Fn::MvDedup:
      return reorder(args[0], env, false);
    case Fn::MvSort:
      return reorder(args[0], env, true);
    case Fn::Split:
      return split(args, env);
    default:
      return Value::null();
  }
}

}  // namespace sigma::expr
