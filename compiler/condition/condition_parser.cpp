// parse_condition: pre-scan (condition_scan.cpp), then the Boost.Spirit X3 grammar below, which
// builds cond::Expr directly in semantic actions. Grammar, precedence and limits are documented
// in condition_parser.hpp. No Spirit type leaves this file.
#include "compiler/condition/condition_parser.hpp"

#include <boost/spirit/home/x3.hpp>
#include <charconv>
#include <exception>
#include <new>
#include <utility>

#include "compiler/condition/condition_scan.hpp"
#include "compiler/diag/codes.hpp"

namespace sigma::cond {
namespace {

namespace x3 = boost::spirit::x3;

std::uint32_t u32(std::ptrdiff_t n) { return static_cast<std::uint32_t>(n); }

// Thrown by a semantic action for what the grammar cannot express (`0 of x`); caught below.
struct ActionError {
  std::uint32_t offset;
  std::uint32_t length;
  std::string message;
  std::string help;
};

// x3::with<> key for the start of the text, so actions can turn iterators into offsets.
struct base_tag;

template <typename Ctx>
std::uint32_t offset_of(const Ctx& ctx, const char* p) {
  return u32(p - x3::get<base_tag>(ctx));
}

// ---- lexical pieces -------------------------------------------------------------------------

const auto word_head = x3::char_("a-zA-Z0-9_");
const auto word_tail = x3::char_("a-zA-Z0-9_.-");
const auto word_char = x3::char_("a-zA-Z0-9_.*-");  // boundary set: identifiers and patterns

auto kw(const char* s) { return x3::lexeme[x3::no_case[x3::lit(s)] >> !word_char]; }

const auto reserved =
    kw("and") | kw("or") | kw("not") | kw("of") | kw("them") | kw("all") | kw("any") | kw("near");
const auto number = x3::lexeme[+x3::digit >> !word_char];

// ---- semantic actions -----------------------------------------------------------------------

// Sets the span of a node built in this rule; a node passed up from a sub-rule keeps its own
// (every real node spans at least one byte, so length 0 means "not yet spanned").
const auto set_span = [](auto& ctx) {
  Expr& e = x3::_val(ctx);
  if (e.length != 0) return;
  const auto& range = x3::_attr(ctx);
  e.offset = offset_of(ctx, range.begin());
  e.length = u32(range.end() - range.begin());
};

const auto pass_up = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

// `a and b and c` collects into one node; a parenthesised And (already spanned) is wrapped.
template <Expr::Kind K>
void append_to_chain(Expr& chain, Expr&& next) {
  if (chain.kind == K && chain.length == 0) {
    chain.children.push_back(std::move(next));
    return;
  }
  Expr node;
  node.kind = K;
  node.children.push_back(std::move(chain));
  node.children.push_back(std::move(next));
  chain = std::move(node);
}
const auto append_and = [](auto& ctx) {
  append_to_chain<Expr::Kind::And>(x3::_val(ctx), std::move(x3::_attr(ctx)));
};
const auto append_or = [](auto& ctx) {
  append_to_chain<Expr::Kind::Or>(x3::_val(ctx), std::move(x3::_attr(ctx)));
};

const auto make_not = [](auto& ctx) {
  Expr node;
  node.kind = Expr::Kind::Not;
  node.children.push_back(std::move(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(node);
};

const auto make_ident = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  Expr& e = x3::_val(ctx);
  e.kind = Expr::Kind::Ident;
  e.name.assign(range.begin(), range.end());
  e.offset = offset_of(ctx, range.begin());
  e.length = u32(range.end() - range.begin());
};

const auto quantify_all = [](auto& ctx) {
  x3::_val(ctx).kind = Expr::Kind::Of;
  x3::_val(ctx).all = true;
};
const auto quantify_any = [](auto& ctx) {
  x3::_val(ctx).kind = Expr::Kind::Of;
  x3::_val(ctx).count = 1;
};
const auto quantify_count = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(range.begin(), range.end(), n);
  const std::uint32_t off = offset_of(ctx, range.begin());
  const std::uint32_t len = u32(range.end() - range.begin());
  if (ec == std::errc::result_out_of_range || end != range.end())
    throw ActionError{off, len, "the count in 'N of' is too large",
                      "the count is the number of search identifiers that must match"};
  if (n == 0)
    throw ActionError{off, len, "the count in 'N of' must be at least 1",
                      "use '1 of' for any match or 'all of' for every match"};
  x3::_val(ctx).kind = Expr::Kind::Of;
  x3::_val(ctx).count = n;
};

const auto target_them = [](auto& ctx) { x3::_val(ctx) = "them"; };
const auto target_pattern = [](auto& ctx) {
  x3::_val(ctx).assign(x3::_attr(ctx).begin(), x3::_attr(ctx).end());
};
const auto set_target = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx)); };

// ---- rules (their names are what an error says was expected) --------------------------------

constexpr const char* kOperand = "an identifier, 'not', 'x of' or '('";
constexpr const char* kEnd = "'and', 'or' or the end of the condition";

const x3::rule<class or_expr_id, Expr> or_expr = kOperand;
const x3::rule<class and_expr_id, Expr> and_expr = kOperand;
const x3::rule<class not_expr_id, Expr> not_expr = kOperand;
const x3::rule<class primary_id, Expr> primary = kOperand;
const x3::rule<class of_expr_id, Expr> of_expr = "'x of'";
const x3::rule<class ident_id, Expr> ident = "an identifier";
const x3::rule<class of_kw_id> of_kw = "'of'";
const x3::rule<class of_target_id, std::string> of_target = "a pattern or 'them'";
const x3::rule<class close_paren_id> close_paren = "'and', 'or' or ')'";
const x3::rule<class end_id> end_of_condition = kEnd;

// `x3::expect[rule][action]` rather than `> rule[action]`: an expectation failure reports the
// rule's name only when the rule itself is the expected subject.
const auto or_expr_def =
    x3::raw[and_expr[pass_up] >> *(kw("or") >> x3::expect[and_expr][append_or])][set_span];
const auto and_expr_def =
    x3::raw[not_expr[pass_up] >> *(kw("and") >> x3::expect[not_expr][append_and])][set_span];
const auto not_expr_def =
    x3::raw[(kw("not") > not_expr)[make_not] | of_expr[pass_up] | primary[pass_up]][set_span];
// Once a quantifier is read the rest is expected: `all`, `any` and numbers are not identifiers.
const auto quantifier =
    kw("all")[quantify_all] | kw("any")[quantify_any] | x3::raw[number][quantify_count];
const auto of_expr_def =
    x3::raw[quantifier >> x3::expect[of_kw] >> x3::expect[of_target][set_target]][set_span];
const auto of_kw_def = kw("of");
const auto of_target_def =
    kw("them")[target_them] |
    x3::raw[x3::lexeme[!reserved >> !number >> (word_head | '*') >> *(word_tail | '*')]]
           [target_pattern];
const auto primary_def = ident[pass_up] | ('(' > or_expr > close_paren)[pass_up];
const auto ident_def =
    x3::raw[x3::lexeme[!reserved >> !number >> word_head >> *word_tail >> !x3::lit('*')]]
           [make_ident];
const auto close_paren_def = x3::lit(')');
const auto end_of_condition_def = x3::eoi;

BOOST_SPIRIT_DEFINE(or_expr, and_expr, not_expr, primary, of_expr, ident, of_kw, of_target,
                    close_paren, end_of_condition)

// ---- errors ---------------------------------------------------------------------------------

ParseError make_error(std::uint32_t offset, std::uint32_t length, std::string message,
                      std::string help = {}, const char* code = diag::code::kConditionSyntax) {
  ParseError e;
  e.offset = offset;
  e.length = length == 0 ? 1 : length;
  e.message = std::move(message);
  e.help = std::move(help);
  e.code = code;
  return e;
}

// Turns "expected <which> at <offset>" into a message naming the tokens around it.
ParseError expectation_error(std::string_view text, const std::vector<detail::Token>& tokens,
                             std::size_t where, const std::string& which) {
  while (where < text.size() && detail::is_space(text[where])) ++where;
  std::size_t i = 0;  // first token not wholly before `where`
  while (i < tokens.size() && tokens[i].offset + tokens[i].length <= where) ++i;
  const detail::Token* found = i < tokens.size() ? &tokens[i] : nullptr;
  const detail::Token* prev = i > 0 ? &tokens[i - 1] : nullptr;
  auto tok = [&](const detail::Token* t) {
    return detail::quote_token(text.substr(t->offset, t->length));
  };
  if (!found && !prev) return make_error(0, 1, "empty condition");
  if (!found) {
    return make_error(prev->offset, prev->length, "unexpected end of condition after " + tok(prev),
                      "expected " + which);
  }
  if (which == kEnd && prev) {
    return make_error(found->offset, found->length,
                      "unexpected " + tok(found) + " after " + tok(prev), "expected " + which);
  }
  std::string msg = "expected " + which;
  if (prev) msg += " after " + tok(prev);
  return make_error(found->offset, found->length, msg + ", found " + tok(found));
}

ParseResult failure(ParseError e) {
  ParseResult r;
  r.errors.push_back(std::move(e));
  return r;
}

ParseResult parse_checked(std::string_view text) {
  if (text.size() > kMaxConditionBytes) {
    return failure(make_error(0, 1,
                              "condition is too long: " + std::to_string(text.size()) +
                                  " bytes, the limit is " + std::to_string(kMaxConditionBytes),
                              "split the rule into several rules or a correlation"));
  }
  detail::ScanResult scan = detail::scan_condition(text);
  if (!scan.errors.empty()) {
    ParseResult r;
    r.errors = std::move(scan.errors);
    return r;
  }
  if (scan.tokens.empty()) return failure(make_error(0, 1, "empty condition"));

  const char* const base = text.data();
  const char* first = base;
  const char* const last = base + text.size();
  ParseResult r;
  try {
    const auto grammar = x3::with<base_tag>(base)[x3::eps > or_expr > end_of_condition];
    r.ok = x3::phrase_parse(first, last, grammar, x3::space, r.expr) && first == last;
  } catch (const x3::expectation_failure<const char*>& e) {
    return failure(expectation_error(text, scan.tokens, u32(e.where() - base), e.which()));
  } catch (const ActionError& e) {
    return failure(make_error(e.offset, e.length, e.message, e.help));
  }
  // Unreachable with `eps >` and `> eoi` above; kept so a grammar change cannot yield a bad AST.
  if (!r.ok) return failure(expectation_error(text, scan.tokens, u32(first - base), kEnd));
  return r;
}

}  // namespace

ParseResult parse_condition(std::string_view text) {
  try {
    return parse_checked(text);
  } catch (const std::bad_alloc&) {
    return failure(make_error(0, 1, "out of memory while parsing the condition"));
  } catch (const std::exception& e) {
    return failure(
        make_error(0, 1, std::string("internal error in the condition parser: ") + e.what()));
  } catch (...) {
    return failure(make_error(0, 1, "internal error in the condition parser"));
  }
}

}  // namespace sigma::cond
