// parse_chain(): names -> Mods, then the combination rules. Pairs are checked in rule order, so
// a message can say which of two modifiers has to move ("write `base64|contains`").
#include "compiler/modifiers/modifier_chain.hpp"

#include <fmt/format.h>

#include <array>

#include "compiler/modifiers/item2ir.hpp"

namespace sigma::modifiers {
namespace {

// Modifiers of one group share their combination rules.
enum class Group : std::uint8_t {
  Generic,
  Cased,
  Position,
  Windash,
  Expand,
  Utf16,
  Base64,
  Re,
  ReFlag,
  Cidr,
  Compare,
  Time,
  Exists,
  FieldRef,
};

struct Info {
  std::string_view name;
  Mod mod;
  Group group;
};

constexpr std::array kInfos = {
    Info{"contains", Mod::Contains, Group::Position},
    Info{"startswith", Mod::Startswith, Group::Position},
    Info{"endswith", Mod::Endswith, Group::Position},
    Info{"all", Mod::All, Group::Generic},
    Info{"neq", Mod::Neq, Group::Generic},
    Info{"cased", Mod::Cased, Group::Cased},
    Info{"exists", Mod::Exists, Group::Exists},
    Info{"windash", Mod::Windash, Group::Windash},
    Info{"expand", Mod::Expand, Group::Expand},
    Info{"utf16le", Mod::Utf16le, Group::Utf16},
    Info{"wide", Mod::Utf16le, Group::Utf16},
    Info{"utf16be", Mod::Utf16be, Group::Utf16},
    Info{"utf16", Mod::Utf16, Group::Utf16},
    Info{"base64", Mod::Base64, Group::Base64},
    Info{"base64offset", Mod::Base64Offset, Group::Base64},
    Info{"re", Mod::Re, Group::Re},
    Info{"i", Mod::ReI, Group::ReFlag},
    Info{"ignorecase", Mod::ReI, Group::ReFlag},  // pySigma's long names of the flags
    Info{"m", Mod::ReM, Group::ReFlag},
    Info{"multiline", Mod::ReM, Group::ReFlag},
    Info{"s", Mod::ReS, Group::ReFlag},
    Info{"dotall", Mod::ReS, Group::ReFlag},
    Info{"cidr", Mod::Cidr, Group::Cidr},
    Info{"lt", Mod::Lt, Group::Compare},
    Info{"lte", Mod::Lte, Group::Compare},
    Info{"gt", Mod::Gt, Group::Compare},
    Info{"gte", Mod::Gte, Group::Compare},
    Info{"minute", Mod::Minute, Group::Time},
    Info{"hour", Mod::Hour, Group::Time},
    Info{"day", Mod::Day, Group::Time},
    Info{"week", Mod::Week, Group::Time},
    Info{"month", Mod::Month, Group::Time},
    Info{"year", Mod::Year, Group::Time},
    Info{"fieldref", Mod::Fieldref, Group::FieldRef},
};

const Info* find_info(std::string_view name) {
  for (const auto& info : kInfos)
    if (info.name == name) return &info;
  return nullptr;
}

struct Entry {
  const Info* info;
  const ast::Located<std::string>* written;
};

std::string q(const Entry& e) { return fmt::format("`{}`", e.written->value); }

bool is_string_family(Group g) {
  return g == Group::Cased || g == Group::Position || g == Group::Windash || g == Group::Expand ||
         g == Group::Utf16 || g == Group::Base64;
}

// Why `a` (earlier in the chain) and `b` (later) cannot go together, or "" when they can.
std::string conflict(const Entry& a, const Entry& b) {
  const Group ga = a.info->group, gb = b.info->group;
  if (a.info->mod == b.info->mod) {
    return a.written->value == b.written->value
               ? fmt::format("modifier {} is repeated", q(b))
               : fmt::format("{} and {} are the same modifier", q(a), q(b));
  }
  if (ga == Group::Exists || gb == Group::Exists)
    return fmt::format("{} cannot be combined with {}", q(a), q(b));
  if (ga == Group::Generic || gb == Group::Generic) return {};
  const std::string both = fmt::format("{} and {} cannot be combined", q(a), q(b));

  if (ga == gb && ga != Group::ReFlag) return both;  // e.g. contains|endswith, lt|gt
  // Regular expressions: flags after `re`; `cased` is redundant but harmless, unless `i`.
  if (ga == Group::Re && gb == Group::ReFlag) return {};
  if (ga == Group::ReFlag && gb == Group::Re)
    return fmt::format("{} is a flag of `re` and must follow it", q(a));
  if ((ga == Group::ReFlag || ga == Group::Re) && (gb == Group::ReFlag || gb == Group::Re))
    return {};
  if ((a.info->mod == Mod::ReI && gb == Group::Cased) ||
      (ga == Group::Cased && b.info->mod == Mod::ReI))
    return fmt::format("{} contradicts {}", q(a), q(b));
  if ((ga == Group::Re || ga == Group::ReFlag) && gb == Group::Cased) return {};
  if (ga == Group::Cased && (gb == Group::Re || gb == Group::ReFlag)) return {};
  // Time parts take one comparison after them: `hour|gte: 22`.
  if (ga == Group::Time && gb == Group::Compare) return {};
  if (ga == Group::Compare && gb == Group::Time)
    return fmt::format("{} must follow {} (write `{}|{}`)", q(a), q(b), b.written->value,
                       a.written->value);
  // A field reference can be compared as prefix/suffix/substring, cased or not.
  if ((ga == Group::FieldRef && (gb == Group::Position || gb == Group::Cased)) ||
      (gb == Group::FieldRef && (ga == Group::Position || ga == Group::Cased)))
    return {};
  if (!is_string_family(ga) || !is_string_family(gb)) return both;

  // Both transform strings; order matters around the encoders.
  const bool b_encodes = gb == Group::Utf16 || gb == Group::Base64;
  if (ga == Group::Cased || gb == Group::Cased) return {};
  if (ga == Group::Utf16 && gb == Group::Base64) return {};  // `wide|base64offset`
  if (ga == Group::Position && b_encodes)
    return fmt::format("{} before {} would encode its wildcards (write `{}|{}`)", q(a), q(b),
                       b.written->value, a.written->value);
  if ((a.info->mod == Mod::Base64Offset && gb == Group::Position) ||
      (ga == Group::Position && b.info->mod == Mod::Base64Offset)) {
    if (a.info->mod != Mod::Contains && b.info->mod != Mod::Contains)
      return fmt::format(
          "{} cannot be combined with {}: base64offset fragments can only be "
          "found with `contains`",
          q(a), q(b));
    return {};
  }
  if ((ga == Group::Utf16 || ga == Group::Base64) && gb != Group::Position)
    return fmt::format("{} must come before {}", q(b), q(a));
  return {};
}

bool needs_field(Group g) {
  return g == Group::Exists || g == Group::FieldRef || g == Group::Cidr || g == Group::Compare ||
         g == Group::Time;
}

ir::TimePart time_part(Mod m) {
  switch (m) {
    case Mod::Minute:
      return ir::TimePart::Minute;
    case Mod::Hour:
      return ir::TimePart::Hour;
    case Mod::Day:
      return ir::TimePart::Day;
    case Mod::Week:
      return ir::TimePart::Week;
    case Mod::Month:
      return ir::TimePart::Month;
    default:
      return ir::TimePart::Year;
  }
}

ir::CmpOp compare_op(Mod m) {
  switch (m) {
    case Mod::Lt:
      return ir::CmpOp::Lt;
    case Mod::Lte:
      return ir::CmpOp::Lte;
    case Mod::Gt:
      return ir::CmpOp::Gt;
    default:
      return ir::CmpOp::Gte;
  }
}

// Fills the chain's summary from checked entries.
ModifierChain summarise(const std::vector<Entry>& entries) {
  ModifierChain c;
  const auto set_type = [&c](ValueType t, const Entry& e) {
    if (c.type == ValueType::String || c.type == ValueType::Time) {
      c.type = t;
      c.type_name = e.written->value;
    }
  };
  for (const auto& e : entries) {
    const Mod m = e.info->mod;
    switch (e.info->group) {
      case Group::Generic:
        if (m == Mod::All) {
          c.all = true;
          c.all_pos = e.written->pos;
        } else {
          c.neq = true;
        }
        break;
      case Group::Cased:
        c.cased = true;
        break;
      case Group::Position:
        c.position = m == Mod::Contains     ? ir::StringOp::Contains
                     : m == Mod::Startswith ? ir::StringOp::Prefix
                                            : ir::StringOp::Suffix;
        c.steps.push_back({m, e.written->value, e.written->pos});
        break;
      case Group::Expand:
        c.expand = true;
        c.steps.push_back({m, e.written->value, e.written->pos});
        break;
      case Group::Windash:
      case Group::Utf16:
      case Group::Base64:
        c.steps.push_back({m, e.written->value, e.written->pos});
        break;
      case Group::Re:
        set_type(ValueType::Regex, e);
        break;
      case Group::ReFlag:
        (m == Mod::ReI ? c.re_i : m == Mod::ReM ? c.re_m : c.re_s) = true;
        break;
      case Group::Cidr:
        set_type(ValueType::Cidr, e);
        break;
      case Group::Compare:
        c.cmp = compare_op(m);
        if (c.type != ValueType::Time) set_type(ValueType::Number, e);
        break;
      case Group::Time:
        c.type = ValueType::Time;
        c.type_name = e.written->value;
        c.part = time_part(m);
        break;
      case Group::Exists:
        set_type(ValueType::Exists, e);
        break;
      case Group::FieldRef:
        set_type(ValueType::FieldRef, e);
        break;
    }
  }
  return c;
}

}  // namespace

std::optional<ModifierChain> parse_chain(const ast::DetectionItem& item, diag::Sink& diags) {
  const std::size_t errors_before = diags.error_count();
  const bool keyword = item.field.empty();
  std::vector<Entry> entries;
  for (const auto& m : item.modifiers) {
    const auto len = static_cast<std::uint32_t>(m.value.size());
    if (m.value.empty()) {
      diags.error(
          diag::code::kFieldName, m.pos,
          fmt::format("empty modifier in `{}`: two `|` in a row or a trailing `|`", item.field));
      continue;
    }
    const Info* info = find_info(m.value);
    if (info == nullptr) {
      diags
          .error(diag::code::kUnknownModifier, m.pos, fmt::format("unknown modifier `{}`", m.value),
                 suggest_modifier(m.value), len)
          .label = "not a Sigma modifier";
      continue;
    }
    if (keyword && needs_field(info->group)) {
      diags.error(diag::code::kModifierCombination, m.pos,
                  fmt::format("`{}` needs a field name; keyword values cannot use it", m.value), {},
                  len);
      continue;
    }
    entries.push_back({info, &m});
  }

  // One message per modifier: the first earlier modifier it conflicts with.
  for (std::size_t j = 0; j < entries.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (auto why = conflict(entries[i], entries[j]); !why.empty()) {
        diags.error(diag::code::kModifierCombination, entries[j].written->pos, std::move(why), {},
                    static_cast<std::uint32_t>(entries[j].written->value.size()));
        break;
      }
    }
  }
  // Rules about one modifier and the whole chain.
  for (std::size_t j = 0; j < entries.size(); ++j) {
    const Entry& e = entries[j];
    const auto len = static_cast<std::uint32_t>(e.written->value.size());
    if (e.info->group == Group::ReFlag) {
      bool has_re = false;
      for (const auto& o : entries) has_re = has_re || o.info->group == Group::Re;
      if (!has_re)
        diags.error(
            diag::code::kModifierCombination, e.written->pos,
            fmt::format("{} is a flag of `re` and needs it (`re|{}`)", q(e), e.written->value), {},
            len);
    }
    if (e.info->group == Group::Utf16) {
      bool encoded_after = false;
      for (std::size_t k = j + 1; k < entries.size(); ++k)
        encoded_after = encoded_after || entries[k].info->group == Group::Base64;
      if (!encoded_after)
        diags.error(diag::code::kModifierCombination, e.written->pos,
                    fmt::format("{} must be followed by `base64` or `base64offset`", q(e)),
                    "UTF-16 text is only matched in its base64 form", len);
    }
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return summarise(entries);
}

const std::vector<std::string_view>& known_modifiers() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& info : kInfos) v.push_back(info.name);
    return v;
  }();
  return names;
}

}  // namespace sigma::modifiers
