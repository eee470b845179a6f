// Leaf predicates over one field's values. A field with several values (a list) satisfies a
// leaf when any value does; Exists and IsNull look at the field as a whole.
//
// Numbers and booleans take part in string matching through their text form ("4688", "1.5",
// "true"), written into stack buffers so nothing is allocated.
#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/match/cidr.hpp"
#include "runtime/match/number.hpp"
#include "runtime/match/regex_literals.hpp"
#include "runtime/match/regex_run.hpp"

namespace sigma::runtime {
namespace {

using Type = sigma::Value::Type;

// long double holds every int64 exactly on the platforms we build for, so an int64 event value
// compares correctly with a rule's double.
template <typename A, typename B>
bool compare(A a, ir::CmpOp op, B b) noexcept {
  const auto x = static_cast<long double>(a);
  const auto y = static_cast<long double>(b);
  switch (op) {
    case ir::CmpOp::Eq:
      return x == y;
    case ir::CmpOp::Lt:
      return x < y;
    case ir::CmpOp::Lte:
      return x <= y;
    case ir::CmpOp::Gt:
      return x > y;
    case ir::CmpOp::Gte:
      return x >= y;
  }
  return false;
}

bool text_relation(std::string_view a, ir::StringOp op, std::string_view b) noexcept {
  switch (op) {
    case ir::StringOp::Exact:
      return a == b;
    case ir::StringOp::Prefix:
      return a.starts_with(b);
    case ir::StringOp::Suffix:
      return a.ends_with(b);
    case ir::StringOp::Contains:
      return match::find_bytes(a, b, 0) != std::string_view::npos;
    case ir::StringOp::Glob:
      return false;  // fieldref compares literals only
  }
  return false;
}

class LeafEval {
 public:
  explicit LeafEval(Scratch::Impl& s) : s_(s) {}

  bool operator()(std::uint32_t slot, const leaf::String& l) {
    const FieldCache& c = s_.lookup(slot);
    if (!c.present) return false;
    const std::span<const std::string_view> folded =
        l.cased ? std::span<const std::string_view>() : s_.folded(slot);
    char buf[match::kNumberTextMax];
    for (std::size_t i = 0; i < c.values.size(); ++i) {
      const sigma::Value& v = c.values[i];
      if (v.type == Type::String) {
        if (l.m.matches(l.cased ? v.text : folded[i])) return true;
      } else if (const auto t = scalar_text(v, buf); t && l.m.matches(*t)) {
        return true;  // number and boolean text is already lower case
      }
    }
    return false;
  }

  bool operator()(std::uint32_t slot, const leaf::Regex& l) {
    if (l.re == nullptr || !l.re->ok()) return false;
    const FieldCache& c = s_.lookup(slot);
    const std::span<const std::string_view> folded =
        l.needs.empty() ? std::span<const std::string_view>() : s_.folded(slot);
    char buf[match::kNumberTextMax];
    for (std::size_t i = 0; i < c.values.size(); ++i) {
      const sigma::Value& v = c.values[i];
      const auto t = scalar_text(v, buf);
      if (!t) continue;
      if (!l.needs.empty()) {
        // Number and boolean text is already lower case.
        const std::string_view lower = v.type == Type::String ? folded[i] : *t;
        if (!match::holds_each(lower, l.needs)) continue;
      }
      if (match::search(*l.re, l.shortcut, *t)) return true;
    }
    return false;
  }

  bool operator()(std::uint32_t slot, const leaf::Number& l) {
    for (const sigma::Value& v : s_.lookup(slot).values) {
      switch (v.type) {
        case Type::Int:
          if (compare(v.integer, l.op, l.value)) return true;
          break;
        case Type::Float:
          if (compare(v.real, l.op, l.value)) return true;
          break;
        case Type::String:
          if (const auto i = match::parse_int(v.text)) {
            if (compare(*i, l.op, l.value)) return true;
          } else if (const auto d = match::parse_double(v.text)) {
            if (compare(*d, l.op, l.value)) return true;
          }
          break;
        case Type::Bool:
        case Type::Null:
          break;
      }
    }
    return false;
  }

  bool operator()(std::uint32_t slot, const leaf::Cidr& l) {
    for (const sigma::Value& v : s_.lookup(slot).values) {
      if (v.type != Type::String) continue;
      if (const auto ip = match::parse_ip(v.text); ip && match::contains(l.net, *ip)) return true;
    }
    return false;
  }

  bool operator()(std::uint32_t slot, const leaf::Exists& l) {
    return s_.lookup(slot).present == l.present;
  }

  // Absent, or present with only nulls. An empty list counts as null too: it holds no value,
  // as Elasticsearch's `exists` also treats it.
  bool operator()(std::uint32_t slot, const leaf::IsNull&) {
    const FieldCache& c = s_.lookup(slot);
    if (!c.present) return true;
    for (const sigma::Value& v : c.values)
      if (v.type != Type::Null) return false;
    return true;
  }

  bool operator()(std::uint32_t slot, const leaf::FieldRef& l) {
    const FieldCache& a = s_.lookup(slot);
    const FieldCache& b = s_.lookup(l.other);
    if (!a.present || !b.present) return false;
    std::span<const std::string_view> fa, fb;
    if (!l.cased) {
      fa = s_.folded(slot);
      fb = s_.folded(l.other);
    }
    char abuf[match::kNumberTextMax], bbuf[match::kNumberTextMax];
    for (std::size_t i = 0; i < a.values.size(); ++i) {
      const auto ta = text_of(a.values[i], fa, i, abuf);
      if (!ta) continue;
      for (std::size_t j = 0; j < b.values.size(); ++j) {
        const auto tb = text_of(b.values[j], fb, j, bbuf);
        if (tb && text_relation(*ta, l.op, *tb)) return true;
      }
    }
    return false;
  }

  bool operator()(std::uint32_t slot, const leaf::Time& l) {
    for (const sigma::Value& v : s_.lookup(slot).values) {
      std::optional<match::CivilTime> t;
      if (v.type == Type::Int)
        t = match::from_epoch(static_cast<double>(v.integer));
      else if (v.type == Type::Float)
        t = match::from_epoch(v.real);
      else if (v.type == Type::String)
        t = match::parse_timestamp(v.text);
      if (t && compare(match::time_field(*t, l.part), l.op, l.value)) return true;
    }
    return false;
  }

 private:
  // A value's text for comparison: folded strings when `folded` is given, else raw text.
  static std::optional<std::string_view> text_of(const sigma::Value& v,
                                                 std::span<const std::string_view> folded,
                                                 std::size_t i,
                                                 char (&buf)[match::kNumberTextMax]) noexcept {
    if (v.type == Type::String && !folded.empty()) return folded[i];
    return scalar_text(v, buf);
  }

  Scratch::Impl& s_;
};

}  // namespace

bool Scratch::Impl::compute(const LeafMatcher& m) {
  ++stats.leaf_evals;
  LeafEval ev(*this);
  return std::visit([&](const auto& l) { return ev(m.slot, l); }, m.m);
}

}  // namespace sigma::runtime
