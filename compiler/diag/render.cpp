// Renders diagnostics for people (gcc/rustc style) and for CI (JSON).
#include <fmt/format.h>

#include <sigma/diagnostic.hpp>
#include <string>

#include "runtime/text/json_text.hpp"

namespace sigma {
namespace {

std::string_view line_of(std::string_view source, std::uint32_t line) {
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const auto nl = source.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  auto end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  auto text = source.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

}  // namespace

std::string format_diagnostic(const Diagnostic& d, std::string_view source) {
  std::string out;
  const auto& loc = d.location;
  if (loc.line > 0)
    out = fmt::format("{}:{}:{}: ", loc.file, loc.line, loc.column);
  else if (!loc.file.empty())
    out = fmt::format("{}: ", loc.file);
  out += fmt::format("{}: {} [{}]\n", severity_name(d.severity), d.message, d.code);
  const auto text = loc.line > 0 ? line_of(source, loc.line) : std::string_view{};
  if (!text.empty()) {
    const auto gutter = std::to_string(loc.line);
    const std::string pad(gutter.size(), ' ');
    out += fmt::format("{} |\n{} | {}\n", pad, gutter, text);
    // Tabs before the caret keep their width so the caret lines up.
    std::string lead;
    for (std::uint32_t i = 1; i < loc.column && i - 1 < text.size(); ++i)
      lead.push_back(text[i - 1] == '\t' ? '\t' : ' ');
    out += fmt::format("{} | {}{}", pad, lead, std::string(d.length ? d.length : 1, '^'));
    if (!d.label.empty()) out += " " + d.label;
    out += "\n";
    if (!d.help.empty()) out += fmt::format("{} = help: {}\n", pad, d.help);
  } else if (!d.help.empty()) {
    out += fmt::format("  = help: {}\n", d.help);
  }
  return out;
}

std::string diagnostics_to_json(const std::vector<Diagnostic>& ds) {
  std::string out = "[";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const auto& d = ds[i];
    if (i) out += ",";
    out += "{\"severity\":";
    text::append_json_string(out, severity_name(d.severity));
    out += ",\"code\":";
    text::append_json_string(out, d.code);
    out += ",\"message\":";
    text::append_json_string(out, d.message);
    out += ",\"file\":";
    text::append_json_string(out, d.location.file);
    out += fmt::format(",\"line\":{},\"column\":{},\"length\":{}", d.location.line,
                       d.location.column, d.length);
    out += ",\"label\":";
    text::append_json_string(out, d.label);
    out += ",\"help\":";
    text::append_json_string(out, d.help);
    out += "}";
  }
  out += "]";
  return out;
}

}  // namespace sigma
