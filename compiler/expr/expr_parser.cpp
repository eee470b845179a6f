// The X3 grammar of expr_grammar.hpp. Rules carry no attributes: semantic actions build the
// AST on an explicit operand stack (Builder), so chains stay flat and spans are exact.
//
// The grammar is LL(1) at every point where an action fires: an alternative either fails
// before any action ran, or it is committed and every later failure is an expectation
// failure (`>`) that aborts the whole parse. So the builder never sees a backtracked action.
#include <fmt/format.h>

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compiler/expr/expr_grammar.hpp"
#include "compiler/expr/expr_lex.hpp"
#include "compiler/expr/expr_prescan.hpp"
#include "compiler/expr/expr_value.hpp"

namespace sigma::expr {
namespace {

namespace x3 = boost::spirit::x3;
using It = const char*;

struct Builder {
  It begin = nullptr;
  std::vector<Node> operands;
  std::vector<std::pair<Op, std::uint32_t>> pending_ops;  // binary operator, its offset
  std::vector<std::pair<Op, std::uint32_t>> prefixes;     // prefix operators of open runs
  std::vector<std::size_t> prefix_runs;                   // prefixes.size() at each run
  struct OpenCall {
    std::string name;
    std::uint32_t offset;
    std::size_t first_arg;
  };
  std::vector<OpenCall> calls;
};

struct builder_tag;

// x3::with<builder_tag>(lvalue) stores a reference, so get<> hands back Builder&.
template <class Ctx>
Builder& builder(Ctx& ctx) {
  return x3::get<builder_tag>(ctx);
}

// The text an action's subject matched. Every such subject is wrapped in x3::raw[], whose
// attribute is the matched range (Boost 1.74's _where is the rest of the input, not the match).
template <class Ctx>
std::string_view matched(Ctx& ctx) {
  auto& range = x3::_attr(ctx);
  return {range.begin(), static_cast<std::size_t>(range.end() - range.begin())};
}

template <class Ctx>
std::uint32_t offset_of(Ctx& ctx, It it) {
  return static_cast<std::uint32_t>(it - builder(ctx).begin);
}

// --- token parsers: plain byte scanners (expr_lex.hpp) wrapped as X3 parsers -------------

enum class Tok { Name, CallName, Number, String, QuotedName };

template <Tok T>
struct token_parser : x3::parser<token_parser<T>> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    std::string_view rest(first, static_cast<std::size_t>(last - first));
    std::size_t n = 0;
    if constexpr (T == Tok::Name || T == Tok::CallName) {
      n = lex::scan_name(rest, 0);
      std::string_view word = rest.substr(0, n);
      bool refused = T == Tok::Name ? lex::is_reserved(word)
                                    : lex::is_reserved(word) && !lex::equals_keyword(word, "like");
      if (refused) n = 0;
    } else if constexpr (T == Tok::Number) {
      n = lex::scan_number(rest, 0);
    } else {
      n = lex::scan_quoted(rest, 0, T == Tok::String ? '"' : '\'');
    }
    if (n == 0) return false;
    first += n;
    return true;
  }
};

// A case-insensitive keyword not followed by a name character.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  [[maybe_unused]] static bool const has_attribute = false;
  constexpr explicit keyword_parser(const char* w) : word(w) {}
  std::string_view word;  // lower case

  template <class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    std::string_view rest(first, static_cast<std::size_t>(last - first));
    if (rest.size() < word.size() || !lex::equals_keyword(rest.substr(0, word.size()), word))
      return false;
    if (rest.size() > word.size() && lex::is_name_char(rest[word.size()])) return false;
    first += word.size();
    return true;
  }
};

// --- semantic actions ------------------------------------------------------------------------

Node leaf(Node::Kind kind, std::uint32_t offset, std::string_view text) {
  Node n;
  n.kind = kind;
  n.offset = offset;
  n.length = static_cast<std::uint32_t>(text.size());
  return n;
}

auto on_number = [](auto& ctx) {
  std::string_view t = matched(ctx);
  Node n = leaf(Node::Kind::Int, offset_of(ctx, t.data()), t);
  n.text = std::string(t);
  // The scanner only accepts valid literals; parse_number turns int64 overflow into a double
  // and an exponent overflow into inf.
  Number value = parse_number(t).value_or(Number{});
  if (value.is_int) {
    n.integer = value.i;
  } else {
    n.kind = Node::Kind::Float;
    n.real = value.d;
  }
  builder(ctx).operands.push_back(std::move(n));
};

template <Node::Kind K, char Quote>
struct on_quoted {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    std::string_view t = matched(ctx);
    Node n = leaf(K, offset_of(ctx, t.data()), t);
    n.text = lex::unescape(t.substr(1, t.size() - 2), Quote);
    n.quoted = K == Node::Kind::Name;
    builder(ctx).operands.push_back(std::move(n));
  }
};

auto on_name = [](auto& ctx) {
  std::string_view t = matched(ctx);
  Node n = leaf(Node::Kind::Name, offset_of(ctx, t.data()), t);
  n.text = std::string(t);
  builder(ctx).operands.push_back(std::move(n));
};

auto on_paren = [](auto& ctx) { builder(ctx).operands.back().parenthesised = true; };

auto on_call_open = [](auto& ctx) {
  std::string_view t = matched(ctx);
  std::size_t n = lex::scan_name(t, 0);
  Builder& b = builder(ctx);
  b.calls.push_back({std::string(t.substr(0, n)), offset_of(ctx, t.data()), b.operands.size()});
};

auto on_call_close = [](auto& ctx) {
  Builder& b = builder(ctx);
  Builder::OpenCall call = std::move(b.calls.back());
  b.calls.pop_back();
  Node n;
  n.kind = Node::Kind::Call;
  n.text = std::move(call.name);
  n.offset = call.offset;
  std::string_view args = matched(ctx);  // "( ... )"
  n.length = static_cast<std::uint32_t>(args.data() + args.size() - b.begin) - call.offset;
  auto first = b.operands.begin() + static_cast<std::ptrdiff_t>(call.first_arg);
  n.children.assign(std::make_move_iterator(first), std::make_move_iterator(b.operands.end()));
  b.operands.erase(first, b.operands.end());
  b.operands.push_back(std::move(n));
};

template <Op O>
struct push_op {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    builder(ctx).pending_ops.emplace_back(O, offset_of(ctx, matched(ctx).data()));
  }
};

// After the right operand: joins it to the left one, extending the left chain when it is an
// unparenthesised chain of the same level (so `a+b-c` is one flat node).
auto on_fold = [](auto& ctx) {
  Builder& b = builder(ctx);
  Node rhs = std::move(b.operands.back());
  b.operands.pop_back();
  Op op = b.pending_ops.back().first;
  b.pending_ops.pop_back();
  Node& lhs = b.operands.back();
  std::uint32_t end = rhs.offset + rhs.length;
  if (lhs.kind == Node::Kind::Chain && !lhs.parenthesised &&
      precedence(lhs.ops.front()) == precedence(op)) {
    lhs.children.push_back(std::move(rhs));
    lhs.ops.push_back(op);
    lhs.length = end - lhs.offset;
    return;
  }
  Node chain;
  chain.kind = Node::Kind::Chain;
  chain.offset = lhs.offset;
  chain.length = end - lhs.offset;
  chain.ops.push_back(op);
  chain.children.push_back(std::move(lhs));
  chain.children.push_back(std::move(rhs));
  lhs = std::move(chain);
};

auto on_run_begin = [](auto& ctx) {
  Builder& b = builder(ctx);
  b.prefix_runs.push_back(b.prefixes.size());
};

template <Op O>
struct push_prefix {
  template <class Ctx>
  void operator()(Ctx& ctx) const {
    builder(ctx).prefixes.emplace_back(O, offset_of(ctx, matched(ctx).data()));
  }
};

// After the operand of a run of prefix operators: wraps it, innermost (last written) first.
auto on_run_end = [](auto& ctx) {
  Builder& b = builder(ctx);
  std::size_t first = b.prefix_runs.back();
  b.prefix_runs.pop_back();
  Node& operand = b.operands.back();
  std::uint32_t end = operand.offset + operand.length;
  for (std::size_t i = b.prefixes.size(); i-- > first;) {
    Node u;
    u.kind = Node::Kind::Unary;
    u.op = b.prefixes[i].first;
    u.offset = b.prefixes[i].second;
    u.length = end - u.offset;
    u.children.push_back(std::move(operand));
    operand = std::move(u);
  }
  b.prefixes.resize(first);
};

// --- the grammar -----------------------------------------------------------------------------

const token_parser<Tok::Name> name_tok{};
const token_parser<Tok::CallName> call_name_tok{};
const token_parser<Tok::Number> number_tok{};
const token_parser<Tok::String> string_tok{};
const token_parser<Tok::QuotedName> quoted_name_tok{};
const keyword_parser kw_xor{"xor"}, kw_or{"or"}, kw_and{"and"}, kw_not{"not"}, kw_like{"like"};

x3::rule<class xor_class> const xor_expr = "expression";
x3::rule<class or_class> const or_expr = "expression";
x3::rule<class and_class> const and_expr = "expression";
x3::rule<class not_class> const not_expr = "expression";
x3::rule<class cmp_class> const cmp_expr = "expression";
x3::rule<class add_class> const add_expr = "expression";
x3::rule<class mul_class> const mul_expr = "expression";
x3::rule<class unary_class> const unary_expr = "expression";
x3::rule<class primary_class> const primary = "expression";

const auto not_op = kw_not | (x3::lit('!') >> !x3::lit('='));

template <Op O, class P>
auto op(P p) {
  return x3::raw[p][push_op<O>{}];
}

const auto cmp_op = op<Op::Eq>(x3::lit("==")) | op<Op::Ne>(x3::lit("!=")) |
                    op<Op::Le>(x3::lit("<=")) | op<Op::Ge>(x3::lit(">=")) |
                    op<Op::Eq>(x3::lit('=')) | op<Op::Lt>(x3::lit('<')) | op<Op::Gt>(x3::lit('>')) |
                    op<Op::Like>(kw_like);
const auto add_op =
    op<Op::Add>(x3::lit('+')) | op<Op::Sub>(x3::lit('-')) | op<Op::Cat>(x3::lit('.'));
const auto mul_op =
    op<Op::Mul>(x3::lit('*')) | op<Op::Div>(x3::lit('/')) | op<Op::Mod>(x3::lit('%'));

const auto xor_expr_def = or_expr >> *(op<Op::Xor>(kw_xor) > or_expr[on_fold]);
const auto or_expr_def = and_expr >> *(op<Op::Or>(kw_or) > and_expr[on_fold]);
const auto and_expr_def = not_expr >> *(op<Op::And>(kw_and) > not_expr[on_fold]);
const auto not_expr_def =
    (((&not_op)[on_run_begin] >> +x3::raw[not_op][push_prefix<Op::Not>{}]) > cmp_expr)[on_run_end] |
    cmp_expr;
const auto cmp_expr_def = add_expr >> *(cmp_op > add_expr[on_fold]);
const auto add_expr_def = mul_expr >> *(add_op > mul_expr[on_fold]);
const auto mul_expr_def = unary_expr >> *(mul_op > unary_expr[on_fold]);
const auto unary_expr_def =
    (((&x3::lit('-'))[on_run_begin] >> +x3::raw[x3::lit('-')][push_prefix<Op::Neg>{}]) >
     primary)[on_run_end] |
    primary;
const auto call = x3::raw[call_name_tok >> &x3::lit('(')][on_call_open] >>
                  x3::raw[x3::lit('(') > -(xor_expr % ',') > x3::lit(')')][on_call_close];
const auto primary_def =
    x3::raw[number_tok][on_number] | x3::raw[string_tok][on_quoted<Node::Kind::String, '"'>{}] |
    x3::raw[quoted_name_tok][on_quoted<Node::Kind::Name, '\''>{}] |
    (x3::lit('(') > xor_expr > x3::lit(')'))[on_paren] | call | x3::raw[name_tok][on_name];

BOOST_SPIRIT_DEFINE(xor_expr, or_expr, and_expr, not_expr, cmp_expr, add_expr, mul_expr, unary_expr,
                    primary)

const auto skipper = x3::lit(' ') | '\t' | '\n' | '\r' | '\f' | '\v';

Error syntax_error(std::string_view text, std::size_t offset, std::string message,
                   std::string help = {}) {
  Error e;
  e.code = "S0501";
  e.offset = static_cast<std::uint32_t>(offset);
  std::size_t len = lex::token_length(text, offset);
  e.length = static_cast<std::uint32_t>(len == 0 ? 1 : len);
  e.message = std::move(message);
  e.help = std::move(help);
  return e;
}

std::string found(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "the end of the expression";
  return fmt::format("`{}`", text.substr(offset, lex::token_length(text, offset)));
}

}  // namespace

ParseResult parse_expression(std::string_view text) {
  ParseResult result;
  if (auto e = prescan_expression(text)) {
    result.errors.push_back(std::move(*e));
    return result;
  }
  Builder b;
  b.begin = text.data();
  It first = text.data();
  It last = text.data() + text.size();
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<builder_tag>(b)[xor_expr > x3::eoi], skipper);
    if (!ok) {
      std::size_t at = lex::skip_spaces(text, 0);
      result.errors.push_back(
          syntax_error(text, at, fmt::format("expected an expression, found {}", found(text, at))));
      return result;
    }
  } catch (const x3::expectation_failure<It>& e) {
    std::size_t at = lex::skip_spaces(text, static_cast<std::size_t>(e.where() - text.data()));
    std::string what = e.which();
    if (what == "eoi") {
      result.errors.push_back(
          syntax_error(text, at, fmt::format("unexpected {}", found(text, at)),
                       "expected an operator, a `,` or `)`, or the end of the expression"));
    } else {
      // Literals describe themselves ("')'"); rules and actions are always an operand here.
      if (what.empty() || what.front() != '\'') what = "an expression";
      result.errors.push_back(
          syntax_error(text, at, fmt::format("expected {}, found {}", what, found(text, at))));
    }
    return result;
  } catch (const std::exception& e) {
    result.errors.push_back(syntax_error(text, 0, fmt::format("cannot parse: {}", e.what())));
    return result;
  }
  result.root = std::move(b.operands.back());
  result.ok = true;
  return result;
}

}  // namespace sigma::expr
