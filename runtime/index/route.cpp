#include "runtime/index/route.hpp"

#include "runtime/text/ascii.hpp"

namespace sigma::runtime {
namespace {

bool listed(std::string_view word, std::string_view list) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (text::ascii_iequal(word, item)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool open_or_equal(std::string_view rule, std::string_view source) {
  return rule.empty() || source.empty() || text::ascii_iequal(rule, source);
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
