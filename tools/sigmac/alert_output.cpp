#include "tools/sigmac/alert_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sigmac {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned min = 0;
  if (b >= 0xC2 && b <= 0xDF)
    n = 2, min = 0x80;
  else if (b >= 0xE0 && b <= 0xEF)
    n = 3, min = 0x800;
  else if (b >= 0xF0 && b <= 0xF4)
    n = 4, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  unsigned cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

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
      append_json_string(out, v.text);
      return;
    case T::List:
      out += '[';
      for (std::size_t i = 0; i < v.list.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v.list[i]);
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

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            out += fmt::format("\\u{:04x}", c);
          else
            out += static_cast<char>(c);
      }
      ++i;
    } else if (const auto n = utf8_length(text, i)) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  out += '"';
}

std::string to_jsonl(const Row& row) {
  const auto& rule = *row.alert.rule;
  std::string out = "{\"rule_id\":";
  append_json_string(out, rule.id);
  out += ",\"title\":";
  append_json_string(out, rule.title);
  out += ",\"level\":";
  append_json_string(out, rule.level);
  out += ",\"input\":";
  append_json_string(out, row.input);
  out += fmt::format(",\"record\":{},\"fields\":{{", row.record);
  bool first = true;
  for (const auto& c : row.alert.columns) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, c.name);
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
