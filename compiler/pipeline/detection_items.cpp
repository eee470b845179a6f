// The transformations that act on detection items: field names (mapping, prefixes, suffixes),
// values (replace_string, map_string, set_value, convert_type, case, placeholders), dropping
// items and detection_item_failure.
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <variant>

#include "compiler/modifiers/sigma_string.hpp"
#include "compiler/pipeline/apply_context.hpp"

namespace sigma::pipeline::detail {
namespace {

using modifiers::Part;
using modifiers::SigmaString;
using VK = ast::Value::Kind;

// --- Field names ---------------------------------------------------------------------------

const std::vector<std::string>* lookup(const NameMap& m, std::string_view name) {
  for (const auto& [from, to] : m)
    if (from == name) return &to;
  return nullptr;
}

// The names one field becomes under a field-name transformation; nullopt when it is left as is.
std::optional<std::vector<std::string>> rename(const Transformation& t, const std::string& field) {
  if (field.empty()) return std::nullopt;  // keyword items have no field to rename
  return std::visit(
      Overloaded{
          [&](const FieldNameMapping& m) -> std::optional<std::vector<std::string>> {
            if (const auto* to = lookup(m.mapping, field)) return *to;
            return std::nullopt;
          },
          [&](const FieldNamePrefixMapping& m) -> std::optional<std::vector<std::string>> {
            for (const auto& [prefix, to] : m.mapping) {
              if (!field.starts_with(prefix)) continue;
              std::vector<std::string> out;
              for (const auto& t : to) out.push_back(t + field.substr(prefix.size()));
              return out;
            }
            return std::nullopt;
          },
          [&](const FieldNamePrefix& p) -> std::optional<std::vector<std::string>> {
            return std::vector<std::string>{p.prefix + field};
          },
          [&](const FieldNameSuffix& s) -> std::optional<std::vector<std::string>> {
            return std::vector<std::string>{field + s.suffix};
          },
          [](const auto&) -> std::optional<std::vector<std::string>> { return std::nullopt; },
      },
      t);
}

bool is_field_name_transformation(const Transformation& t) {
  return std::holds_alternative<FieldNameMapping>(t) ||
         std::holds_alternative<FieldNamePrefixMapping>(t) ||
         std::holds_alternative<FieldNamePrefix>(t) || std::holds_alternative<FieldNameSuffix>(t);
}

void note_rename(RuleContext& ctx, const std::string& from, const std::string& to,
                 const std::string& id) {
  auto ids = ctx.field_applied[from];
  if (!id.empty()) ids.push_back(id);
  ctx.field_applied[to] = std::move(ids);
}

// Replaces each value that `to(v)` gives texts for (an optional or a pointer to a list) by one
// copy of it per text; the rest stay. True when any value was replaced.
template <class To>
bool expand_values(std::vector<ast::Value>& values, To&& to) {
  std::vector<ast::Value> out;
  bool changed = false;
  for (const auto& v : values) {
    const auto texts = to(v);
    if (!texts) {
      out.push_back(v);
      continue;
    }
    changed = true;
    for (const auto& text : *texts) {
      out.push_back(v);
      out.back().text = text;
    }
  }
  values = std::move(out);
  return changed;
}

// Renames each of the item's fields the field name conditions select; a one-to-many mapping
// leaves the item matching on any of the names. `fieldref` values are field names too.
bool rename_fields(const ProcessingItem& item, ast::DetectionItem& d, RuleContext& ctx) {
  bool changed = false;
  std::vector<std::string> out;
  for (const auto& name : fields_of(d)) {
    std::optional<std::vector<std::string>> to;
    if (field_matches(item, name, ctx)) to = rename(item.transformation, name);
    if (!to) {
      out.push_back(name);
      continue;
    }
    changed = true;
    for (const auto& n : *to) {
      note_rename(ctx, name, n, item.id);
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
  }
  if (changed) set_fields(d, out);
  if (has_modifier(d, "fieldref"))
    changed |= expand_values(d.values, [&](const ast::Value& v) {
      std::optional<std::vector<std::string>> to;
      if (field_matches(item, v.text, ctx)) to = rename(item.transformation, v.text);
      return to;
    });
  return changed;
}

// --- Values --------------------------------------------------------------------------------

// pySigma reads the result of a whole-value replacement back with every backslash that does not
// escape a wildcard doubled, i.e. taken literally.
std::string literal_backslashes(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    if (s[i] == '\\' && (i + 1 == s.size() || (s[i + 1] != '*' && s[i + 1] != '?')))
      out.push_back('\\');
  }
  return out;
}

void replace_string(const ReplaceString& t, ast::Value& v, bool expand) {
  if (v.kind != VK::String || !t.regex) return;
  const auto s = SigmaString::parse(v.text, expand);
  if (!t.skip_special) {
    std::string text = s.written();
    RE2::GlobalReplace(&text, *t.regex, t.replacement);
    v.text = literal_backslashes(text);
    return;
  }
  SigmaString out;
  for (const auto& p : s.parts()) {
    if (p.kind != Part::Kind::Literal) {
      out.append(p);
      continue;
    }
    std::string text = p.text;
    RE2::GlobalReplace(&text, *t.regex, t.replacement);
    if (t.interpret_special)
      out.append(SigmaString::parse(text, expand));
    else
      out.append_literal(text);
  }
  v.text = out.exact(expand);
}

std::string snake_case(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isupper(c) && i > 0 &&
        (std::islower(static_cast<unsigned char>(s[i - 1])) ||
         std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      out.push_back('_');
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

void change_case(const CaseChange& t, ast::Value& v, bool expand) {
  if (v.kind != VK::String) return;
  SigmaString out;
  const auto parsed = SigmaString::parse(v.text, expand);
  for (const auto& p : parsed.parts()) {
    if (p.kind != Part::Kind::Literal) {
      out.append(p);
      continue;
    }
    std::string text = p.text;
    if (t.method == "snake_case") {
      text = snake_case(text);
    } else {
      for (auto& c : text)
        c = static_cast<char>(t.method == "upper" ? std::toupper(static_cast<unsigned char>(c))
                                                  : std::tolower(static_cast<unsigned char>(c)));
    }
    out.append_literal(text);
  }
  v.text = out.exact(expand);
}

bool to_number(ast::Value& v) {
  if (v.kind == VK::Int || v.kind == VK::Float || v.kind == VK::Null) return true;
  const auto* b = v.text.data();
  const auto* e = b + v.text.size();
  std::int64_t i = 0;
  if (auto [end, ec] = std::from_chars(b, e, i); ec == std::errc() && end == e) {
    v.kind = VK::Int;
    v.integer = i;
    return true;
  }
  double d = 0;
  if (auto [end, ec] = std::from_chars(b, e, d); ec == std::errc() && end == e) {
    v.kind = VK::Float;
    v.real = d;
    return true;
  }
  return false;
}

// Values a placeholder transformation resolves, recorded on the item for `|expand`.
void resolve_placeholders(const Placeholders& t, ast::DetectionItem& d, RuleContext& ctx,
                          bool& changed) {
  if (!has_modifier(d, "expand")) return;
  for (const auto& v : d.values) {
    if (v.kind != VK::String) continue;
    const auto parsed = SigmaString::parse(v.text, true);
    for (const auto& p : parsed.parts()) {
      if (p.kind != Part::Kind::Placeholder) continue;
      const auto& name = p.text;
      if (!t.include.empty() &&
          std::find(t.include.begin(), t.include.end(), name) == t.include.end())
        continue;
      if (std::find(t.exclude.begin(), t.exclude.end(), name) != t.exclude.end()) continue;
      const bool done = std::any_of(d.placeholders.begin(), d.placeholders.end(),
                                    [&](const auto& e) { return e.first == name; });
      if (done) continue;
      if (t.wildcard) {
        d.placeholders.push_back({name, {"*"}});
        changed = true;
        continue;
      }
      const auto& vars = ctx.pipeline.vars;
      const auto it =
          std::find_if(vars.begin(), vars.end(), [&](const auto& e) { return e.first == name; });
      if (it == vars.end()) {
        ctx.refuse(
            v.pos, "placeholder %" + name + "% has no value in the pipeline's `vars`",
            "define it under `vars:` in a pipeline, or handle it with wildcard_placeholders");
        continue;
      }
      d.placeholders.push_back({name, it->second});
      changed = true;
    }
  }
}

// Applies a value transformation to one item; true when it changed something.
bool transform_values(const ProcessingItem& item, ast::DetectionItem& d, RuleContext& ctx) {
  const bool expand = has_modifier(d, "expand");
  bool changed = false;
  std::visit(Overloaded{
                 [&](const ReplaceString& t) {
                   for (auto& v : d.values) {
                     const auto before = v.text;
                     replace_string(t, v, expand);
                     changed = changed || v.text != before;
                   }
                 },
                 [&](const MapString& t) {
                   changed |= expand_values(d.values, [&](const ast::Value& v) {
                     return v.kind == VK::String ? lookup(t.mapping, v.text) : nullptr;
                   });
                 },
                 [&](const SetValue& t) {
                   for (auto& v : d.values) {
                     const auto pos = v.pos;
                     v = t.value;
                     v.pos = pos;
                   }
                   changed = !d.values.empty();
                 },
                 [&](const ConvertType& t) {
                   for (auto& v : d.values) {
                     if (t.to_number) {
                       if (!to_number(v))
                         ctx.refuse(v.pos, "`" + v.text + "` cannot be converted to a number",
                                    "convert_type: num needs numeric values");
                     } else if (v.kind == VK::Int || v.kind == VK::Float || v.kind == VK::Bool) {
                       v.kind = VK::String;
                     }
                   }
                   changed = true;
                 },
                 [&](const CaseChange& t) {
                   for (auto& v : d.values) change_case(t, v, expand);
                   changed = true;
                 },
                 [&](const Placeholders& t) { resolve_placeholders(t, d, ctx, changed); },
                 [](const auto&) {},
             },
             item.transformation);
  return changed;
}

// Drops the fields the conditions select; false when none of the item's fields is left.
bool keep_after_drop(const ProcessingItem& item, ast::DetectionItem& d, RuleContext& ctx) {
  if (d.more_fields.empty()) return false;
  auto names = fields_of(d);
  std::erase_if(names, [&](const std::string& n) { return field_matches(item, n, ctx); });
  if (names.empty()) return false;
  set_fields(d, names);
  return true;
}

void transform_selections(const ProcessingItem& item, std::vector<ast::Selection>& sels,
                          RuleContext& ctx) {
  const auto& t = item.transformation;
  for (auto& sel : sels) {
    for (auto& map : sel.alternatives) {
      for (std::size_t i = 0; i < map.items.size();) {
        auto& d = map.items[i];
        if (!detection_item_matches(item, d, ctx)) {
          ++i;
          continue;
        }
        bool changed = false;
        if (std::holds_alternative<DropDetectionItem>(t)) {
          if (!keep_after_drop(item, d, ctx)) {
            map.items.erase(map.items.begin() + static_cast<std::ptrdiff_t>(i));
            continue;
          }
          changed = true;
        } else if (const auto* f = std::get_if<Failure>(&t)) {
          ctx.refuse(d.key_pos, f->message,
                     "processing item `" + item.id + "` refuses this detection item");
          return;
        } else if (is_field_name_transformation(t)) {
          changed = rename_fields(item, d, ctx);
        } else {
          changed = transform_values(item, d, ctx);
        }
        if (changed && !item.id.empty()) d.applied.push_back(item.id);
        ++i;
      }
    }
  }
}

}  // namespace

void transform_detection_items(const ProcessingItem& item, RuleContext& ctx) {
  auto& r = ctx.rule;
  transform_selections(item, r.selections, ctx);
  if (r.filter) transform_selections(item, r.filter->selections, ctx);
  if (!is_field_name_transformation(item.transformation)) return;
  // Field names outside detection items: the output `fields` and correlation group-by.
  const auto rename_list = [&](std::vector<std::string>& names, bool one_to_one, ast::Pos pos) {
    std::vector<std::string> out;
    for (const auto& n : names) {
      std::optional<std::vector<std::string>> to;
      if (field_matches(item, n, ctx)) to = rename(item.transformation, n);
      if (!to) {
        out.push_back(n);
        continue;
      }
      if (one_to_one && to->size() != 1) {
        ctx.refuse(pos, "field `" + n + "` is mapped to " + std::to_string(to->size()) +
                            " fields, and a correlation groups by exactly one");
        out.push_back(n);
        continue;
      }
      out.insert(out.end(), to->begin(), to->end());
    }
    names = std::move(out);
  };
  rename_list(r.fields, false, r.pos);
  if (r.correlation) rename_list(r.correlation->group_by, true, r.correlation->pos);
}

}  // namespace sigma::pipeline::detail
