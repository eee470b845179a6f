// Built-ins on text: lower, upper, len, trim / ltrim / rtrim, replace, substr, tonumber,
// tostring. Character positions and lengths count UTF-8 characters, as SPL counts characters.
#include <re2/re2.h>
#include <unicode/uchar.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "compiler/expr/expr_ops.hpp"
#include "compiler/expr/expr_utf8.hpp"

namespace sigma::expr {
namespace {

// Applies `f` (text -> text) to a scalar's text or to each value of a multivalue.
template <class F>
Value map_text(const Value& v, Env& env, F&& f) {
  if (v.is_null()) return Value::null();
  if (v.kind == Value::Kind::Multi) {
    auto* items = env.scratch.make_array<std::string_view>(v.items().size());
    for (std::size_t i = 0; i < v.items().size(); ++i) items[i] = f(v.items()[i]);
    return Value::multi(std::span<const std::string_view>(items, v.items().size()));
  }
  TextBuffer buf;
  auto text = scalar_text(v, buf);
  if (!text) return Value::null();
  // A number's text lives in `buf`: keep a copy when f returns it unchanged.
  std::string_view out = f(*text);
  if (out.data() >= buf.data && out.data() < buf.data + sizeof buf.data)
    out = env.scratch.copy(out);
  return Value::string(out);
}

std::string_view change_case(std::string_view s, bool upper, Env& env) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  std::string& out = env.tmp;
  out.clear();
  if (ascii) {
    for (char c : s) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out += c;
    }
  } else {
    for (std::size_t i = 0; i < s.size();) {
      utf8::Decoded d = utf8::decode(s, i);
      if (d.valid) {
        auto cp = static_cast<UChar32>(d.cp);
        utf8::append(out, static_cast<char32_t>(upper ? u_toupper(cp) : u_tolower(cp)));
      } else {
        out += s[i];
      }
      i += d.length;
    }
  }
  return env.scratch.copy(out);
}

std::string_view trim(std::string_view s, std::string_view chars, bool left, bool right) {
  if (left) {
    std::size_t i = s.find_first_not_of(chars);
    s.remove_prefix(i == std::string_view::npos ? s.size() : i);
  }
  if (right) {
    std::size_t i = s.find_last_not_of(chars);
    s = s.substr(0, i == std::string_view::npos ? 0 : i + 1);
  }
  return s;
}

// A number argument as an integer (truncated toward zero), when it is one.
std::optional<std::int64_t> integer_arg(const Value& v) {
  auto n = numeric(v);
  if (!n) return std::nullopt;
  if (n->is_int) return n->i;
  if (!std::isfinite(n->d) || std::fabs(n->d) > 9e18) return std::nullopt;
  return static_cast<std::int64_t>(n->d);
}

// Byte offset of character `index` (0-based) in s; s.size() when past the end.
std::size_t byte_offset(std::string_view s, std::int64_t index) {
  std::size_t i = 0;
  for (std::int64_t k = 0; k < index && i < s.size(); ++k) i += utf8::char_length(s, i);
  return i;
}

// substr(s, start, len): start is 1-based; 0 counts as 1; negative counts from the end.
Value substr(std::span<const Value> args, Env& env) {
  auto start = integer_arg(args[1]);
  std::optional<std::int64_t> length;
  if (args.size() > 2) {
    length = integer_arg(args[2]);
    if (!length) return Value::null();
  }
  if (!start || args[0].is_null()) return Value::null();
  return map_text(args[0], env, [&](std::string_view s) -> std::string_view {
    std::int64_t first = *start > 0 ? *start - 1 : 0;
    if (*start < 0) {
      auto chars = static_cast<std::int64_t>(utf8::count(s));
      first = chars + *start;
      if (first < 0) first = 0;
    }
    std::size_t from = byte_offset(s, first);
    std::string_view rest = s.substr(from);
    if (!length) return rest;
    if (*length <= 0) return {};
    return rest.substr(0, byte_offset(rest, *length));
  });
}

Value replace(std::span<const Value> args, Env& env) {
  if (args[0].is_null() || args[1].is_null() || args[2].is_null()) return Value::null();
  const re2::RE2* re = env.literal_regex;
  TextBuffer pbuf, rbuf;
  if (re == nullptr) {
    auto pattern = scalar_text(args[1], pbuf);
    if (!pattern || !(re = env.regexes.get(*pattern))) return Value::null();
  }
  auto rewrite_text = scalar_text(args[2], rbuf);
  if (!rewrite_text) return Value::null();
  re2::StringPiece rewrite(rewrite_text->data(), rewrite_text->size());
  std::string why;
  if (!re->CheckRewriteString(rewrite, &why)) return Value::null();
  return map_text(args[0], env, [&](std::string_view s) -> std::string_view {
    std::string& out = env.tmp;
    out.assign(s);
    if (re2::RE2::GlobalReplace(&out, *re, rewrite) == 0) return s;
    return env.scratch.copy(out);
  });
}

Value tonumber(std::span<const Value> args) {
  const Value& x = args[0];
  std::int64_t base = 10;
  if (args.size() > 1) {
    auto b = integer_arg(args[1]);
    if (!b || *b < 2 || *b > 36) return Value::null();
    base = *b;
  }
  if (x.is_number()) return x;
  if (x.kind != Value::Kind::String) return Value::null();
  std::string_view s = trim(x.text, " \t\r\n", true, true);
  if (base == 10) {
    auto n = parse_number(s);
    return n ? n->value() : Value::null();
  }
  bool negative = !s.empty() && s.front() == '-';
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  if (base == 16 && s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  std::uint64_t u = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), u, static_cast<int>(base));
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return Value::null();
  if (u > static_cast<std::uint64_t>(INT64_MAX))
    return Value::from_double(negative ? -static_cast<double>(u) : static_cast<double>(u));
  auto i = static_cast<std::int64_t>(u);
  return Value::from_int(negative ? -i : i);
}

// "1234567.891" -> "1,234,567.89" (SPL rounds decimals to two places for "commas").
std::string_view with_commas(const Number& n, Env& env) {
  char digits[kNumberChars];
  std::size_t len = 0;
  if (n.is_int) {
    len = format_int(digits, n.i);
  } else {
    double r = std::round(n.d * 100) / 100;
    if (!std::isfinite(r))
      return env.scratch.copy(std::string_view(digits, format_double(digits, n.d)));
    auto res = std::to_chars(digits, digits + sizeof digits, r, std::chars_format::fixed, 2);
    len = static_cast<std::size_t>(res.ptr - digits);
    // Drop ".00" / trailing zero, as SPL prints 1,234.5 and 1,234.
    std::string_view t(digits, len);
    while (t.back() == '0') t.remove_suffix(1);
    if (t.back() == '.') t.remove_suffix(1);
    len = t.size();
  }
  std::string_view s(digits, len);
  std::string& out = env.tmp;
  out.clear();
  if (!s.empty() && s.front() == '-') out += '-', s.remove_prefix(1);
  std::size_t int_len = s.find('.');
  if (int_len == std::string_view::npos) int_len = s.size();
  for (std::size_t i = 0; i < int_len; ++i) {
    if (i > 0 && (int_len - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(int_len);
  return env.scratch.copy(out);
}

// Seconds -> "HH:MM:SS", with "D+" in front past a day.
std::string_view duration(const Number& n, Env& env) {
  double secs = n.as_double();
  if (!std::isfinite(secs)) return {};
  bool negative = secs < 0;
  auto total = static_cast<std::int64_t>(std::fabs(secs));
  std::int64_t days = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60,
               s = total % 60;
  char buf[64];
  int len = days > 0
                ? std::snprintf(buf, sizeof buf, "%s%lld+%02lld:%02lld:%02lld", negative ? "-" : "",
                                static_cast<long long>(days), static_cast<long long>(h),
                                static_cast<long long>(m), static_cast<long long>(s))
                : std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", negative ? "-" : "",
                                static_cast<long long>(h), static_cast<long long>(m),
                                static_cast<long long>(s));
  return env.scratch.copy(std::string_view(buf, static_cast<std::size_t>(len)));
}

std::string_view hex(const Number& n, Env& env) {
  std::int64_t i = n.is_int ? n.i : static_cast<std::int64_t>(n.d);
  char buf[32];
  std::size_t len = 0;
  if (i < 0) buf[len++] = '-';
  buf[len++] = '0';
  buf[len++] = 'x';
  std::uint64_t u = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
  auto r = std::to_chars(buf + len, buf + sizeof buf, u, 16);
  for (char* c = buf + len; c < r.ptr; ++c)
    if (*c >= 'a' && *c <= 'f') *c = static_cast<char>(*c - 'a' + 'A');
  return env.scratch.copy(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

Value tostring(std::span<const Value> args, Env& env) {
  const Value& x = args[0];
  if (x.is_null()) return Value::null();
  if (x.kind == Value::Kind::Bool) return Value::string(x.boolean ? "True" : "False");
  if (x.kind == Value::Kind::Multi) return x;
  std::string_view format;
  TextBuffer fbuf;
  if (args.size() > 1) {
    auto f = scalar_text(args[1], fbuf);
    if (!f) return Value::null();
    format = *f;
  }
  auto n = numeric(x);
  if (n && !format.empty()) {
    if (format == "hex" && (n->is_int || std::isfinite(n->d))) return Value::string(hex(*n, env));
    if (format == "commas") return Value::string(with_commas(*n, env));
    if (format == "duration") return Value::string(duration(*n, env));
  }
  return map_text(x, env, [](std::string_view s) { return s; });
}

}  // namespace

Value call_text(Fn fn, std::span<const Value> args, Env& env) {
  const Value& x = args[0];
  switch (fn) {
    case Fn::Lower:
    case Fn::Upper:
      return map_text(x, env,
                      [&](std::string_view s) { return change_case(s, fn == Fn::Upper, env); });
    case Fn::Len: {
      TextBuffer buf;
      auto text = scalar_text(x, buf);
      if (!text) return Value::null();
      return Value::from_int(static_cast<std::int64_t>(utf8::count(*text)));
    }
    case Fn::Trim:
    case Fn::LTrim:
    case Fn::RTrim: {
      std::string_view chars = " \t";
      TextBuffer buf;
      if (args.size() > 1) {
        auto c = scalar_text(args[1], buf);
        if (!c) return Value::null();
        chars = *c;
      }
      bool left = fn != Fn::RTrim, right = fn != Fn::LTrim;
      return map_text(x, env, [&](std::string_view s) { return trim(s, chars, left, right); });
    }
    case Fn::Replace:
      return replace(args, env);
    case Fn::Substr:
      return substr(args, env);
    case Fn::ToNumber:
      return tonumber(args);
    case Fn::ToString:
      return tostring(args, env);
    default:
      return Value::null();
  }
}

}  // namespace sigma::expr
