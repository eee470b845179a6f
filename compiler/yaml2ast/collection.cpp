// Rule collections: several YAML documents in one file, combined by `action`.
//   action: global  -> merged into every following document (until reset)
//   action: reset   -> forgets the global document
//   action: repeat  -> the previous rule, with this document merged over it
#include <string>

#include "compiler/yaml2ast/yaml2ast.hpp"
#include "compiler/yaml2ast/yaml_reader.hpp"

namespace sigma::yaml2ast {
namespace {

using ast::YamlNode;

// Maps merge key by key (recursively); anything else is replaced by the overlay.
YamlNode merge(const YamlNode& base, const YamlNode& overlay) {
  if (base.kind != YamlNode::Kind::Map || overlay.kind != YamlNode::Kind::Map) return overlay;
  YamlNode out = base;
  for (const auto& [key, value] : overlay.entries) {
    bool found = false;
    for (auto& [k, v] : out.entries) {
      if (k.value == key.value) {
        v = merge(v, value);
        found = true;
        break;
      }
    }
    if (!found) out.entries.push_back({key, value});
  }
  return out;
}

YamlNode without_action(const YamlNode& doc) {
  YamlNode out = doc;
  std::erase_if(out.entries, [](const auto& e) { return e.first.value == "action"; });
  return out;
}

}  // namespace

std::vector<ast::Rule> load_rules(std::string_view file, std::string_view text,
                                  diag::Sink& diags) {
  diags.set_file(std::string(file));
  std::vector<ast::Rule> rules;
  const auto docs = read_documents(text, diags);
  YamlNode global;
  const YamlNode* previous = nullptr;
  YamlNode previous_doc;
  std::uint32_t index = 0;
  for (const auto& doc : docs) {
    const std::uint32_t this_index = index++;
    if (doc.kind == YamlNode::Kind::Null) continue;  // empty document (e.g. a trailing ---)
    if (doc.kind != YamlNode::Kind::Map) {
      diags.error(diag::code::kNotAMap, doc.pos, "a Sigma rule must be a YAML map");
      continue;
    }
    YamlNode merged;
    if (const auto* action = doc.find("action")) {
      const std::string& a = action->scalar;
      if (a == "global") {
        global = without_action(doc);
        continue;
      }
      if (a == "reset") {
        global = {};
        continue;
      }
      if (a == "repeat") {
        if (!previous) {
          diags.error(diag::code::kCollectionAction, action->pos,
                      "`action: repeat` needs a rule before it to repeat");
          continue;
        }
        merged = merge(*previous, without_action(doc));
      } else {
        diags.error(diag::code::kCollectionAction, action->pos,
                    "unknown collection action `" + a + "`", "use global, reset or repeat",
                    static_cast<std::uint32_t>(a.size()));
        continue;
      }
    } else {
      merged = global.kind == YamlNode::Kind::Map ? merge(global, doc) : doc;
    }
    previous_doc = merged;
    previous = &previous_doc;
    if (merged.find("transformations") && !merged.find("detection")) {
      diags.error(diag::code::kPipeline, merged.pos, "this is a processing pipeline, not a rule",
                  "pass it with --pipeline FILE (keep rules and pipelines in separate folders)");
      continue;
    }
    ast::Rule rule;
    rule.file = std::string(file);
    rule.document = this_index;
    rule.refused = !build_rule(merged, rule, diags);
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace sigma::yaml2ast
