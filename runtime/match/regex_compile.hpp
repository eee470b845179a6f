// Compiling the regexes of rules, pipelines and extensions: one place for RE2's options.
#pragma once

#include <memory>
#include <string_view>

namespace re2 {
class RE2;
}  // namespace re2

namespace sigma::match {

// Compiles `pattern` with RE2's default syntax; errors are in the result's error(), never
// logged. A regex whose program is large (a counted repetition such as `.{1000,}`, about 8,000
// instructions) gets a memory budget in proportion, up to 64 MiB: with the default one its DFA
// runs out of memory on texts of a few hundred bytes, and RE2 falls back to its NFA on every
// call, thousands of times slower (`.{1000,}` on a 1,500-byte text: 16 ms a call, against 6 us
// with 32 MiB). The budget is a cap, not an allocation: the DFA grows only as texts need it.
std::unique_ptr<re2::RE2> compile_regex(std::string_view pattern);

}  // namespace sigma::match
