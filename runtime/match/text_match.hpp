// One string predicate over event text: exact, prefix, suffix, contains or glob.
//
// Built once per leaf when an engine is made; matching is noexcept and allocation-free. Both the
// pattern and the text are taken as given: the caller folds both for case-insensitive leaves.
// A glob whose only wildcards are stars at its ends is lowered to the cheaper literal form
// (`foo*` -> prefix, `*foo` -> suffix, `*foo*` -> contains, `*` -> contains "").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/match/glob.hpp"

namespace sigma::match {

enum class TextOp : std::uint8_t { Exact, Prefix, Suffix, Contains, Glob };

class TextMatcher {
 public:
  TextMatcher() = default;
  TextMatcher(TextOp op, std::string_view pattern);

  bool matches(std::string_view text) const noexcept {
    switch (op_) {
      case TextOp::Exact: return text == needle_;
      case TextOp::Prefix: return text.starts_with(needle_);
      case TextOp::Suffix: return text.ends_with(needle_);
      case TextOp::Contains: return find_bytes(text, needle_, 0) != std::string_view::npos;
      case TextOp::Glob: return glob_.matches(text);
    }
    return false;
  }

  // The operation after lowering, and its literal (empty for a real glob).
  TextOp op() const noexcept { return op_; }
  std::string_view literal() const noexcept { return needle_; }

 private:
  TextOp op_ = TextOp::Exact;
  std::string needle_;
  Glob glob_;
};

}  // namespace sigma::match
