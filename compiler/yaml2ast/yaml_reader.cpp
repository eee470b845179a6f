#include "compiler/yaml2ast/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace sigma::yaml2ast {
namespace {

// Deeper documents are refused rather than walked (stack safety on hostile input).
constexpr int kMaxDepth = 64;

ast::Pos to_pos(const YAML::Mark& m) {
  if (m.is_null() || m.line < 0) return {};
  return {static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

class Converter {
 public:
  Converter(std::string_view text, diag::Sink& diags) : text_(text), diags_(diags) {}

  ast::YamlNode convert(const YAML::Node& n, int depth) {
    ast::YamlNode out;
    out.pos = to_pos(n.Mark());
    out.content = out.pos;
    if (depth > kMaxDepth) {
      if (!too_deep_reported_)
        diags_.error(diag::code::kYamlSyntax, out.pos,
                     "YAML nesting deeper than 64 levels is not supported");
      too_deep_reported_ = true;
      return out;
    }
    switch (n.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = ast::YamlNode::Kind::Scalar;
        out.scalar = n.Scalar();
        set_style(n, out);
        break;
      case YAML::NodeType::Sequence:
        out.kind = ast::YamlNode::Kind::Sequence;
        for (const auto& item : n) out.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        out.kind = ast::YamlNode::Kind::Map;
        for (const auto& kv : n) add_entry(out, kv.first, kv.second, depth);
        break;
      default:
        out.kind = ast::YamlNode::Kind::Null;
    }
    return out;
  }

 private:
  void add_entry(ast::YamlNode& map, const YAML::Node& key, const YAML::Node& value, int depth) {
    ast::Located<std::string> k;
    k.pos = to_pos(key.Mark());
    if (key.IsScalar()) {
      k.value = key.Scalar();
    } else {
      diags_.error(diag::code::kYamlSyntax, k.pos, "a map key must be a plain string");
      return;
    }
    auto v = convert(value, depth + 1);
    if (v.kind == ast::YamlNode::Kind::Null && v.pos.line == 0) v.pos = v.content = k.pos;
    for (auto& [old_key, old_value] : map.entries) {
      if (old_key.value == k.value) {
        diags_.warning(diag::code::kYamlSyntax, k.pos,
                       "duplicate key `" + k.value + "`; the later value replaces the earlier one",
                       "the first one is at line " + std::to_string(old_key.pos.line),
                       static_cast<std::uint32_t>(k.value.size()));
        old_key = std::move(k);
        old_value = std::move(v);
        return;
      }
    }
    map.entries.push_back({std::move(k), std::move(v)});
  }

  // yaml-cpp tags every non-plain scalar "!"; the source character at the node tells quoted
  // from block scalars, and where the text really starts.
  void set_style(const YAML::Node& n, ast::YamlNode& out) const {
    if (n.Tag() != "!") return;
    const auto m = n.Mark();
    if (m.is_null() || m.pos < 0 || static_cast<std::size_t>(m.pos) >= text_.size()) {
      out.style = ast::YamlNode::Style::Quoted;
      return;
    }
    const char c = text_[static_cast<std::size_t>(m.pos)];
    if (c == '\'' || c == '"') {
      out.style = ast::YamlNode::Style::Quoted;
      ++out.content.column;
    } else if (c == '|' || c == '>') {
      out.style = ast::YamlNode::Style::Block;
      // Content starts on the next non-empty line, at its indentation.
      auto p = text_.find('\n', static_cast<std::size_t>(m.pos));
      std::uint32_t line = out.pos.line;
      while (p != std::string_view::npos) {
        ++line;
        const auto start = p + 1;
        const auto first = text_.find_first_not_of(' ', start);
        if (first == std::string_view::npos) break;
        if (text_[first] != '\n' && text_[first] != '\r') {
          out.content = {line, static_cast<std::uint32_t>(first - start + 1)};
          break;
        }
        p = text_.find('\n', start);
      }
    } else {
      out.style = ast::YamlNode::Style::Quoted;  // explicitly tagged plain scalar
    }
  }

  std::string_view text_;
  diag::Sink& diags_;
  bool too_deep_reported_ = false;
};

}  // namespace

namespace {

// Where each document of a multi-document file starts: offset 0 and every line that opens
// with `---`. We hand yaml-cpp one document at a time because its LoadAll can loop forever on
// some malformed input (found by fuzz_yaml2ast), and so one broken document does not hide the
// documents after it.
std::vector<std::size_t> document_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t line = 0; line < text.size();) {
    const auto rest = text.substr(line);
    if (line > 0 && rest.starts_with("---") &&
        (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t' || rest[3] == '\n' || rest[3] == '\r'))
      starts.push_back(line);
    const auto nl = text.find('\n', line);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  return starts;
}

}  // namespace

std::vector<ast::YamlNode> read_documents(std::string_view text, diag::Sink& diags) {
  std::vector<ast::YamlNode> docs;
  Converter conv(text, diags);
  const auto starts = document_starts(text);
  std::string piece;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t begin = starts[i];
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    // Earlier text becomes spaces (newlines kept), so yaml-cpp's marks stay file positions.
    piece.assign(text.substr(0, end));
    for (std::size_t k = 0; k < begin; ++k)
      if (piece[k] != '\n') piece[k] = ' ';
    try {
      const YAML::Node doc = YAML::Load(piece);
      if (!doc.IsNull() || i == 0) docs.push_back(conv.convert(doc, 0));
    } catch (const YAML::Exception& e) {
      // yaml-cpp reports an unclosed flow collection where it gave up looking, not where it opened.
      const bool flow = e.msg.find("flow") != std::string::npos;
      diags.error(diag::code::kYamlSyntax, to_pos(e.mark), "YAML syntax error: " + e.msg,
                  flow ? "a `[` or `{` opened before this point is never closed" : "");
    } catch (const std::exception& e) {
      diags.error(diag::code::kYamlSyntax, {}, std::string("YAML could not be read: ") + e.what());
    }
  }
  return docs;
}

}  // namespace sigma::yaml2ast
