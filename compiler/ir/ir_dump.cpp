#include "compiler/ir/ir_dump.hpp"

#include <fmt/format.h>

namespace sigma::ir {
namespace {

const char* string_op_name(StringOp op) {
  switch (op) {
    case StringOp::Exact: return "eq";
    case StringOp::Prefix: return "prefix";
    case StringOp::Suffix: return "suffix";
    case StringOp::Contains: return "contains";
    case StringOp::Glob: return "glob";
  }
  return "?";
}

const char* cmp_name(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return "==";
    case CmpOp::Lt: return "<";
    case CmpOp::Lte: return "<=";
    case CmpOp::Gt: return ">";
    case CmpOp::Gte: return ">=";
  }
  return "?";
}

const char* part_name(TimePart p) {
  switch (p) {
    case TimePart::Minute: return "minute";
    case TimePart::Hour: return "hour";
    case TimePart::Day: return "day";
    case TimePart::Week: return "week";
    case TimePart::Month: return "month";
    case TimePart::Year: return "year";
  }
  return "?";
}

std::string field_name(const Program& p, FieldId id) {
  return id == kKeywords ? std::string("<keywords>") : p.fields[id].name;
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string dump_leaf(const Program& program, const Leaf& leaf) {
  const std::string field = field_name(program, leaf.field);
  return std::visit(
      [&](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, StringMatch>) {
          return fmt::format("{}{} {} {}", string_op_name(p.op), p.cased ? "|cased" : "", field,
                             quote(p.pattern));
        } else if constexpr (std::is_same_v<T, RegexMatch>) {
          std::string flags;
          if (p.i) flags += 'i';
          if (p.m) flags += 'm';
          if (p.s) flags += 's';
          return fmt::format("regex{}{} {} {}", flags.empty() ? "" : "|", flags, field,
                             quote(p.pattern));
        } else if constexpr (std::is_same_v<T, NumberCmp>) {
          return fmt::format("num {} {} {}", field, cmp_name(p.op), p.text);
        } else if constexpr (std::is_same_v<T, CidrMatch>) {
          return fmt::format("cidr {} {}", field, p.text);
        } else if constexpr (std::is_same_v<T, Exists>) {
          return fmt::format("{} {}", p.present ? "exists" : "absent", field);
        } else if constexpr (std::is_same_v<T, IsNull>) {
          return fmt::format("null {}", field);
        } else if constexpr (std::is_same_v<T, FieldRef>) {
          return fmt::format("fieldref-{}{} {} {}", string_op_name(p.op), p.cased ? "|cased" : "",
                             field, field_name(program, p.other));
        } else {
          static_assert(std::is_same_v<T, TimeCmp>);
          return fmt::format("{} {} {} {}", part_name(p.part), field, cmp_name(p.op), p.value);
        }
      },
      leaf.pred);
}

std::string dump_node(const Program& program, const Node& node, int indent) {
  std::string out(static_cast<std::size_t>(indent) * 2, ' ');
  switch (node.op) {
    case Op::True: return out + "true\n";
    case Op::False: return out + "false\n";
    case Op::Leaf: return out + dump_leaf(program, program.leaves[node.leaf]) + "\n";
    case Op::And: out += "and\n"; break;
    case Op::Or: out += "or\n"; break;
    case Op::Not: out += "not\n"; break;
  }
  for (const auto& child : node.children) out += dump_node(program, child, indent + 1);
  return out;
}

std::string dump_rule(const Program& program, const Rule& rule) {
  std::string out = fmt::format("rule {} {}\n", rule.id.empty() ? "-" : rule.id, quote(rule.title));
  if (!rule.level.empty()) out += fmt::format("  level {}\n", rule.level);
  const auto& ls = rule.logsource;
  std::string src;
  if (!ls.category.empty()) src += " category=" + ls.category;
  if (!ls.product.empty()) src += " product=" + ls.product;
  if (!ls.service.empty()) src += " service=" + ls.service;
  if (!src.empty()) out += "  logsource" + src + "\n";
  out += "  condition\n";
  out += dump_node(program, rule.condition, 2);
  if (const auto* ext = rule.extension.get()) {
    for (std::size_t i = 0; i < ext->variables.size(); ++i)
      out += fmt::format("  eval {} = {}\n", ext->variables[i], ext->values[i].source());
    if (!ext->where.empty()) out += fmt::format("  where {}\n", ext->where.source());
  }
  if (!rule.fields.empty() || rule.extension) {
    out += "  columns";
    for (const auto& c : rule.columns)
      out += (c.source == Column::Source::Variable ? " $" : " ") + c.name;
    out += "\n";
  }
  if (rule.extension && !rule.extension->sort.empty()) {
    out += "  sort";
    for (const auto& k : rule.extension->sort) out += (k.descending ? " -" : " +") + k.column;
    out += "\n";
  }
  return out;
}

std::string dump_program(const Program& program) {
  std::string out;
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    if (i) out += "\n";
    out += dump_rule(program, program.rules[i]);
  }
  return out;
}

}  // namespace sigma::ir
