// Loading a pipeline file: the top-level keys, processing items and their transformations.
#include "compiler/pipeline/load.hpp"

#include <re2/re2.h>

#include <charconv>
#include <initializer_list>

#include "compiler/diag/edit_distance.hpp"
#include "compiler/modifiers/item2ir.hpp"
#include "compiler/pipeline/load_context.hpp"
#include "compiler/yaml2ast/scalar_value.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"
#include "compiler/yaml2ast/yaml_reader.hpp"

namespace sigma::pipeline {
namespace detail {
namespace {

using Kind = ast::YamlNode::Kind;

constexpr std::string_view kReserved[] = {
    "id",
    "type",
    "rule_conditions",
    "rule_cond_op",
    "rule_cond_not",
    "rule_cond_expr",
    "detection_item_conditions",
    "detection_item_cond_op",
    "detection_item_cond_not",
    "detection_item_cond_expr",
    "field_name_conditions",
    "field_name_cond_op",
    "field_name_cond_not",
    "field_name_cond_expr",
};

constexpr std::string_view kTypes[] = {
    "field_name_mapping", "field_name_prefix_mapping", "field_name_prefix", "field_name_suffix",
    "drop_detection_item", "add_condition", "change_logsource", "add_field", "remove_field",
    "set_field", "replace_string", "map_string", "set_value", "convert_type", "case",
    "value_placeholders", "wildcard_placeholders", "rule_failure", "detection_item_failure",
    "set_state", "set_custom_attribute", "nest",
};

// Types pySigma has that an evaluating engine refuses, and why.
constexpr std::pair<std::string_view, std::string_view> kRefused[] = {
    {"query_expression_placeholders",
     "it inserts a backend query expression; an evaluating engine has no query to put it in"},
    {"field_name_transform", "it needs a Python function, which a YAML pipeline cannot give"},
    {"hashes_fields", "not supported yet: match the `Hashes` field with `|contains` instead"},
    {"regex", "not supported yet: write the value with the `re` modifier in the rule"},
    {"strict_field_mapping_failure", "not supported yet"},
};

bool is_reserved(std::string_view k) {
  for (const auto r : kReserved)
    if (r == k) return true;
  return false;
}

// The parameters of a transformation: every key the item does not reserve.
class Params {
 public:
  Params(const ast::YamlNode& item, const std::string& type, LoadContext& ctx)
      : item_(item), type_(type), ctx_(ctx) {}

  const ast::YamlNode* get(std::string_view key) {
    seen_.emplace_back(key);
    return item_.find(key);
  }
  const ast::YamlNode* need(std::string_view key) {
    const auto* n = get(key);
    if (!n) ctx_.error(item_.pos, "`" + type_ + "` needs `" + std::string(key) + "`");
    return n;
  }
  // Reports the keys nobody asked for.
  void finish() {
    for (const auto& [k, v] : item_.entries) {
      if (is_reserved(k.value)) continue;
      bool known = false;
      for (const auto& s : seen_) known = known || s == k.value;
      if (!known) {
        std::string help = seen_.empty() ? "`" + type_ + "` takes no parameters" : "it takes:";
        if (!seen_.empty())
          for (const auto& s : seen_) help += " " + s;
        ctx_.error(k.pos, "unknown parameter `" + k.value + "` for `" + type_ + "`", help);
      }
    }
  }

 private:
  const ast::YamlNode& item_;
  const std::string& type_;
  LoadContext& ctx_;
  std::vector<std::string> seen_;
};

std::optional<std::string> optional_text(Params& p, LoadContext& ctx, std::string_view key) {
  if (const auto* n = p.get(key)) return n->kind == Kind::Null ? std::nullopt : ctx.text(*n, key);
  return std::nullopt;
}

// add_condition: checks the detection map once here, so its mistakes point into the pipeline.
bool check_condition_map(const ast::YamlNode& conditions, LoadContext& ctx, diag::Sink& diags) {
  // A list of maps is ORed, as in a detection (an extension: pySigma documents a map only).
  if ((conditions.kind != Kind::Map && conditions.kind != Kind::Sequence) ||
      (conditions.entries.empty() && conditions.items.empty())) {
    ctx.error(conditions.pos, "`conditions` must be a map of field: value (or a list of maps)");
    return false;
  }
  const auto before = diags.error_count();
  ast::Selection sel;
  if (!yaml2ast::build_selection({"_cond", conditions.pos}, conditions, sel, diags)) return false;
  ir::FieldTable fields;
  ir::LeafTable leaves;
  modifiers::ItemContext scratch{fields, leaves, diags, nullptr};
  for (const auto& map : sel.alternatives)
    for (const auto& item : map.items) modifiers::item_to_ir(item, scratch);
  return diags.error_count() == before;
}

}  // namespace

bool load_transformation(const ast::YamlNode& item, const std::string& type, LoadContext& ctx,
                         ProcessingItem& out, diag::Sink& diags) {
  Params p(item, type, ctx);
  const auto text = [&](std::string_view key) -> std::string {
    const auto* n = p.need(key);
    if (!n) return {};
    return ctx.text(*n, key).value_or("");
  };
  if (type == "field_name_mapping" || type == "field_name_prefix_mapping" || type == "map_string") {
    NameMap m;
    if (const auto* n = p.need("mapping")) m = ctx.name_map(*n, "mapping");
    if (type == "field_name_mapping") out.transformation = FieldNameMapping{std::move(m)};
    else if (type == "map_string") out.transformation = MapString{std::move(m)};
    else out.transformation = FieldNamePrefixMapping{std::move(m)};
  } else if (type == "field_name_prefix") {
    out.transformation = FieldNamePrefix{text("prefix")};
  } else if (type == "field_name_suffix") {
    out.transformation = FieldNameSuffix{text("suffix")};
  } else if (type == "drop_detection_item") {
    out.transformation = DropDetectionItem{};
  } else if (type == "add_condition") {
    AddCondition t;
    if (const auto* n = p.need("conditions")) {
      t.conditions = *n;
      check_condition_map(*n, ctx, diags);
    }
    if (const auto* n = p.get("name")) t.name = ctx.text(*n, "name").value_or("");
    if (const auto* n = p.get("template")) t.templated = ctx.flag(*n, "template");
    if (const auto* n = p.get("negated")) t.negated = ctx.flag(*n, "negated");
    out.transformation = std::move(t);
  } else if (type == "change_logsource") {
    ChangeLogsource t;
    t.category = optional_text(p, ctx, "category");
    t.product = optional_text(p, ctx, "product");
    t.service = optional_text(p, ctx, "service");
    if (!t.category && !t.product && !t.service)
      ctx.error(item.pos, "`change_logsource` needs a category, product or service");
    out.transformation = std::move(t);
  } else if (type == "add_field" || type == "remove_field" || type == "set_field") {
    FieldsAttribute t;
    t.op = type == "add_field"      ? FieldsAttribute::Op::Add
           : type == "remove_field" ? FieldsAttribute::Op::Remove
                                    : FieldsAttribute::Op::Set;
    const char* key = type == "set_field" ? "fields" : "field";
    if (const auto* n = p.need(key)) t.fields = ctx.text_list(*n, key);
    out.transformation = std::move(t);
  } else if (type == "replace_string") {
    ReplaceString t;
    if (const auto* n = p.need("regex")) t.regex = ctx.regex(*n, false);
    if (const auto* n = p.need("replacement")) {
      // Python's \g<n> is RE2's \n.
      std::string r = ctx.text(*n, "replacement").value_or("");
      for (std::size_t i; (i = r.find("\\g<")) != std::string::npos;) {
        const auto close = r.find('>', i);
        if (close == std::string::npos) break;
        r.replace(i, close - i + 1, "\\" + r.substr(i + 3, close - i - 3));
      }
      t.replacement = std::move(r);
      std::string why;
      if (t.regex && !t.regex->CheckRewriteString(t.replacement, &why))
        ctx.error(n->content, "invalid replacement: " + why);
    }
    if (const auto* n = p.get("skip_special")) t.skip_special = ctx.flag(*n, "skip_special");
    if (const auto* n = p.get("interpret_special"))
      t.interpret_special = ctx.flag(*n, "interpret_special");
    out.transformation = std::move(t);
  } else if (type == "set_value") {
    SetValue t;
    if (const auto* n = p.need("value")) t.value = yaml2ast::scalar_value(*n);
    if (const auto* n = p.get("force_type")) {
      if (n->scalar == "str") t.value.kind = ast::Value::Kind::String;
      else if (n->scalar != "num") ctx.error(n->content, "`force_type` must be `str` or `num`");
    }
    out.transformation = std::move(t);
  } else if (type == "convert_type") {
    ConvertType t;
    const auto target = text("target_type");
    if (target == "num") t.to_number = true;
    else if (target != "str") ctx.error(item.pos, "`target_type` must be `str` or `num`");
    out.transformation = t;
  } else if (type == "case") {
    CaseChange t{"lower"};
    if (const auto* n = p.get("method")) t.method = n->scalar;
    if (t.method != "lower" && t.method != "upper" && t.method != "snake_case")
      ctx.error(item.pos, "`method` must be lower, upper or snake_case");
    out.transformation = std::move(t);
  } else if (type == "value_placeholders" || type == "wildcard_placeholders") {
    Placeholders t;
    t.wildcard = type == "wildcard_placeholders";
    if (const auto* n = p.get("include")) t.include = ctx.text_list(*n, "include");
    if (const auto* n = p.get("exclude")) t.exclude = ctx.text_list(*n, "exclude");
    if (!t.include.empty() && !t.exclude.empty())
      ctx.error(item.pos, "give `include` or `exclude`, not both");
    out.transformation = std::move(t);
  } else if (type == "rule_failure" || type == "detection_item_failure") {
    out.transformation = Failure{type == "rule_failure", text("message")};
  } else if (type == "set_state") {
    SetState t;
    t.key = text("key");
    t.value = text("val");
    out.transformation = std::move(t);
  } else if (type == "set_custom_attribute") {
    SetCustomAttribute t;
    t.attribute = text("attribute");
    t.value = text("value");
    out.transformation = std::move(t);
  } else if (type == "nest") {
    Nest t;
    if (const auto* n = p.need("items")) {
      if (n->kind != Kind::Sequence) ctx.error(n->pos, "`items` must be a list of processing items");
      for (const auto& x : n->items)
        if (auto nested = load_item(x, ctx, diags)) t.items.push_back(std::move(*nested));
    }
    out.transformation = std::move(t);
  } else {
    return false;
  }
  p.finish();
  return true;
}

std::optional<ProcessingItem> load_item(const ast::YamlNode& item, LoadContext& ctx,
                                        diag::Sink& diags) {
  if (item.kind != Kind::Map) {
    ctx.error(item.pos, "a processing item is a map with a `type`");
    return std::nullopt;
  }
  ProcessingItem out;
  out.pos = item.pos;
  const auto* type = item.find("type");
  if (!type || type->kind != Kind::Scalar) {
    ctx.error(item.pos, "a processing item needs a `type`");
    return std::nullopt;
  }
  out.type = type->scalar;
  if (const auto* id = item.find("id")) out.id = ctx.text(*id, "id").value_or("");
  ctx.rule_conditions(item, out);
  ctx.item_conditions(item, out);
  ctx.field_conditions(item, out);
  if (!load_transformation(item, out.type, ctx, out, diags)) {
    for (const auto& [name, why] : kRefused) {
      if (name == out.type) {
        ctx.error(type->content, "transformation `" + out.type + "` is not supported", std::string(why),
                  diag::code::kPipelineUnknownTransformation);
        return std::nullopt;
      }
    }
    std::string help = "known:";
    std::size_t best = 4;
    for (const auto t : kTypes) {
      const auto d = diag::edit_distance(out.type, t);
      if (d < best) best = d, help = "did you mean `" + std::string(t) + "`?";
    }
    if (best == 4)
      for (const auto t : kTypes) help += " " + std::string(t);
    ctx.error(type->content, "unknown transformation `" + out.type + "`", help,
              diag::code::kPipelineUnknownTransformation);
    return std::nullopt;
  }
  return out;
}

}  // namespace detail

std::optional<Pipeline> load_pipeline(std::string_view file, std::string_view text,
                                      diag::Sink& diags) {
  diags.set_file(std::string(file));
  const auto before = diags.error_count();
  auto docs = yaml2ast::read_documents(text, diags);
  if (diags.error_count() != before) return std::nullopt;
  detail::LoadContext ctx(diags);
  if (docs.size() != 1 || docs.front().kind != ast::YamlNode::Kind::Map) {
    ctx.error(docs.empty() ? ast::Pos{1, 1} : docs.front().pos,
              "a processing pipeline is one YAML map (name, priority, vars, transformations)");
    return std::nullopt;
  }
  const auto& doc = docs.front();
  Pipeline p;
  p.file = std::string(file);
  for (const auto& [k, v] : doc.entries) {
    if (k.value == "name") {
      p.name = ctx.text(v, "name").value_or("");
    } else if (k.value == "priority") {
      const auto s = ctx.text(v, "priority").value_or("0");
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), p.priority);
      if (ec != std::errc() || end != s.data() + s.size())
        ctx.error(v.content, "`priority` must be a whole number");
    } else if (k.value == "vars") {
      using Kind = ast::YamlNode::Kind;
      if (v.kind != Kind::Map && v.kind != Kind::Null) ctx.error(v.pos, "`vars` must be a map");
      for (const auto& [name, value] : v.entries)
        p.vars.emplace_back(name.value, ctx.text_list(value, name.value));
    } else if (k.value == "transformations") {
      if (v.kind != ast::YamlNode::Kind::Sequence && v.kind != ast::YamlNode::Kind::Null)
        ctx.error(v.pos, "`transformations` must be a list of processing items");
      for (const auto& item : v.items)
        if (auto loaded = detail::load_item(item, ctx, diags)) p.items.push_back(std::move(*loaded));
    } else if (k.value == "postprocessing" || k.value == "finalizers") {
      if (!v.items.empty())
        diags.warning(diag::code::kPipeline, k.pos,
                      "`" + k.value + "` is ignored: it shapes a backend's query text, and an "
                      "evaluating engine produces none");
    } else if (k.value == "allowed_backends") {
      // Which query backends may use the pipeline: nothing to check for an evaluating engine.
    } else {
      ctx.error(k.pos, "unknown pipeline key `" + k.value + "`",
                "a pipeline has name, priority, vars, transformations, postprocessing, "
                "finalizers and allowed_backends");
    }
  }
  if (!ctx.ok()) return std::nullopt;
  return p;
}

}  // namespace sigma::pipeline
