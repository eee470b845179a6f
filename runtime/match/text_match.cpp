#include "runtime/match/text_match.hpp"

namespace sigma::match {

TextMatcher::TextMatcher(TextOp op, std::string_view pattern) : op_(op) {
  if (op != TextOp::Glob) {
    needle_.assign(pattern);
    return;
  }
  Glob glob(pattern);
  if (glob.has_any()) {
    glob_ = std::move(glob);
    return;
  }
  // Stars only: decide by which segments hold text. Escapes are already resolved in the
  // segment literals, so the literal forms below compare the right bytes.
  const std::size_t n = glob.segment_count();
  if (!glob.has_star()) {
    op_ = TextOp::Exact;
    needle_.assign(glob.segment_literal(0));
  } else if (n == 2 && glob.segment_literal(1).empty()) {
    op_ = TextOp::Prefix;  // "foo*" (or "*": prefix "")
    needle_.assign(glob.segment_literal(0));
  } else if (n == 2 && glob.segment_literal(0).empty()) {
    op_ = TextOp::Suffix;  // "*foo"
    needle_.assign(glob.segment_literal(1));
  } else if (n == 3 && glob.segment_literal(0).empty() && glob.segment_literal(2).empty()) {
    op_ = TextOp::Contains;  // "*foo*"
    needle_.assign(glob.segment_literal(1));
  } else {
    glob_ = std::move(glob);
  }
}

}  // namespace sigma::match
