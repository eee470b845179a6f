#include "compiler/ast2ir/extension2ir.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>

#include "compiler/expr/expr_program.hpp"

namespace sigma::ast2ir {
namespace {

namespace code = diag::code;
using Kind = ast::YamlNode::Kind;

std::uint32_t width(std::string_view s) { return static_cast<std::uint32_t>(s.size()); }

// Gives expression names their meaning: earlier eval variables, then selections, then fields.
class RuleNames final : public expr::Resolver {
 public:
  RuleNames(const std::vector<std::string>& variables, const ir::Rule& rule, ir::FieldTable& fields)
      : variables_(variables), rule_(rule), fields_(fields) {}

  std::size_t visible = 0;  // variables [0, visible) are defined before the expression

  std::optional<std::uint32_t> variable(std::string_view name) override {
    for (std::size_t i = visible; i-- > 0;)
      if (variables_[i] == name) return static_cast<std::uint32_t>(i);
    return std::nullopt;
  }
  std::optional<std::uint32_t> selection(std::string_view name) override {
    for (std::size_t i = 0; i < rule_.selections.size(); ++i)
      if (rule_.selections[i].first == name) return static_cast<std::uint32_t>(i);
    return std::nullopt;
  }
  std::uint32_t field(std::string_view name) override { return fields_.intern(name); }

 private:
  const std::vector<std::string>& variables_;
  const ir::Rule& rule_;
  ir::FieldTable& fields_;
};

class ExtensionLowering {
 public:
  ExtensionLowering(const ast::Rule& rule, ir::FieldTable& fields, ir::Rule& out,
                    diag::Sink& diags)
      : rule_(rule), out_(out), diags_(diags), names_(ext_.variables, out, fields) {}

  // Compiles the attributes into extension(); false when the rule has none.
  bool run() {
    const auto* eval = rule_.custom_attribute("eval");
    const auto* score = rule_.custom_attribute("score");
    const auto* where = rule_.custom_attribute("where");
    const auto* sort = rule_.custom_attribute("sort");
    if (!eval && !score && !where && !sort) return false;
    if (eval) lower_eval(*eval);
    if (score) lower_score(*score);
    if (where) lower_where(*where);
    if (sort) lower_sort(*sort);
    return true;
  }

  ir::Extension& extension() { return ext_; }

 private:
  std::optional<expr::Program> compile(const ast::YamlNode& node, std::string_view what) {
    if (node.kind != Kind::Scalar) {
      error(node.pos, std::string(what) + " must be an expression (a string)");
      return std::nullopt;
    }
    names_.visible = ext_.variables.size();
    auto r = expr::compile(node.scalar, names_);
    if (!r.ok) {
      for (const auto& e : r.errors)
        diags_.error(e.code, node.offset_pos(e.offset), e.message, e.help, e.length);
      ok_ = false;
      return std::nullopt;
    }
    return std::move(r.program);
  }

  void define(const ast::Located<std::string>& name, expr::Program program) {
    ext_.variables.push_back(name.value);
    ext_.values.push_back(std::move(program));
  }

  void lower_eval(const ast::YamlNode& eval) {
    if (eval.kind != Kind::Map) {
      return error(eval.pos, "`eval` must be a map of `Name: expression`, run in order",
                   "e.g. `eval: {CommandLine: 'mvjoin(mvappend(a0, a1), \" \")'}`");
    }
    for (const auto& [name, value] : eval.entries) {
      if (!valid_name(name)) continue;
      if (auto p = compile(value, "an eval entry")) define(name, std::move(*p));
    }
  }

  // score: {name: Total, weights: {FlagA: 3, FlagB: 1}} -> Total = 'FlagA'*3 + 'FlagB'*1
  void lower_score(const ast::YamlNode& score) {
    const auto* name = score.kind == Kind::Map ? score.find("name") : nullptr;
    const auto* weights = score.kind == Kind::Map ? score.find("weights") : nullptr;
    if (!name || name->kind != Kind::Scalar || !weights || weights->kind != Kind::Map ||
        weights->entries.empty()) {
      return error(score.pos, "`score` needs a `name` and a map of `weights`",
                   "e.g. `score: {name: RiskScore, weights: {IsDockerSock: 1, HostMount: 3}}`");
    }
    for (const auto& [key, _] : score.entries)
      if (key.value != "name" && key.value != "weights")
        error(key.pos, "unknown key `" + key.value + "` in `score`", "use `name` and `weights`",
              width(key.value));
    std::string text;
    for (const auto& [field, weight] : weights->entries) {
      double w = 0;
      const auto& s = weight.scalar;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), w);
      if (weight.kind != Kind::Scalar || ec != std::errc() || end != s.data() + s.size()) {
        error(weight.pos, "the weight of `" + field.value + "` must be a number");
        continue;
      }
      if (!text.empty()) text += " + ";
      text += "'" + field.value + "' * " + s;
    }
    ast::Located<std::string> located{name->scalar, name->pos};
    if (!ok_ || !valid_name(located)) return;
    names_.visible = ext_.variables.size();
    auto r = expr::compile(text, names_);
    if (!r.ok) {
      for (const auto& e : r.errors) error(weights->pos, "in `score`: " + e.message);
      return;
    }
    define(located, std::move(r.program));
  }

  void lower_where(const ast::YamlNode& where) {
    if (auto p = compile(where, "`where`")) ext_.where = std::move(*p);
  }

  // sort: [-Score, -_time] (or the same as one comma-separated string); `-` descending.
  void lower_sort(const ast::YamlNode& sort) {
    std::vector<const ast::YamlNode*> keys;
    std::vector<ast::YamlNode> split;
    if (sort.kind == Kind::Sequence) {
      for (const auto& item : sort.items) keys.push_back(&item);
    } else if (sort.kind == Kind::Scalar) {
      std::string_view rest = sort.scalar;
      std::uint32_t offset = 0;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        const auto piece = rest.substr(0, comma);
        ast::YamlNode n = sort;
        const auto lead = piece.find_first_not_of(' ');
        const auto trail = piece.find_last_not_of(' ');
        n.scalar = lead == std::string_view::npos ? "" : std::string(piece.substr(lead, trail - lead + 1));
        n.pos = n.content = sort.offset_pos(offset + (lead == std::string_view::npos ? 0 : static_cast<std::uint32_t>(lead)));
        split.push_back(std::move(n));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
        offset += static_cast<std::uint32_t>(comma + 1);
      }
      for (const auto& n : split) keys.push_back(&n);
    } else {
      return error(sort.pos, "`sort` must be a list of column names, `-` for descending",
                   "e.g. `sort: [-SuspicionScore, -_time]`");
    }
    for (const auto* key : keys) {
      std::string_view name = key->kind == Kind::Scalar ? std::string_view(key->scalar) : "";
      bool descending = false;
      if (!name.empty() && (name[0] == '-' || name[0] == '+')) {
        descending = name[0] == '-';
        name.remove_prefix(1);
        while (!name.empty() && name[0] == ' ') name.remove_prefix(1);
      }
      if (name.empty()) {
        error(key->pos, "a sort key must be a column name, `-` before it for descending");
        continue;
      }
      ext_.sort.push_back({std::string(name), descending});
      sort_pos_.push_back(key->pos);
    }
  }

 public:
  // Called after the columns are known: every sort key must name one of them.
  void check_sort_keys() {
    for (std::size_t i = 0; i < ext_.sort.size(); ++i) {
      const auto& key = ext_.sort[i].column;
      const bool found = std::any_of(out_.columns.begin(), out_.columns.end(),
                                     [&](const ir::Column& c) { return c.name == key; });
      if (!found)
        error(sort_pos_[i], "sort key `" + key + "` is not one of the rule's `fields`",
              "sorting uses the alert's output columns: add it to `fields`", width(key) + 1);
    }
  }
  bool ok() const { return ok_; }

 private:
  bool valid_name(const ast::Located<std::string>& name) {
    const auto& n = name.value;
    const bool good = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
    if (!good)
      error(name.pos, "`" + n + "` is not a valid variable name",
            "use letters, digits, `_`, `.` or `-`", width(n));
    return good;
  }

  void error(ast::Pos pos, std::string message, std::string help = {}, std::uint32_t length = 1) {
    diags_.error(code::kExtension, pos, std::move(message), std::move(help), length);
    ok_ = false;
  }

  const ast::Rule& rule_;
  ir::Rule& out_;
  diag::Sink& diags_;
  ir::Extension ext_;
  RuleNames names_;
  std::vector<ast::Pos> sort_pos_;
  bool ok_ = true;
};

void collect_fields(const ir::LeafTable& leaves, const ir::FieldTable& fields, const ir::Node& n,
                    std::vector<ir::Column>& out) {
  if (n.op == ir::Op::Leaf) {
    const auto f = leaves[n.leaf].field;
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const ir::Column& c) { return c.index == f; });
    if (f != ir::kKeywords && !seen) out.push_back({fields[f].name, ir::Column::Source::Field, f});
  }
  for (const auto& c : n.children) collect_fields(leaves, fields, c, out);
}

}  // namespace

bool compile_extension(const ast::Rule& rule, ir::FieldTable& fields, const ir::LeafTable& leaves,
                       ir::Rule& out, diag::Sink& diags) {
  ExtensionLowering lowering(rule, fields, out, diags);
  const bool has_extension = lowering.run();
  const auto& variables = lowering.extension().variables;
  for (const auto& name : rule.fields) {
    // A column shows the variable of that name (the last, if eval redefines it), else the field.
    const auto it = std::find(variables.rbegin(), variables.rend(), name);
    if (it != variables.rend()) {
      const auto slot = static_cast<std::uint32_t>(variables.rend() - it - 1);
      out.columns.push_back({name, ir::Column::Source::Variable, slot});
    } else {
      out.columns.push_back({name, ir::Column::Source::Field, fields.intern(name)});
    }
  }
  if (out.columns.empty()) collect_fields(leaves, fields, out.condition, out.columns);
  if (has_extension) lowering.check_sort_keys();
  if (!lowering.ok()) return false;
  if (has_extension) out.extension = std::make_shared<ir::Extension>(std::move(lowering.extension()));
  return true;
}

}  // namespace sigma::ast2ir
