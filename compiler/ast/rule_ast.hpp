// The rule AST: a Sigma document as plain values, every part with its source position.
//
// Produced by compiler/yaml/yaml2ast, consumed by compiler/ir/ast2ir. No YAML parser type crosses
// this boundary: custom attributes and anything not modelled is kept as a `YamlNode` tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sigma::ast {

// 1-based position in the source file; {0,0} when unknown.
struct Pos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const Pos&, const Pos&) = default;
};

template <class T>
struct Located {
  T value{};
  Pos pos;
};

struct YamlEntry;

// A generic YAML value (custom attributes, eval expressions, pipelines...).
struct YamlNode {
  enum class Kind : std::uint8_t { Null, Scalar, Sequence, Map };
  // How a scalar was written: plain scalars may be numbers, booleans or null; quoted and block
  // (| and >) scalars are always strings.
  enum class Style : std::uint8_t { Plain, Quoted, Block };

  Kind kind = Kind::Null;
  Style style = Style::Plain;
  Pos pos;      // where the node starts (for a quoted scalar: the quote)
  Pos content;  // where a scalar's text starts (after the quote; first line of a block)
  std::string scalar;
  std::vector<YamlNode> items;                             // Sequence
  std::vector<YamlEntry> entries;  // Map, in document order

  inline const YamlNode* find(std::string_view key) const;

  // Source position of byte `offset` of a scalar's text, for diagnostics inside a scalar
  // (condition and expression errors). Exact for single-line plain and quoted scalars and for
  // block scalars; escapes in quoted scalars may shift it by a few columns.
  Pos offset_pos(std::uint32_t offset) const {
    Pos p = content;
    for (std::uint32_t i = 0; i < offset && i < scalar.size(); ++i) {
      if (scalar[i] == '\n' && style == Style::Block) {
        ++p.line;
        p.column = content.column;
      } else {
        ++p.column;
      }
    }
    return p;
  }
};

// A key and its value in a YAML map. (A named struct, not std::pair: a pair of a type still
// being defined is undefined behaviour, and clang's library checks refuse it.)
struct YamlEntry {
  Located<std::string> first;
  YamlNode second;
};

inline const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k.value == key) return &v;
  return nullptr;
}

// One value on the right-hand side of a detection item.
struct Value {
  enum class Kind : std::uint8_t { Null, Bool, Int, Float, String };
  Kind kind = Kind::String;
  std::string text;  // the scalar as written (for strings: the string, escapes not yet applied)
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  Pos pos;
};

// `field|mod1|mod2: values`. A keyword item has an empty field ("" or a bare "|all" key).
struct DetectionItem {
  std::string field;
  std::vector<Located<std::string>> modifiers;
  std::vector<Value> values;
  bool value_is_list = false;  // written as a YAML sequence (even of one element)
  Pos key_pos;                 // position of the key (for modifiers: column of the key start)
  Pos pos;                     // position of the value

  // Set by processing pipelines (compiler/pipeline):
  // a one-to-many field mapping: the item matches when it matches on `field` or on any of these;
  std::vector<std::string> more_fields;
  // `|expand` placeholders the pipeline resolved for this item: name -> values (Sigma strings);
  std::vector<std::pair<std::string, std::vector<std::string>>> placeholders;
  // the ids of the processing items that changed it (for `processing_item_applied`).
  std::vector<std::string> applied;
};

// A map of items, all of which must match (AND).
struct DetectionMap {
  std::vector<DetectionItem> items;
  Pos pos;
};

// A search identifier: the OR of its alternatives. A YAML map gives one alternative; a list of
// maps gives one per map; a list of plain values (keywords) gives one alternative holding one
// keyword item with those values.
struct Selection {
  Located<std::string> name;
  std::vector<DetectionMap> alternatives;
  Pos pos;
};

struct Logsource {
  std::string category, product, service, definition;
  std::vector<std::pair<std::string, std::string>> custom;  // other keys, kept
  Pos pos;
};

struct Related {
  std::string id, type;
};

// Correlation rule (spec: sigma-correlation-rules-specification.md).
struct Correlation {
  Located<std::string> type;  // event_count, value_count, temporal, temporal_ordered, value_sum...
  std::vector<Located<std::string>> rules;
  std::vector<std::string> group_by;
  Located<std::string> timespan;
  std::uint64_t timespan_seconds = 0;
  std::vector<std::pair<std::string, Located<std::string>>> condition;  // gt: 10, field: x...
  bool has_condition = false;
  std::vector<std::pair<std::string, YamlNode>> aliases;
  bool generate = false;
  Pos pos;
};

// Filter rule (spec: sigma-filters-specification.md).
struct Filter {
  std::vector<Located<std::string>> rules;  // ids or names of the rules it applies to
  std::vector<Selection> selections;
  std::vector<YamlNode> conditions;  // scalars
  Pos pos;
};

struct Rule {
  enum class Kind : std::uint8_t { Detection, Correlation, Filter };
  Kind kind = Kind::Detection;
  // Set when the attributes had errors: the rule is still compiled, so every problem of the
  // file is reported in one run, but it is never added to a rule set.
  bool refused = false;

  std::string file;
  std::uint32_t document = 0;  // index of the YAML document in the file
  Pos pos;

  std::string title, id, name, taxonomy, status, description, license, author, date, modified,
      level, scope;
  std::vector<Related> related;
  std::vector<std::string> references, tags, falsepositives, fields;
  Logsource logsource;
  bool has_logsource = false;

  // Detection (kind == Detection).
  std::vector<Selection> selections;
  std::vector<YamlNode> conditions;  // scalars; several conditions are ORed
  Located<std::string> timeframe;

  std::optional<Correlation> correlation;
  std::optional<Filter> filter;

  // Set by processing pipelines: selections ANDed with the condition (`add_condition`), negated
  // when the flag is set, and the ids of the processing items applied to the rule.
  struct RequiredSelection {
    std::string name;
    bool negated = false;
  };
  std::vector<RequiredSelection> required;
  std::vector<std::string> applied;

  // Every top-level key that is not a Sigma attribute (eval, score, where, sort, ...).
  std::vector<std::pair<Located<std::string>, YamlNode>> custom;

  const YamlNode* custom_attribute(std::string_view key) const {
    for (const auto& [k, v] : custom)
      if (k.value == key) return &v;
    return nullptr;
  }
};

}  // namespace sigma::ast
