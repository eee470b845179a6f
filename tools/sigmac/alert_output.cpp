#include "tools/sigmac/alert_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "runtime/text/json_text.hpp"

namespace sigmac {
namespace {

void append_value(std::string& out, const sigma::OutputValue& v) {
  using T = sigma::OutputValue::Type;
  switch (v.type) {
    case T::Null:
      out += "null";
      return;
    case T::Bool:
    case T::Number:
      out += v.text;
      return;
    case T::String:
      sigma::text::append_json_string(out, v.text);
      return;
    case T::List:
      out += '[';
      for (std::size_t i = 0; i < v.list.size(); ++i) {
        if (i) out += ',';
        sigma::text::append_json_string(out, v.list[i]);
      }
      out += ']';
      return;
  }
}

// One table cell: lists joined by commas, control characters shown escaped so rows stay rows.
std::string cell(const sigma::OutputValue& v) {
  std::string text =
      v.type == sigma::OutputValue::Type::List ? fmt::format("{}", fmt::join(v.list, ",")) : v.text;
  std::string out;
  for (const char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (const char c : s) w += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // code points
  return w;
}

}  // namespace

std::string to_jsonl(const Row& row) {
  const auto& rule = *row.alert.rule;
  std::string out = "{\"rule_id\":";
  sigma::text::append_json_string(out, rule.id);
  out += ",\"title\":";
  sigma::text::append_json_string(out, rule.title);
  out += ",\"level\":";
  sigma::text::append_json_string(out, rule.level);
  out += ",\"input\":";
  sigma::text::append_json_string(out, row.input);
  out += fmt::format(",\"record\":{},\"fields\":{{", row.record);
  bool first = true;
  for (const auto& c : row.alert.columns) {
    if (!first) out += ',';
    first = false;
    sigma::text::append_json_string(out, c.name);
    out += ':';
    append_value(out, c.value);
  }
  out += "}}\n";
  return out;
}

std::string to_table(const std::vector<Row>& rows) {
  std::vector<std::uint32_t> order;  // rule indexes, by first appearance
  std::map<std::uint32_t, std::vector<const Row*>> by_rule;
  for (const auto& r : rows) {
    auto& list = by_rule[r.alert.rule_index];
    if (list.empty()) order.push_back(r.alert.rule_index);
    list.push_back(&r);
  }
  std::string out;
  for (const auto index : order) {
    const auto& list = by_rule[index];
    const auto& rule = *list.front()->alert.rule;
    if (!out.empty()) out += '\n';
    out += fmt::format("{} [{}] {} ({} alert{})\n", rule.title, rule.level, rule.id, list.size(),
                       list.size() == 1 ? "" : "s");
    std::vector<std::string> header{"input", "record"};
    for (const auto& c : list.front()->alert.columns) header.push_back(c.name);
    std::vector<std::vector<std::string>> cells{header};
    for (const auto* r : list) {
      std::vector<std::string> line{std::string(r->input), std::to_string(r->record)};
      for (const auto& c : r->alert.columns) line.push_back(cell(c.value));
      cells.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& line : cells)
      for (std::size_t i = 0; i < line.size() && i < widths.size(); ++i)
        widths[i] = std::max(widths[i], display_width(line[i]));
    for (const auto& line : cells) {
      std::string text;
      for (std::size_t i = 0; i < line.size() && i < widths.size(); ++i) {
        text += line[i];
        if (i + 1 < line.size()) text.append(widths[i] - display_width(line[i]) + 2, ' ');
      }
      out += text + '\n';
    }
  }
  return out;
}

}  // namespace sigmac
