#include "runtime/match/regex_compile.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace sigma::match {
namespace {

// Per instruction of the program: `.{500,}` (4,000 instructions) runs its DFA in the default
// 8 MiB, `.{1000,}` (8,000) needs 16 MiB or more.
constexpr long long kBytesPerInstruction = 4096;
constexpr long long kMaxMemory = 64ll << 20;

}  // namespace

std::unique_ptr<re2::RE2> compile_regex(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  const re2::StringPiece text(pattern.data(), pattern.size());
  auto re = std::make_unique<re2::RE2>(text, options);
  if (!re->ok()) return re;
  const long long wanted = std::min(kMaxMemory, re->ProgramSize() * kBytesPerInstruction);
  if (wanted <= options.max_mem()) return re;
  options.set_max_mem(wanted);
  return std::make_unique<re2::RE2>(text, options);
}

}  // namespace sigma::match
