// The condition pre-scan (see condition_scan.hpp): one pass over the bytes, no recursion, so
// it is safe on any input and bounds what the recursive grammar can be asked to do.
#include "compiler/condition/condition_scan.hpp"

#include <cstdio>

#include "compiler/condition/condition_parser.hpp"
#include "compiler/diag/codes.hpp"

namespace sigma::cond::detail {
namespace {

// Enough to show every problem a person would fix in one go, without flooding on binary input.
constexpr std::size_t kMaxScanErrors = 8;

constexpr std::string_view kAggregationHelp =
    "use a correlation rule (type: "
    "event_count, value_count, temporal or temporal_ordered) that references this rule";

std::uint32_t u32(std::size_t n) { return static_cast<std::uint32_t>(n); }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  ScanResult run() {
    std::size_t i = 0;
    while (i < text_.size() && !stopped_ && r_.errors.size() < kMaxScanErrors) {
      const char c = text_[i];
      if (is_space(c)) {
        ++i;
      } else if (c == '(') {
        open_paren(i++);
      } else if (c == ')') {
        close_paren(i++);
      } else if (is_word_char(c)) {
        i = word(i);
      } else {
        i = stray(i);
      }
    }
    if (!stopped_) {
      for (const Open& o : open_) {
        if (r_.errors.size() >= kMaxScanErrors) break;
        error(o.offset, 1,
              "unbalanced parenthesis: '(' at " + describe_position(text_, o.offset) +
                  " is never closed",
              "add the missing ')'");
      }
    }
    return std::move(r_);
  }

 private:
  struct Open {
    std::uint32_t offset;
    std::uint32_t nots_before;  // `not`s waiting for this group as their operand
  };

  ParseError& error(std::size_t offset, std::size_t length, std::string message,
                    std::string help = {}, const char* code = diag::code::kConditionSyntax) {
    ParseError& e = r_.errors.emplace_back();
    e.offset = u32(offset);
    e.length = u32(length);
    e.message = std::move(message);
    e.help = std::move(help);
    e.code = code;
    return e;
  }

  void token(std::size_t offset, std::size_t length, TokenKind kind) {
    r_.tokens.push_back({u32(offset), u32(length), kind});
  }

  // Depth counts what the recursive grammar will nest: each open group plus each pending `not`.
  bool too_deep(std::size_t offset, std::size_t length) {
    if (depth_ + pending_nots_ <= kMaxConditionDepth) return false;
    error(offset, length,
          "condition nested too deeply: more than " + std::to_string(kMaxConditionDepth) +
              " levels of parentheses and 'not'",
          "simplify the condition; split it into more search identifiers",
          diag::code::kNestingTooDeep);
    stopped_ = true;
    return true;
  }

  void open_paren(std::size_t i) {
    token(i, 1, TokenKind::LParen);
    open_.push_back({u32(i), pending_nots_});
    depth_ += 1 + pending_nots_;
    pending_nots_ = 0;
    after_of_ = false;
    too_deep(i, 1);
  }

  void close_paren(std::size_t i) {
    token(i, 1, TokenKind::RParen);
    pending_nots_ = 0;
    after_of_ = false;
    if (open_.empty()) {
      error(i, 1, "unexpected ')': there is no '(' to close", "remove it or add the missing '('");
      return;
    }
    depth_ -= 1 + open_.back().nots_before;
    open_.pop_back();
  }

  std::size_t word(std::size_t i) {
    std::size_t j = i;
    while (j < text_.size() && is_word_char(text_[j])) ++j;
    const std::string_view w = text_.substr(i, j - i);
    token(i, w.size(), TokenKind::Word);
    const bool pattern = w.find('*') != std::string_view::npos;
    if (!is_word_head(w[0]) && w[0] != '*') {
      error(i, 1,
            "unexpected " + quote_token(w.substr(0, 1)) +
                ": an identifier starts with "
                "a letter, a digit or '_'");
    } else if (word_is(w, "near")) {
      error(i, text_.size() - i, "the 'near' aggregation was removed in Sigma 2.0",
            std::string(kAggregationHelp), diag::code::kAggregation);
      stopped_ = true;
    } else if (pattern && !after_of_) {
      error(i, w.size(),
            "wildcard pattern " + quote_token(w) + " is only allowed after '1 of' or 'all of'",
            "write '1 of " + std::string(w) + "' (any match) or 'all of " + std::string(w) +
                "' (every match)");
    } else if (word_is(w, "not")) {
      ++pending_nots_;
      too_deep(i, w.size());
    } else {
      pending_nots_ = 0;  // an operand (or an operator after one): the `not`s are resolved
    }
    after_of_ = word_is(w, "of");
    return j;
  }

  std::size_t stray(std::size_t i) {
    const char c = text_[i];
    after_of_ = false;
    const bool doubled = i + 1 < text_.size() && text_[i + 1] == c;
    if (c == '|' && !doubled) {
      // A Sigma 1 aggregation: `selection | count() by host > 5`. Everything after is part of it.
      std::size_t end = text_.size();
      while (end > i + 1 && is_space(text_[end - 1])) --end;
      error(i, end - i, "aggregation expressions were removed in Sigma 2.0",
            std::string(kAggregationHelp), diag::code::kAggregation);
      stopped_ = true;
      return text_.size();
    }
    if (c == '|' || c == '&' || c == '!') {
      const std::size_t len = doubled ? 2 : 1;
      const char* use = c == '|' ? "or" : c == '&' ? "and" : "not";
      error(i, len, "unexpected " + quote_token(text_.substr(i, len)),
            std::string("Sigma conditions spell this operator '") + use + "'");
      return i + len;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      while (j < text_.size() && static_cast<unsigned char>(text_[j]) >= 0x80) ++j;
      error(i, j - i, "unexpected non-ASCII character in the condition",
            "identifiers use letters, digits, '_', '.' and '-'");
      return j;
    }
    error(i, 1, "unexpected character " + quote_token(text_.substr(i, 1)),
          "a condition holds identifiers, 'and', 'or', 'not', 'x of' and parentheses");
    return i + 1;
  }

  std::string_view text_;
  ScanResult r_;
  std::vector<Open> open_;
  std::uint32_t depth_ = 0;
  std::uint32_t pending_nots_ = 0;
  bool after_of_ = false;
  bool stopped_ = false;
};

}  // namespace

bool word_is(std::string_view word, std::string_view lower_keyword) {
  if (word.size() != lower_keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(word[i]) != lower_keyword[i]) return false;
  return true;
}

std::string quote_token(std::string_view tok) {
  constexpr std::size_t kShown = 40;
  std::string out = "'";
  for (std::size_t i = 0; i < tok.size() && i < kShown; ++i) {
    const auto u = static_cast<unsigned char>(tok[i]);
    if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += tok[i];
    }
  }
  if (tok.size() > kShown) out += "...";
  return out + "'";
}

std::string describe_position(std::string_view text, std::uint32_t offset) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, line_start = i + 1;
  }
  const std::string col = "column " + std::to_string(offset - line_start + 1);
  if (text.find('\n') == std::string_view::npos) return col;
  return "line " + std::to_string(line) + ", " + col;
}

ScanResult scan_condition(std::string_view text) { return Scanner(text).run(); }

}  // namespace sigma::cond::detail
