// String values through the chain's transformation steps, in rule order, then to StringMatch
// leaves: wildcards and position modifiers pick Exact/Prefix/Suffix/Contains/Glob.
//
// Encoded text (base64 of a value) is matched like any string: case-insensitively unless
// `cased`, as SIEM backends do; base64offset fragments are always matched as substrings, since
// they come from the middle of a longer encoded text.
#include <fmt/format.h>

#include "compiler/modifiers/encodings.hpp"
#include "compiler/modifiers/expand.hpp"
#include "compiler/modifiers/lower.hpp"
#include "compiler/modifiers/sigma_string.hpp"
#include "compiler/modifiers/values.hpp"
#include "compiler/modifiers/windash.hpp"
#include "runtime/text/casefold.hpp"

namespace sigma::modifiers {
namespace {

struct Alternative {
  SigmaString s;
  bool fragment = false;  // a base64offset piece: always Contains
};

using Alternatives = std::vector<Alternative>;

bool apply_windash(Alternatives& alts, const ast::Value& v, const ValueScope& scope) {
  Alternatives out;
  for (auto& a : alts) {
    const std::size_t n = windash_positions(a.s);
    std::size_t variants = 1;
    for (std::size_t i = 0; i < n && variants <= kMaxWindashVariants; ++i) variants *= 5;
    if (variants > kMaxWindashVariants) {
      scope.ctx.diags.error(
          diag::code::kTooManyVariants, v.pos,
          fmt::format("`windash` would vary {} characters of this value, {} variants at least; "
                      "at most {} are compiled",
                      n, variants, kMaxWindashVariants),
          "split the value into several values, or match with `re`");
      return false;
    }
    for (auto& w : windash_variants(a.s)) out.push_back({std::move(w), a.fragment});
  }
  alts = std::move(out);
  return true;
}

bool apply_expand(Alternatives& alts, const ast::Value& v, const ValueScope& scope) {
  // What a pipeline resolved for this item first, then the compilation's own resolver.
  const PlaceholderResolver resolver =
      [&](std::string_view name) -> std::optional<std::vector<std::string>> {
    for (const auto& [n, values] : scope.item.placeholders)
      if (n == name) return values;
    if (scope.ctx.placeholders) return (*scope.ctx.placeholders)(name);
    return std::nullopt;
  };
  Alternatives out;
  for (auto& a : alts) {
    auto e = expand_placeholders(a.s, &resolver, kMaxAlternatives);
    for (const auto& name : e.unresolved)
      scope.ctx.diags.warning(diag::code::kUnresolvedPlaceholder, v.pos,
                              fmt::format("placeholder %{}% is not defined by any processing "
                                          "pipeline; this value matches nothing",
                                          name));
    if (e.too_many) {
      scope.ctx.diags.error(
          diag::code::kTooManyVariants, v.pos,
          fmt::format("placeholders expand this value to more than {} alternatives",
                      kMaxAlternatives));
      return false;
    }
    for (auto& w : e.values) out.push_back({std::move(w), a.fragment});
  }
  alts = std::move(out);
  return true;
}

bool apply_utf16(Alternatives& alts, const Modifier& m, const ast::Value& v,
                 const ValueScope& scope) {
  const Utf16Form form = m.mod == Mod::Utf16be ? Utf16Form::BigEndian
                         : m.mod == Mod::Utf16 ? Utf16Form::WithBom
                                               : Utf16Form::LittleEndian;
  for (auto& a : alts) {
    auto encoded = encode_utf16(a.s, form);
    if (!encoded) {
      scope.ctx.diags.error(diag::code::kEncoding, v.pos,
                            fmt::format("`{}` needs UTF-8 text; this value is not", m.name));
      return false;
    }
    a.s = std::move(*encoded);
  }
  return true;
}

bool apply_base64(Alternatives& alts, const Modifier& m, const ast::Value& v,
                  const ValueScope& scope) {
  Alternatives out;
  for (auto& a : alts) {
    if (a.s.has_wildcards() || a.s.has_placeholders()) {
      scope.ctx.diags.error(
          diag::code::kEncoding, v.pos,
          fmt::format("`{}` cannot encode the wildcard in `{}`", m.name, a.s.written()),
          "escape it (`\\*`, `\\?`) to encode the character itself");
      return false;
    }
    if (m.mod == Mod::Base64) {
      out.push_back({SigmaString::literal(base64_encode(a.s.plain())), false});
      continue;
    }
    const auto fragments = base64_offsets(a.s.plain());
    if (fragments.empty()) {
      scope.ctx.diags.error(diag::code::kEncoding, v.pos,
                            "`base64offset` of an empty value would match any text");
      return false;
    }
    for (const auto& f : fragments) out.push_back({SigmaString::literal(f), true});
  }
  alts = std::move(out);
  return true;
}

bool apply_step(Alternatives& alts, const Modifier& m, const ast::Value& v,
                const ValueScope& scope) {
  switch (m.mod) {
    case Mod::Contains:
    case Mod::Startswith:
    case Mod::Endswith:
      for (auto& a : alts) {
        if (m.mod != Mod::Startswith) a.s.prepend_any_run();
        if (m.mod != Mod::Endswith) a.s.append_any_run();
      }
      return true;
    case Mod::Windash:
      return apply_windash(alts, v, scope);
    case Mod::Expand:
      return apply_expand(alts, v, scope);
    case Mod::Utf16le:
    case Mod::Utf16be:
    case Mod::Utf16:
      return apply_utf16(alts, m, v, scope);
    case Mod::Base64:
    case Mod::Base64Offset:
      return apply_base64(alts, m, v, scope);
    default:
      return true;  // not a string step
  }
}

}  // namespace

std::optional<ir::Node> lower_string_value(const ast::Value& v, const ValueScope& scope) {
  const ModifierChain& chain = scope.chain;
  const bool keyword = scope.field == ir::kKeywords;
  if (v.kind == ast::Value::Kind::Null) {
    if (keyword) {
      scope.ctx.diags.error(diag::code::kValueType, v.pos, "a keyword cannot be null");
      return std::nullopt;
    }
    if (!chain.steps.empty()) {
      scope.ctx.diags.error(
          diag::code::kValueType, v.pos,
          fmt::format("`null` cannot be used with `{}`", chain.steps.front().name),
          "`null` matches a missing or null field; write it without modifiers");
      return std::nullopt;
    }
    return make_leaf(scope, ir::IsNull{});
  }

  Alternatives alts;
  alts.push_back({v.kind == ast::Value::Kind::String ? SigmaString::parse(v.text, chain.expand)
                                                     : SigmaString::literal(value_text(v)),
                  false});
  for (const auto& step : chain.steps) {
    if (!apply_step(alts, step, v, scope)) return std::nullopt;
    if (alts.size() > kMaxAlternatives) {
      scope.ctx.diags.error(diag::code::kTooManyVariants, v.pos,
                            fmt::format("`{}` expands this value to more than {} alternatives",
                                        step.name, kMaxAlternatives));
      return std::nullopt;
    }
  }
  // Keywords search anywhere in the raw text unless a position modifier says otherwise.
  if (keyword && chain.position == ir::StringOp::Exact) {
    for (auto& a : alts) {
      a.s.prepend_any_run();
      a.s.append_any_run();
    }
  }

  std::vector<ir::Node> nodes;
  nodes.reserve(alts.size());
  for (const auto& a : alts) {
    if (a.fragment) {
      const std::string text = a.s.plain();
      nodes.push_back(make_leaf(scope, ir::StringMatch{ir::StringOp::Contains, chain.cased,
                                                       chain.cased ? text : text::casefold(text)}));
    } else {
      nodes.push_back(make_leaf(scope, to_string_match(a.s, chain.cased)));
    }
  }
  return combine(ir::Op::Or, std::move(nodes));  // no alternatives left: matches nothing
}

}  // namespace sigma::modifiers
