#include "compiler/yaml2ast/yaml_reader.hpp"

#include <yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

namespace sigma::yaml2ast {
namespace {

// Deeper documents are refused rather than built (stack safety on hostile input).
constexpr std::size_t kMaxDepth = 64;
// Aliases copy their anchor's node: "billion laughs" documents would expand without end.
constexpr std::size_t kMaxAliasNodes = 100000;

// libyaml counts a mark's column in characters and starts a line at every line break of YAML
// (LF, CRLF, CR, NEL, LS, PS); diagnostics count lines by LF and columns in bytes, as the
// renderer and editors do. This maps one to the other through byte offsets.
class Lines {
 public:
  explicit Lines(std::string_view text)
      : text_(text), bom_(text.starts_with("\xEF\xBB\xBF") ? 3 : 0) {
    yaml_starts_.push_back(0);
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size();) {
      const auto c = static_cast<unsigned char>(text[i]);
      std::size_t width = 0;  // of the line break at i, 0 if none
      if (c == '\n') {
        width = 1;
      } else if (c == '\r') {
        width = i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
      } else if (c == 0xC2 && i + 1 < text.size() && text[i + 1] == '\x85') {
        width = 2;  // NEL
      } else if (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
                 (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
        width = 3;  // LS, PS
      }
      i += width == 0 ? 1 : width;
      if (width == 0) continue;
      yaml_starts_.push_back(i);
      if (text[i - 1] == '\n') starts_.push_back(i);
    }
  }

  // The YAML line (0-based, as libyaml counts) of byte `offset`.
  std::size_t yaml_line_of(std::size_t offset) const { return index_of(yaml_starts_, offset); }
  // Byte offset of character `column` of YAML line `line`.
  std::size_t offset(std::size_t line, std::size_t column) const {
    std::size_t at = line < yaml_starts_.size() ? yaml_starts_[line] : text_.size();
    if (line == 0) at += bom_;  // libyaml does not count a byte order mark as a column
    for (; column > 0 && at < text_.size(); --column) {
      const auto c = static_cast<unsigned char>(text_[at]);
      at += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    }
    return std::min(at, text_.size());
  }

  // The (LF-counted) line of byte `offset`, 0-based, and where a line starts.
  std::size_t line_of(std::size_t offset) const { return index_of(starts_, offset); }
  std::size_t start(std::size_t line) const {
    return line < starts_.size() ? starts_[line] : text_.size();
  }
  ast::Pos pos_of(std::size_t offset) const {
    const std::size_t line = line_of(offset);
    return {static_cast<std::uint32_t>(line + 1),
            static_cast<std::uint32_t>(offset - start(line) + 1)};
  }

 private:
  static std::size_t index_of(const std::vector<std::size_t>& starts, std::size_t offset) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                    starts.begin()) - 1;
  }

  std::string_view text_;
  std::size_t bom_;                       // bytes of a UTF-8 byte order mark at the start
  std::vector<std::size_t> yaml_starts_;  // after every YAML line break
  std::vector<std::size_t> starts_;       // after every LF
};

// One libyaml parser over one piece of the text, freed however parsing ends.
struct Parser {
  yaml_parser_t p{};
  Parser(std::string_view text) {
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct Event {
  yaml_event_t e{};
  ~Event() { yaml_event_delete(&e); }
};

// Builds the YamlNode trees of one piece of the text from libyaml's events.
class Builder {
 public:
  // Pieces start `first_line` YAML lines into the file.
  Builder(std::string_view text, const Lines& lines, std::size_t first_line, diag::Sink& diags)
      : text_(text), lines_(lines), first_line_(first_line), diags_(diags) {}

  // Parses the piece at `begin`..`end` of the text; appends its documents (null ones only when
  // `keep_null`). Returns false after a syntax error (reported).
  bool parse(std::size_t begin, std::size_t end, bool keep_null, std::vector<ast::YamlNode>& docs) {
    Parser parser(text_.substr(begin, end - begin));
    begin_ = begin;
    for (;;) {
      Event ev;
      if (!yaml_parser_parse(&parser.p, &ev.e)) {
        report(parser.p);
        return false;
      }
      switch (ev.e.type) {
        case YAML_DOCUMENT_START_EVENT:
          stack_.clear();
          anchors_.clear();
          alias_nodes_ = 0;
          root_.reset();
          break;
        case YAML_DOCUMENT_END_EVENT:
          if (root_ && (root_->kind != ast::YamlNode::Kind::Null || keep_null))
            docs.push_back(std::move(*root_));
          root_.reset();
          keep_null = false;  // only the file's first document may be null
          break;
        case YAML_STREAM_END_EVENT:
          if (keep_null) docs.emplace_back();  // no document at all: one null document
          return true;
        default:
          node_event(ev.e);
      }
    }
  }

 private:
  struct Frame {
    ast::YamlNode node;
    std::string anchor;
    bool key_pending = true;  // a map expects a key next
    bool key_bad = false;     // the pending value's key was refused: drop the value
    ast::Located<std::string> key;
    std::size_t skip = 0;  // > 0: a too-deep collection being skipped, with its open count
  };

  static const char* name(const yaml_char_t* anchor) {
    return reinterpret_cast<const char*>(anchor);
  }

  ast::Pos pos(const yaml_mark_t& m) const { return lines_.pos_of(offset(m)); }
  // Byte offset of a mark in the file.
  std::size_t offset(const yaml_mark_t& m) const {
    return lines_.offset(first_line_ + m.line, m.column);
  }

  void node_event(const yaml_event_t& e) {
    if (!stack_.empty() && stack_.back().skip > 0) {
      if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT)
        ++stack_.back().skip;
      else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT)
        --stack_.back().skip;
      if (stack_.back().skip == 0) finish_top();
      return;
    }
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        complete(scalar(e), name(e.data.scalar.anchor));
        break;
      case YAML_ALIAS_EVENT:
        complete(alias(e), nullptr);
        break;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        Frame f;
        f.node.pos = f.node.content = pos(e.start_mark);
        f.node.kind = e.type == YAML_SEQUENCE_START_EVENT ? ast::YamlNode::Kind::Sequence
                                                          : ast::YamlNode::Kind::Map;
        const yaml_char_t* anchor = e.type == YAML_SEQUENCE_START_EVENT
                                        ? e.data.sequence_start.anchor
                                        : e.data.mapping_start.anchor;
        if (anchor != nullptr) f.anchor = name(anchor);
        if (too_deep(f.node.pos)) {
          f.node.kind = ast::YamlNode::Kind::Null;
          f.skip = 1;
        }
        stack_.push_back(std::move(f));
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        finish_top();
        break;
      default:
        break;
    }
  }

  bool too_deep(ast::Pos at) {
    if (stack_.size() <= kMaxDepth) return false;
    if (!too_deep_reported_)
      diags_.error(diag::code::kYamlSyntax, at,
                   "YAML nesting deeper than 64 levels is not supported");
    too_deep_reported_ = true;
    return true;
  }

  void finish_top() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    complete(std::move(f.node), f.anchor.empty() ? nullptr : f.anchor.c_str());
  }

  ast::YamlNode scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    ast::YamlNode out;
    out.pos = out.content = pos(e.start_mark);
    if (too_deep(out.pos)) return out;
    const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const std::string_view tag = s.tag != nullptr ? reinterpret_cast<const char*>(s.tag) : "";
    if (s.style == YAML_PLAIN_SCALAR_STYLE && tag.empty() &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      if (value.empty()) out.pos = out.content = {};  // nothing written: the key's position
      return out;                                     // Kind::Null
    }
    out.kind = ast::YamlNode::Kind::Scalar;
    out.scalar.assign(value);
    // The scalar's own text, after any anchor and tag in front of it.
    std::size_t at = offset(e.start_mark);
    while (at < text_.size() && (text_[at] == '&' || text_[at] == '!')) {
      while (at < text_.size() && text_[at] != ' ' && text_[at] != '\t' && text_[at] != '\n') ++at;
      while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
    }
    switch (s.style) {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        out.style = ast::YamlNode::Style::Quoted;
        out.content = lines_.pos_of(std::min(at + 1, text_.size()));
        break;
      case YAML_LITERAL_SCALAR_STYLE:
      case YAML_FOLDED_SCALAR_STYLE:
        out.style = ast::YamlNode::Style::Block;
        out.content = block_content(at);
        break;
      default:
        // A plain scalar tagged as a string (`! 12`, `!!str 12`) is a string, as if quoted.
        if (tag == "!" || tag == "tag:yaml.org,2002:str") out.style = ast::YamlNode::Style::Quoted;
        out.content = lines_.pos_of(at);
        break;
    }
    return out;
  }

  // A block scalar's content starts on the first non-empty line after its `|` or `>`, at that
  // line's indentation.
  ast::Pos block_content(std::size_t indicator) const {
    const ast::Pos fallback = lines_.pos_of(indicator);
    for (std::size_t line = lines_.line_of(indicator) + 1;; ++line) {
      const std::size_t start = lines_.start(line);
      if (start >= text_.size()) return fallback;
      std::size_t first = start;
      while (first < text_.size() && text_[first] == ' ') ++first;
      if (first < text_.size() && text_[first] != '\n' && text_[first] != '\r')
        return {static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(first - start + 1)};
    }
  }

  ast::YamlNode alias(const yaml_event_t& e) {
    ast::YamlNode out;
    out.pos = out.content = pos(e.start_mark);
    if (too_deep(out.pos)) return out;
    const std::string anchor = name(e.data.alias.anchor);
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      diags_.error(diag::code::kYamlSyntax, out.pos,
                   "alias `*" + anchor + "` names no anchor defined before it");
      return out;
    }
    alias_nodes_ += count(it->second);
    if (alias_nodes_ > kMaxAliasNodes) {
      if (!alias_reported_)
        diags_.error(diag::code::kYamlSyntax, out.pos,
                     "aliases expand to more than 100000 YAML nodes; not supported");
      alias_reported_ = true;
      return out;
    }
    ast::YamlNode copy = it->second;
    copy.pos = out.pos;
    return copy;
  }

  static std::size_t count(const ast::YamlNode& n) {
    std::size_t c = 1;
    for (const auto& i : n.items) c += count(i);
    for (const auto& [k, v] : n.entries) c += 1 + count(v);
    return c;
  }

  // A node is complete: into its parent, or the document's root.
  void complete(ast::YamlNode node, const char* anchor) {
    if (anchor != nullptr) anchors_[anchor] = node;
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == ast::YamlNode::Kind::Sequence) {
      parent.node.items.push_back(std::move(node));
      return;
    }
    if (parent.key_pending) {
      parent.key_pending = false;
      parent.key.pos = node.pos;
      parent.key_bad = node.kind != ast::YamlNode::Kind::Scalar;
      if (parent.key_bad)
        diags_.error(diag::code::kYamlSyntax, node.pos, "a map key must be a plain string");
      else
        parent.key.value = std::move(node.scalar);
      return;
    }
    parent.key_pending = true;
    if (!parent.key_bad) add_entry(parent.node, std::move(parent.key), std::move(node));
  }

  void add_entry(ast::YamlNode& map, ast::Located<std::string> k, ast::YamlNode v) {
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

  void report(const yaml_parser_t& p) {
    if (p.error == YAML_MEMORY_ERROR) {
      diags_.error(diag::code::kYamlSyntax, {}, "YAML could not be read: out of memory");
      return;
    }
    const std::string problem = p.problem != nullptr ? p.problem : "unknown error";
    if (p.error == YAML_READER_ERROR) {  // bad encoding: located by byte offset
      diags_.error(diag::code::kYamlSyntax, lines_.pos_of(begin_ + p.problem_offset),
                   "YAML could not be read: " + problem,
                   "rules must be UTF-8 text without control characters");
      return;
    }
    std::string help;
    if (p.context != nullptr) {
      const ast::Pos c = pos(p.context_mark);
      help = std::string(p.context) + " that starts at line " + std::to_string(c.line) +
             ", column " + std::to_string(c.column);
    }
    diags_.error(diag::code::kYamlSyntax, pos(p.problem_mark), "YAML syntax error: " + problem,
                 std::move(help));
  }

  std::string_view text_;
  const Lines& lines_;
  std::size_t first_line_;
  std::size_t begin_ = 0;
  diag::Sink& diags_;
  std::vector<Frame> stack_;
  std::optional<ast::YamlNode> root_;
  std::map<std::string, ast::YamlNode, std::less<>> anchors_;
  std::size_t alias_nodes_ = 0;
  bool too_deep_reported_ = false;
  bool alias_reported_ = false;
};

// Where each document of a multi-document file starts: offset 0 and every line that opens
// with `---`. Each document is parsed on its own, so one broken document does not hide the
// documents after it (libyaml stops at the first error of a stream).
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
  const Lines lines(text);
  const auto starts = document_starts(text);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t begin = starts[i];
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    Builder builder(text, lines, lines.yaml_line_of(begin), diags);
    builder.parse(begin, end, i == 0, docs);
  }
  return docs;
}

}  // namespace sigma::yaml2ast
