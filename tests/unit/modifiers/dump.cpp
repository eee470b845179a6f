#include "dump.hpp"

#include <fmt/format.h>

#include <variant>

namespace sigma::modifiers::test {

ast::Value S(std::string text) {
  ast::Value v;
  v.kind = ast::Value::Kind::String;
  v.text = std::move(text);
  return v;
}
ast::Value I(std::int64_t n) {
  ast::Value v;
  v.kind = ast::Value::Kind::Int;
  v.integer = n;
  v.text = std::to_string(n);
  return v;
}
ast::Value F(double d, std::string text) {
  ast::Value v;
  v.kind = ast::Value::Kind::Float;
  v.real = d;
  v.text = std::move(text);
  return v;
}
ast::Value B(bool b) {
  ast::Value v;
  v.kind = ast::Value::Kind::Bool;
  v.boolean = b;
  v.text = b ? "true" : "false";
  return v;
}
ast::Value N() {
  ast::Value v;
  v.kind = ast::Value::Kind::Null;
  v.text = "null";
  return v;
}

namespace {

ast::DetectionItem make_item(std::string key, std::vector<ast::Value> values, bool as_list) {
  ast::DetectionItem it;
  it.key_pos = {3, 5};
  std::size_t start = 0;
  bool first = true;
  for (;;) {
    const auto bar = key.find('|', start);
    const std::string part = key.substr(start, bar == std::string::npos ? bar : bar - start);
    if (first)
      it.field = part;
    else
      it.modifiers.push_back({part, {3, static_cast<std::uint32_t>(5 + start)}});
    first = false;
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  it.value_is_list = as_list;
  if (!as_list) {
    it.pos = {3, static_cast<std::uint32_t>(5 + key.size() + 2)};
    for (auto& v : values) v.pos = it.pos;
  } else {
    it.pos = {4, 9};
    std::uint32_t line = 4;
    for (auto& v : values) v.pos = {line++, 9};
  }
  it.values = std::move(values);
  return it;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"')
      out += "\\\"";
    else if (b < 0x20 || b == 0x7F)
      out += fmt::format("\\x{:02x}", b);
    else
      out.push_back(c);
  }
  return out + "\"";
}


const char* cmp_name(ir::CmpOp op) {
  switch (op) {
    case ir::CmpOp::Eq:
      return "eq";
    case ir::CmpOp::Lt:
      return "lt";
    case ir::CmpOp::Lte:
      return "lte";
    case ir::CmpOp::Gt:
      return "gt";
    case ir::CmpOp::Gte:
      return "gte";
  }
  return "?";
}

const char* part_name(ir::TimePart p) {
  switch (p) {
    case ir::TimePart::Minute:
      return "minute";
    case ir::TimePart::Hour:
      return "hour";
    case ir::TimePart::Day:
      return "day";
    case ir::TimePart::Week:
      return "week";
    case ir::TimePart::Month:
      return "month";
    case ir::TimePart::Year:
      return "year";
  }
  return "?";
}

std::string dump_leaf(const ir::Leaf& leaf, const ir::FieldTable& fields) {
  const std::string field = leaf.field == ir::kKeywords ? "_" : fields[leaf.field].name;
  return std::visit(
      [&](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ir::StringMatch>) {
          return fmt::format("{} {}{} {}", field, op_name(p.op), p.cased ? ":cased" : "",
                             quote(p.pattern));
        } else if constexpr (std::is_same_v<T, ir::RegexMatch>) {
          std::string flags = std::string(p.i ? "i" : "") + (p.m ? "m" : "") + (p.s ? "s" : "");
          return fmt::format("{} re{}{} {}{}", field, flags.empty() ? "" : ":", flags,
                             quote(p.pattern), p.re ? "" : " (not compiled)");
        } else if constexpr (std::is_same_v<T, ir::NumberCmp>) {
          return fmt::format("{} {} {}", field, cmp_name(p.op), p.value);
        } else if constexpr (std::is_same_v<T, ir::CidrMatch>) {
          return fmt::format("{} cidr {}", field, p.text);
        } else if constexpr (std::is_same_v<T, ir::Exists>) {
          return fmt::format("{} exists{}", field, p.present ? "" : ":false");
        } else if constexpr (std::is_same_v<T, ir::IsNull>) {
          return fmt::format("{} null", field);
        } else if constexpr (std::is_same_v<T, ir::FieldRef>) {
          return fmt::format("{} fieldref:{}{} {}", field, op_name(p.op), p.cased ? ":cased" : "",
                             fields[p.other].name);
        } else {
          return fmt::format("{} {}:{} {}", field, part_name(p.part), cmp_name(p.op), p.value);
        }
      },
      leaf.pred);
}

}  // namespace

ast::DetectionItem item(std::string key, std::vector<ast::Value> values) {
  const bool as_list = values.size() != 1;
  return make_item(std::move(key), std::move(values), as_list);
}

ast::DetectionItem list_item(std::string key, std::vector<ast::Value> values) {
  return make_item(std::move(key), std::move(values), true);
}

std::string dump(const ir::Node& n, const ir::LeafTable& leaves, const ir::FieldTable& fields) {
  switch (n.op) {
    case ir::Op::True:
      return "true";
    case ir::Op::False:
      return "false";
    case ir::Op::Leaf:
      return dump_leaf(leaves[n.leaf], fields);
    case ir::Op::Not:
      return "not(" + dump(n.children.at(0), leaves, fields) + ")";
    case ir::Op::And:
    case ir::Op::Or: {
      std::string out = n.op == ir::Op::And ? "and(" : "or(";
      for (std::size_t i = 0; i < n.children.size(); ++i)
        out += (i ? ", " : "") + dump(n.children[i], leaves, fields);
      return out + ")";
    }
  }
  return "?";
}

Outcome compile(const ast::DetectionItem& item, const PlaceholderResolver* resolver) {
  ir::FieldTable fields;
  ir::LeafTable leaves;
  diag::Sink sink("rule.yml");
  ItemContext ctx{fields, leaves, sink, resolver};
  const auto node = item_to_ir(item, ctx);
  Outcome out;
  out.ir = node ? dump(*node, leaves, fields) : "refused";
  for (const auto& d : sink.all()) {
    std::string s =
        fmt::format("{} {}:{} {}", d.code, d.location.line, d.location.column, d.message);
    if (!d.help.empty()) s += " | help: " + d.help;
    out.diags.push_back(std::move(s));
  }
  return out;
}

const char* op_name(ir::StringOp op) {
  switch (op) {
    case ir::StringOp::Exact:
      return "exact";
    case ir::StringOp::Prefix:
      return "prefix";
    case ir::StringOp::Suffix:
      return "suffix";
    case ir::StringOp::Contains:
      return "contains";
    case ir::StringOp::Glob:
      return "glob";
  }
  return "?";
}

}  // namespace sigma::modifiers::test
