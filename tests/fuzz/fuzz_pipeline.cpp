// Fuzz target for the pipeline loader and applier: any bytes as a pipeline file are loaded, and
// a loaded pipeline is applied to a fixed rule that is then compiled. Beyond "no crash": every
// loader diagnostic points at a line of the text (or at none), and a rule the pipeline refuses
// is refused with a diagnostic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "compiler/ast2ir/ast2ir.hpp"
#include "compiler/pipeline/apply.hpp"
#include "compiler/pipeline/load.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"

namespace {

[[noreturn]] void broken() { std::abort(); }

constexpr std::string_view kRule = R"(title: t
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\cmd.exe'
    CommandLine|contains|all: [a, 'b*']
    User|expand: '%admins%'
  kw: [x]
  condition: sel and not kw
fields: [Image]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sigma::diag::Sink diags("fuzz.yml");
  auto p = sigma::pipeline::load_pipeline("fuzz.yml", text, diags);
  std::size_t lines = 1;
  for (const char c : text) lines += c == '\n';
  for (const auto& d : diags.all())
    if (d.code.empty() || d.message.empty() || d.location.line > lines + 1) broken();
  if (!p) return 0;
  std::vector<sigma::pipeline::Pipeline> list;
  list.push_back(std::move(*p));
  const auto resolved = sigma::pipeline::merge(std::move(list));
  diags.set_file("rule.yml");
  auto rules = sigma::yaml2ast::load_rules("rule.yml", kRule, diags);
  for (auto& r : rules) {
    const std::size_t before = diags.error_count();
    if (!sigma::pipeline::Applier(resolved).apply(r, diags)) {
      if (diags.error_count() == before) broken();  // refused in silence
      continue;
    }
    sigma::ast2ir::Lowering lowering;
    lowering.add(r, diags);
    lowering.finish(diags);
  }
  return 0;
}
