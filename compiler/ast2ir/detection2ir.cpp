#include "compiler/ast2ir/detection2ir.hpp"
#include "compiler/diag/edit_distance.hpp"

#include <algorithm>
#include <string>

#include "compiler/condition/condition_ast.hpp"
#include "compiler/ir/simplify.hpp"

namespace sigma::ast2ir {
namespace {

namespace code = diag::code;

// `*` matches any run in an `x of` pattern; everything else literally.
bool pattern_matches(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p, ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

class ConditionLowering {
 public:
  ConditionLowering(const std::vector<std::pair<std::string, ir::Node>>& selections,
                    const ast::YamlNode& text, diag::Sink& diags, std::vector<bool>& used)
      : sel_(selections), text_(text), diags_(diags), used_(used) {}

  std::optional<ir::Node> lower(const cond::Expr& e) {
    switch (e.kind) {
      case cond::Expr::Kind::And:
      case cond::Expr::Kind::Or: {
        std::vector<ir::Node> kids;
        bool ok = true;
        for (const auto& c : e.children) {
          auto n = lower(c);
          if (n) kids.push_back(std::move(*n));
          else ok = false;
        }
        if (!ok) return std::nullopt;
        return ir::Node::make(e.kind == cond::Expr::Kind::And ? ir::Op::And : ir::Op::Or,
                              std::move(kids));
      }
      case cond::Expr::Kind::Not: {
        auto n = lower(e.children.front());
        if (!n) return std::nullopt;
        return ir::Node::make_not(std::move(*n));
      }
      case cond::Expr::Kind::Ident:
        return ident(e);
      case cond::Expr::Kind::Of:
        return quantifier(e);
    }
    return std::nullopt;
  }

 private:
  std::optional<ir::Node> ident(const cond::Expr& e) {
    for (std::size_t i = 0; i < sel_.size(); ++i) {
      if (sel_[i].first == e.name) {
        used_[i] = true;
        return sel_[i].second;
      }
    }
    std::string help;
    std::size_t best = 3;
    for (const auto& [name, node] : sel_) {
      const auto d = diag::edit_distance(e.name, name);
      if (d < best) best = d, help = "did you mean `" + name + "`?";
    }
    if (help.empty() && !sel_.empty()) {
      help = "search identifiers here:";
      for (const auto& [name, node] : sel_) help += " " + name;
    }
    diags_.error(code::kUnknownIdentifier, text_.offset_pos(e.offset),
                 "condition names `" + e.name + "`, which the detection does not define", help,
                 e.length);
    return std::nullopt;
  }

  std::optional<ir::Node> quantifier(const cond::Expr& e) {
    const bool them = e.name == "them";
    // `them` and patterns skip identifiers starting with `_` unless the pattern does (pySigma).
    const bool underscore_ok = !them && !e.name.empty() && e.name[0] == '_';
    std::vector<ir::Node> kids;
    for (std::size_t i = 0; i < sel_.size(); ++i) {
      const auto& name = sel_[i].first;
      if (!underscore_ok && !name.empty() && name[0] == '_') continue;
      if (them || pattern_matches(e.name, name)) {
        used_[i] = true;
        kids.push_back(sel_[i].second);
      }
    }
    if (kids.empty()) {
      diags_.error(code::kPatternMatchesNothing, text_.offset_pos(e.offset),
                   "`" + e.name + "` matches no search identifier", {}, e.length);
      return std::nullopt;
    }
    if (e.all) return ir::Node::make(ir::Op::And, std::move(kids));
    if (e.count <= 1) return ir::Node::make(ir::Op::Or, std::move(kids));
    return at_least(e, std::move(kids));
  }

  // `N of x*`: an OR over every N-combination, refused when that would explode.
  std::optional<ir::Node> at_least(const cond::Expr& e, std::vector<ir::Node> kids) {
    const std::size_t n = e.count;
    if (n > kids.size()) return ir::Node::constant(false);
    double combos = 1;
    for (std::size_t i = 0; i < n; ++i) combos = combos * double(kids.size() - i) / double(i + 1);
    if (combos > 1000) {
      diags_.error(code::kConditionSyntax, text_.offset_pos(e.offset),
                   "`" + std::to_string(n) + " of` over " + std::to_string(kids.size()) +
                       " identifiers is too large to expand",
                   "use `1 of` or `all of`", e.length);
      return std::nullopt;
    }
    std::vector<ir::Node> ors;
    std::vector<std::size_t> pick(n);
    for (std::size_t i = 0; i < n; ++i) pick[i] = i;
    for (;;) {
      std::vector<ir::Node> ands;
      for (const auto i : pick) ands.push_back(kids[i]);
      ors.push_back(ir::Node::make(ir::Op::And, std::move(ands)));
      std::size_t i = n;
      while (i > 0 && pick[i - 1] == kids.size() - n + i - 1) --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (std::size_t j = i; j < n; ++j) pick[j] = pick[j - 1] + 1;
    }
    return ir::Node::make(ir::Op::Or, std::move(ors));
  }

  const std::vector<std::pair<std::string, ir::Node>>& sel_;
  const ast::YamlNode& text_;
  diag::Sink& diags_;
  std::vector<bool>& used_;
};

// An item a pipeline mapped to several fields matches when it matches on any of them.
std::optional<ir::Node> item_on_every_field(const ast::DetectionItem& item,
                                            modifiers::ItemContext& ctx) {
  if (item.more_fields.empty()) return modifiers::item_to_ir(item, ctx);
  std::vector<ir::Node> ors;
  ast::DetectionItem one = item;
  one.more_fields.clear();
  for (std::size_t i = 0; i <= item.more_fields.size(); ++i) {
    if (i > 0) one.field = item.more_fields[i - 1];
    auto n = modifiers::item_to_ir(one, ctx);
    if (!n) return std::nullopt;
    ors.push_back(std::move(*n));
  }
  return ir::Node::make(ir::Op::Or, std::move(ors));
}

std::optional<ir::Node> compile_selection(const ast::Selection& sel, modifiers::ItemContext& ctx) {
  std::vector<ir::Node> alternatives;
  bool ok = true;
  for (const auto& map : sel.alternatives) {
    std::vector<ir::Node> items;
    for (const auto& item : map.items) {
      auto n = item_on_every_field(item, ctx);
      if (n) items.push_back(std::move(*n));
      else ok = false;
    }
    alternatives.push_back(ir::Node::make(ir::Op::And, std::move(items)));
  }
  if (!ok) return std::nullopt;
  return ir::simplify(ir::Node::make(ir::Op::Or, std::move(alternatives)));
}

}  // namespace

std::optional<CompiledDetection> compile_detection(
    const std::vector<ast::Selection>& selections, const std::vector<ast::YamlNode>& conditions,
    const std::vector<ast::Rule::RequiredSelection>& required, modifiers::ItemContext& ctx) {
  CompiledDetection out;
  bool ok = true;
  for (const auto& sel : selections) {
    auto node = compile_selection(sel, ctx);
    if (!node) {
      ok = false;
      node = ir::Node::constant(false);  // keep the name so conditions can still be checked
    }
    out.selections.emplace_back(sel.name.value, std::move(*node));
  }
  std::vector<bool> used(out.selections.size(), false);
  std::vector<ir::Node> requirements;
  for (const auto& r : required) {
    for (std::size_t i = 0; i < out.selections.size(); ++i) {
      if (out.selections[i].first != r.name) continue;
      used[i] = true;
      requirements.push_back(r.negated ? ir::Node::make_not(out.selections[i].second)
                                       : out.selections[i].second);
    }
  }
  std::vector<ir::Node> ors;
  for (const auto& text : conditions) {
    const auto parsed = cond::parse_condition(text.scalar);
    if (!parsed.ok) {
      for (const auto& err : parsed.errors)
        ctx.diags.error(err.code, text.offset_pos(err.offset), err.message, err.help, err.length);
      ok = false;
      continue;
    }
    ConditionLowering lowering(out.selections, text, ctx.diags, used);
    auto node = lowering.lower(parsed.expr);
    if (node) ors.push_back(std::move(*node));
    else ok = false;
  }
  if (ok && !conditions.empty()) {  // with no condition, every selection is unused: say it once
    for (std::size_t i = 0; i < selections.size(); ++i)
      if (!used[i])
        ctx.diags.warning(code::kUnusedSelection, selections[i].name.pos,
                          "search identifier `" + selections[i].name.value +
                              "` is not used by the condition",
                          {}, static_cast<std::uint32_t>(selections[i].name.value.size()));
  }
  if (!ok) return std::nullopt;
  requirements.push_back(ir::Node::make(ir::Op::Or, std::move(ors)));
  out.condition = ir::simplify(ir::Node::make(ir::Op::And, std::move(requirements)));
  return out;
}

}  // namespace sigma::ast2ir
