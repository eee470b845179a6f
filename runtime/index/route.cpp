#include "runtime/index/route.hpp"

namespace sigma::runtime {
namespace {

bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool listed(std::string_view word, std::string_view list) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (same_word(word, item)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool open_or_equal(std::string_view rule, std::string_view source) {
  return rule.empty() || source.empty() || same_word(rule, source);
}

}  // namespace

bool fits(const ir::Logsource& rule, const Source& source) {
  if (!open_or_equal(rule.product, source.product)) return false;
  if (!open_or_equal(rule.service, source.service)) return false;
  if (rule.category.empty()) return true;
  if (!source.categories.empty()) return listed(rule.category, source.categories);
  return !(rule.product.empty() && !source.product.empty());
}

std::string source_key(const Source& source) {
  std::string key;
  key.reserve(source.categories.size() + source.product.size() + source.service.size() + 2);
  key.append(source.categories).push_back('\x1f');
  key.append(source.product).push_back('\x1f');
  key.append(source.service);
  return key;
}

}  // namespace sigma::runtime
