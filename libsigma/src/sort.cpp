#include <sigma/sigma.hpp>

#include <charconv>
#include <optional>

#include "runtime/text/time_text.hpp"

namespace sigma {
namespace {

const OutputValue* find_column(const Alert& a, std::string_view name) {
  for (const auto& c : a.columns)
    if (c.name == name) return &c.value;
  return nullptr;
}

std::optional<double> number(const OutputValue& v) {
  if (v.type != OutputValue::Type::Number && v.type != OutputValue::Type::String)
    return std::nullopt;
  double d = 0;
  const auto* end = v.text.data() + v.text.size();
  const auto r = std::from_chars(v.text.data(), end, d);
  if (r.ec != std::errc() || r.ptr != end || v.text.empty()) return std::nullopt;
  return d;
}

std::string_view text_of(const OutputValue& v) {
  if (v.type != OutputValue::Type::List) return v.text;
  return v.list.empty() ? std::string_view() : std::string_view(v.list.front());
}

// Ascending order of two present values: numbers, then instants, then bytes.
int compare_values(const OutputValue& a, const OutputValue& b) {
  const auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  const auto na = number(a), nb = number(b);
  if (na && nb) return three_way(*na, *nb);
  const auto ta = text::epoch_seconds(text_of(a)), tb = text::epoch_seconds(text_of(b));
  if (ta && tb) return three_way(*ta, *tb);
  return three_way(text_of(a), text_of(b));
}

}  // namespace

int compare_alerts(const Alert& a, const Alert& b, std::span<const SortKey> keys) {
  for (const auto& key : keys) {
    const auto* va = find_column(a, key.column);
    const auto* vb = find_column(b, key.column);
    const bool null_a = !va || va->type == OutputValue::Type::Null;
    const bool null_b = !vb || vb->type == OutputValue::Type::Null;
    if (null_a || null_b) {
      if (null_a != null_b) return null_a ? 1 : -1;  // missing values last, either direction
      continue;
    }
    const int c = compare_values(*va, *vb);
    if (c != 0) return key.descending ? -c : c;
  }
  return 0;
}

}  // namespace sigma
