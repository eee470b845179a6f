// Fuzz target for the rule loader and the compiler behind it: any bytes as a rule file go
// through YAML -> rule AST -> IR. Beyond "no crash": every diagnostic has a code and a message
// and points at a line of the text (or at none), and a rule is either compiled or reported.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "compiler/ast2ir/ast2ir.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"

namespace {
[[noreturn]] void broken() { std::abort(); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sigma::diag::Sink diags("fuzz.yml");
  auto rules = sigma::yaml2ast::load_rules("fuzz.yml", text, diags);
  sigma::ast2ir::Lowering lowering;
  for (const auto& r : rules) {
    const std::size_t before = diags.error_count();
    const bool ok = !r.refused && lowering.add(r, diags);
    if (!ok && !r.refused && diags.error_count() == before) broken();  // refused in silence
  }
  lowering.finish(diags);
  std::size_t lines = 1;
  for (const char c : text) lines += c == '\n';
  for (const auto& d : diags.all()) {
    if (d.code.empty() || d.message.empty()) broken();
    if (d.location.line > lines + 1) broken();
  }
  return 0;
}
