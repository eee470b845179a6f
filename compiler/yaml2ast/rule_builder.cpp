// One YAML document -> ast::Rule: attributes checked against the rule specification, detection
// sections turned into selections and items. Every problem is reported; building goes on so a
// single run shows all of them.
#include <string>

#include "compiler/yaml2ast/scalar_value.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"

namespace sigma::yaml2ast {
namespace {

using ast::YamlNode;
using Kind = YamlNode::Kind;
namespace code = diag::code;

std::uint32_t width(std::string_view s) { return static_cast<std::uint32_t>(s.empty() ? 1 : s.size()); }

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

bool is_date(std::string_view s) {
  // YYYY-MM-DD (and the legacy YYYY/MM/DD that older rules use)
  if (s.size() != 10 || (s[4] != '-' && s[4] != '/') || s[7] != s[4]) return false;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

class Builder {
 public:
  Builder(ast::Rule& rule, diag::Sink& diags) : r_(rule), d_(diags) {}

  bool build_selection(const ast::Located<std::string>& name, const YamlNode& v,
                       ast::Selection& out) {
    std::vector<ast::Selection> one;
    selection(name, v, one);
    if (!one.empty()) out = std::move(one.front());
    return errors_ == 0;
  }

  bool build(const YamlNode& doc) {
    r_.pos = doc.pos;
    for (const auto& [key, value] : doc.entries) attribute(key, value);
    required(doc);
    return errors_ == 0;
  }

 private:
  void error(const char* c, ast::Pos pos, std::string msg, std::string help = {},
             std::uint32_t len = 1) {
    ++errors_;
    d_.error(c, pos, std::move(msg), std::move(help), len);
  }

  // A scalar attribute; anything else is a type error.
  bool text(const ast::Located<std::string>& key, const YamlNode& v, std::string& out) {
    if (v.kind == Kind::Scalar) {
      out = v.scalar;
      return true;
    }
    if (v.kind == Kind::Null) return true;
    error(code::kWrongType, v.pos, "`" + key.value + "` must be a string");
    return false;
  }

  // A list of strings; a single string is accepted as a list of one.
  void text_list(const ast::Located<std::string>& key, const YamlNode& v,
                 std::vector<std::string>& out) {
    if (v.kind == Kind::Scalar) {
      out.push_back(v.scalar);
      return;
    }
    if (v.kind == Kind::Null) return;
    if (v.kind != Kind::Sequence) {
      error(code::kWrongType, v.pos, "`" + key.value + "` must be a list of strings");
      return;
    }
    for (const auto& item : v.items) {
      if (item.kind == Kind::Scalar)
        out.push_back(item.scalar);
      else
        error(code::kWrongType, item.pos, "`" + key.value + "` must hold only strings");
    }
  }

  void attribute(const ast::Located<std::string>& key, const YamlNode& v) {
    const std::string& k = key.value;
    if (k == "title") text(key, v, r_.title);
    else if (k == "id") id(key, v);
    else if (k == "name") text(key, v, r_.name);
    else if (k == "taxonomy") text(key, v, r_.taxonomy);
    else if (k == "status") status(key, v);
    else if (k == "description") text(key, v, r_.description);
    else if (k == "license") text(key, v, r_.license);
    else if (k == "author") text(key, v, r_.author);
    else if (k == "date") date(key, v, r_.date);
    else if (k == "modified") date(key, v, r_.modified);
    else if (k == "level") level(key, v);
    else if (k == "scope") text_or_list(key, v, r_.scope);
    else if (k == "references") text_list(key, v, r_.references);
    else if (k == "tags") text_list(key, v, r_.tags);
    else if (k == "falsepositives") text_list(key, v, r_.falsepositives);
    else if (k == "fields") text_list(key, v, r_.fields);
    else if (k == "related") related(v);
    else if (k == "logsource") logsource(v);
    else if (k == "detection") detection(key, v);
    else if (k == "correlation") correlation(v);
    else if (k == "filter") filter(v);
    else r_.custom.emplace_back(key, v);
  }

  void text_or_list(const ast::Located<std::string>& key, const YamlNode& v, std::string& out) {
    std::vector<std::string> items;
    text_list(key, v, items);
    for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  }

  void id(const ast::Located<std::string>& key, const YamlNode& v) {
    if (!text(key, v, r_.id)) return;
    if (!is_uuid(r_.id))
      error(code::kInvalidId, v.content, "rule id `" + r_.id + "` is not a UUID",
            "Sigma ids are UUIDs such as 929a690e-bef0-4204-a928-ef5e620d6fcc", width(r_.id));
  }

  void status(const ast::Located<std::string>& key, const YamlNode& v) {
    if (!text(key, v, r_.status)) return;
    static const char* const kStatuses[] = {"stable", "test", "experimental", "deprecated",
                                            "unsupported"};
    for (const char* s : kStatuses)
      if (r_.status == s) return;
    error(code::kInvalidStatus, v.content, "unknown status `" + r_.status + "`",
          "use stable, test, experimental, deprecated or unsupported", width(r_.status));
  }

  void level(const ast::Located<std::string>& key, const YamlNode& v) {
    if (!text(key, v, r_.level)) return;
    static const char* const kLevels[] = {"informational", "low", "medium", "high", "critical"};
    for (const char* s : kLevels)
      if (r_.level == s) return;
    error(code::kInvalidLevel, v.content, "unknown level `" + r_.level + "`",
          "use informational, low, medium, high or critical", width(r_.level));
  }

  void date(const ast::Located<std::string>& key, const YamlNode& v, std::string& out) {
    if (!text(key, v, out)) return;
    if (!is_date(out))
      error(code::kInvalidDate, v.content, "`" + key.value + "` is not a date: `" + out + "`",
            "write dates as YYYY-MM-DD", width(out));
  }

  void related(const YamlNode& v) {
    if (v.kind != Kind::Sequence) {
      error(code::kWrongType, v.pos, "`related` must be a list of {id, type} maps");
      return;
    }
    for (const auto& item : v.items) {
      const YamlNode* id = item.find("id");
      const YamlNode* type = item.find("type");
      if (item.kind != Kind::Map || !id || !type) {
        error(code::kWrongType, item.pos, "each `related` entry needs an `id` and a `type`");
        continue;
      }
      r_.related.push_back({id->scalar, type->scalar});
    }
  }

  void logsource(const YamlNode& v) {
    r_.has_logsource = true;
    r_.logsource.pos = v.pos;
    if (v.kind != Kind::Map) {
      error(code::kWrongType, v.pos, "`logsource` must be a map (category, product, service)");
      return;
    }
    for (const auto& [key, value] : v.entries) {
      std::string s;
      if (!text(key, value, s)) continue;
      if (key.value == "category") r_.logsource.category = s;
      else if (key.value == "product") r_.logsource.product = s;
      else if (key.value == "service") r_.logsource.service = s;
      else if (key.value == "definition") r_.logsource.definition = s;
      else r_.logsource.custom.emplace_back(key.value, s);
    }
  }

  void detection(const ast::Located<std::string>& key, const YamlNode& v) {
    has_detection_ = true;
    detection_pos_ = key.pos;
    if (v.kind != Kind::Map) {
      error(code::kWrongType, v.pos, "`detection` must be a map of search identifiers");
      detection_conditions_error_ = true;
      return;
    }
    for (const auto& [key, value] : v.entries) {
      if (key.value == "condition") {
        conditions(value, r_.conditions);
      } else if (key.value == "timeframe") {
        r_.timeframe = {value.scalar, value.pos};
      } else {
        selection(key, value, r_.selections);
      }
    }
  }

  void conditions(const YamlNode& v, std::vector<YamlNode>& out) {
    if (v.kind == Kind::Scalar) {
      out.push_back(v);
    } else if (v.kind == Kind::Sequence && !v.items.empty()) {
      for (const auto& item : v.items) {
        if (item.kind == Kind::Scalar)
          out.push_back(item);
        else
          error(code::kWrongType, item.pos, "a condition must be a string");
      }
    } else {
      error(code::kWrongType, v.pos, "`condition` must be a string or a list of strings");
    }
  }

  void selection(const ast::Located<std::string>& key, const YamlNode& v,
                 std::vector<ast::Selection>& out) {
    ast::Selection sel{key, {}, v.pos};
    const auto empty = [&] {
      error(code::kEmptySelection, key.pos, "search identifier `" + key.value + "` is empty",
            "give it a map of field: value, or a list of values", width(key.value));
      out.push_back({key, {}, v.pos});  // keep the name defined so the condition still resolves
    };
    switch (v.kind) {
      case Kind::Map:
        if (v.entries.empty()) return empty();
        sel.alternatives.push_back(detection_map(v));
        break;
      case Kind::Sequence: {
        if (v.items.empty()) return empty();
        ast::DetectionItem keywords;
        keywords.value_is_list = true;
        keywords.pos = keywords.key_pos = v.pos;
        for (const auto& item : v.items) {
          if (item.kind == Kind::Map) {
            if (item.entries.empty()) return empty();
            sel.alternatives.push_back(detection_map(item));
          } else if (item.kind == Kind::Scalar || item.kind == Kind::Null) {
            keywords.values.push_back(scalar_value(item));
          } else {
            error(code::kWrongType, item.pos,
                  "a list in a search identifier holds values or maps, not nested lists");
          }
        }
        if (!keywords.values.empty()) sel.alternatives.push_back({{std::move(keywords)}, v.pos});
        break;
      }
      case Kind::Scalar: {
        ast::DetectionItem keyword;
        keyword.pos = keyword.key_pos = v.pos;
        keyword.values.push_back(scalar_value(v));
        sel.alternatives.push_back({{std::move(keyword)}, v.pos});
        break;
      }
      case Kind::Null:
        return empty();
    }
    out.push_back(std::move(sel));
  }

  ast::DetectionMap detection_map(const YamlNode& v) {
    ast::DetectionMap map;
    map.pos = v.pos;
    for (const auto& [key, value] : v.entries) {
      ast::DetectionItem item;
      split_field_key(key, item);
      item.pos = value.pos;
      if (value.kind == Kind::Sequence) {
        item.value_is_list = true;
        if (value.items.empty())
          error(code::kEmptySelection, value.pos, "`" + key.value + "` has an empty list of values",
                "give at least one value, or `null` to match a missing field");
        for (const auto& x : value.items) {
          if (x.kind == Kind::Scalar || x.kind == Kind::Null)
            item.values.push_back(scalar_value(x));
          else
            error(code::kWrongType, x.pos, "a value of `" + key.value + "` must be a scalar");
        }
      } else if (value.kind == Kind::Map) {
        error(code::kWrongType, value.pos,
              "the value of `" + key.value + "` must be a value or a list of values, not a map");
      } else {
        item.values.push_back(scalar_value(value));
      }
      map.items.push_back(std::move(item));
    }
    return map;
  }

  // Rule references: a list of ids or names (a single string is accepted).
  void rule_refs(const ast::Located<std::string>& key, const YamlNode& v,
                 std::vector<ast::Located<std::string>>& out) {
    if (v.kind == Kind::Scalar) {
      out.push_back({v.scalar, v.content});
    } else if (v.kind == Kind::Sequence) {
      for (const auto& item : v.items) {
        if (item.kind == Kind::Scalar)
          out.push_back({item.scalar, item.content});
        else
          error(code::kWrongType, item.pos, "`" + key.value + "` must list rule ids or names");
      }
    } else {
      error(code::kWrongType, v.pos, "`" + key.value + "` must list rule ids or names");
    }
  }

  void correlation(const YamlNode& v) {
    ast::Correlation c;
    c.pos = v.pos;
    if (v.kind != Kind::Map) {
      error(code::kCorrelation, v.pos, "`correlation` must be a map");
      return;
    }
    bool has_type = false, has_rules = false, has_timespan = false;
    for (const auto& [key, value] : v.entries) {
      const std::string& k = key.value;
      if (k == "type") {
        has_type = true;
        c.type = {value.scalar, value.content};
        static const char* const kTypes[] = {"event_count", "value_count", "temporal",
                                             "temporal_ordered", "value_sum", "value_avg",
                                             "value_percentile", "value_median"};
        bool known = false;
        for (const char* t : kTypes) known = known || value.scalar == t;
        if (!known)
          error(code::kCorrelation, value.content, "unknown correlation type `" + value.scalar + "`",
                "use event_count, value_count, temporal or temporal_ordered", width(value.scalar));
      } else if (k == "rules") {
        has_rules = true;
        rule_refs(key, value, c.rules);
      } else if (k == "group-by") {
        text_list(key, value, c.group_by);
      } else if (k == "timespan" || k == "timeframe") {
        has_timespan = true;
        c.timespan = {value.scalar, value.content};
        if (!parse_timespan(value.scalar, c.timespan_seconds))
          error(code::kCorrelation, value.content, "invalid timespan `" + value.scalar + "`",
                "write a number and a unit: 30s, 5m, 1h, 7d", width(value.scalar));
      } else if (k == "condition") {
        c.has_condition = true;
        if (value.kind != Kind::Map) {
          error(code::kCorrelation, value.pos, "a correlation `condition` is a map such as `gte: 100`");
          continue;
        }
        for (const auto& [ck, cv] : value.entries) {
          static const char* const kOps[] = {"gt", "gte", "lt", "lte", "eq", "neq", "field"};
          bool known = false;
          for (const char* o : kOps) known = known || ck.value == o;
          if (!known)
            error(code::kCorrelation, ck.pos, "unknown correlation condition `" + ck.value + "`",
                  "use gt, gte, lt, lte, eq, neq (and field for value_* types)", width(ck.value));
          c.condition.emplace_back(ck.value, ast::Located<std::string>{cv.scalar, cv.content});
        }
      } else if (k == "aliases") {
        for (const auto& [ak, av] : value.entries) c.aliases.emplace_back(ak.value, av);
      } else if (k == "generate") {
        c.generate = value.scalar == "true" || value.scalar == "True";
      } else {
        error(code::kCorrelation, key.pos, "unknown correlation attribute `" + k + "`", {},
              width(k));
      }
    }
    if (!has_type) error(code::kCorrelation, v.pos, "correlation needs a `type`");
    if (!has_rules) error(code::kCorrelation, v.pos, "correlation needs `rules`");
    const bool temporal = c.type.value == "temporal" || c.type.value == "temporal_ordered";
    if (!has_timespan) error(code::kCorrelation, v.pos, "correlation needs a `timespan`");
    if (!c.has_condition && !temporal)
      error(code::kCorrelation, v.pos, "correlation needs a `condition` such as `gte: 10`");
    r_.correlation = std::move(c);
  }

  static bool parse_timespan(std::string_view s, std::uint64_t& seconds) {
    if (s.size() < 2) return false;
    std::uint64_t n = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9' || n > (1ull << 40)) return false;
      n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
    }
    switch (s.back()) {
      case 's': seconds = n; return true;
      case 'm': seconds = n * 60; return true;
      case 'h': seconds = n * 3600; return true;
      case 'd': seconds = n * 86400; return true;
      case 'w': seconds = n * 7 * 86400; return true;
      case 'M': seconds = n * 30 * 86400; return true;
      case 'y': seconds = n * 365 * 86400; return true;
      default: return false;
    }
  }

  void filter(const YamlNode& v) {
    ast::Filter f;
    f.pos = v.pos;
    if (v.kind != Kind::Map) {
      error(code::kFilter, v.pos, "`filter` must be a map with rules, selections and a condition");
      return;
    }
    bool has_rules = false;
    for (const auto& [key, value] : v.entries) {
      if (key.value == "rules") {
        has_rules = true;
        rule_refs(key, value, f.rules);
      } else if (key.value == "condition") {
        conditions(value, f.conditions);
      } else {
        selection(key, value, f.selections);
      }
    }
    if (!has_rules) error(code::kFilter, v.pos, "a filter needs `rules` naming the rules it tunes");
    if (f.conditions.empty()) error(code::kFilter, v.pos, "a filter needs a `condition`");
    r_.filter = std::move(f);
  }

  void required(const YamlNode& doc) {
    const auto missing = [&](const char* what, const char* help) {
      error(code::kMissingAttribute, doc.pos, std::string("missing required attribute `") + what + "`",
            help);
    };
    if (!doc.find("title")) missing("title", "every Sigma rule needs a title");
    if (r_.kind == ast::Rule::Kind::Correlation) return;
    if (r_.kind == ast::Rule::Kind::Filter) {
      if (!r_.has_logsource) missing("logsource", "a filter names the log source it applies to");
      return;
    }
    if (!r_.has_logsource) missing("logsource", "say which logs the rule reads (category, product, service)");
    if (!has_detection_) {
      missing("detection", "a rule needs a detection section with a condition");
    } else if (r_.conditions.empty() && !detection_conditions_error_) {
      error(code::kMissingAttribute, detection_pos_, "`detection` has no `condition`",
            "add e.g. `condition: selection`");
    }
  }

  ast::Rule& r_;
  diag::Sink& d_;
  std::size_t errors_ = 0;
  bool has_detection_ = false;
  bool detection_conditions_error_ = false;
  ast::Pos detection_pos_;
};

}  // namespace

void split_field_key(const ast::Located<std::string>& key, ast::DetectionItem& item) {
  const std::string& k = key.value;
  item.key_pos = key.pos;
  auto bar = k.find('|');
  item.field = k.substr(0, bar);
  while (bar != std::string::npos) {
    const auto next = k.find('|', bar + 1);
    ast::Located<std::string> mod;
    mod.value = k.substr(bar + 1, next == std::string::npos ? std::string::npos : next - bar - 1);
    mod.pos = {key.pos.line, key.pos.column + static_cast<std::uint32_t>(bar) + 1};
    item.modifiers.push_back(std::move(mod));
    bar = next;
  }
}

bool build_selection(const ast::Located<std::string>& name, const ast::YamlNode& value,
                     ast::Selection& out, diag::Sink& diags) {
  ast::Rule scratch;
  return Builder(scratch, diags).build_selection(name, value, out);
}

bool build_rule(const ast::YamlNode& doc, ast::Rule& out, diag::Sink& diags) {
  if (doc.find("correlation")) out.kind = ast::Rule::Kind::Correlation;
  else if (doc.find("filter")) out.kind = ast::Rule::Kind::Filter;
  return Builder(out, diags).build(doc);
}

}  // namespace sigma::yaml2ast
