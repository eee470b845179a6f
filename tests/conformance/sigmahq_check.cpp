// Every rule of the SigmaHQ corpus compiles, as it does in pySigma. Prints the figures (files,
// rules, time) and every refusal; fails on any error. Exit 77 (skipped) without the corpus.
#include <fmt/format.h>

#include <sigma/sigma.hpp>

#include <chrono>
#include <filesystem>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path root = argc > 1 ? argv[1] : "../shared/corpus/sigmahq";
  if (!fs::is_directory(root / "rules")) {
    fmt::print("SKIP: SigmaHQ corpus not found at {}\n", root.string());
    return 77;
  }
  const auto start = std::chrono::steady_clock::now();
  sigma::Compiler compiler;
  for (const char* dir : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder"})
    if (fs::is_directory(root / dir)) compiler.add_path(root / dir);
  const auto rules = compiler.build();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto st = compiler.stats();
  std::size_t shown = 0;
  for (const auto& d : compiler.diagnostics()) {
    if (d.severity != sigma::Severity::Error) continue;
    if (shown++ < 50) fmt::print("{}", sigma::format_diagnostic(d, compiler.source(d.location.file)));
  }
  fmt::print("SigmaHQ corpus: {} files, {} rules, {} compiled, {} refused ({} errors), {} warnings, "
             "{:.3f} s, {} distinct fields, rule set size {}\n",
             st.files, st.documents, st.compiled, st.documents - st.compiled, st.errors,
             st.warnings, seconds, rules.fields().size(), rules.size());
  return st.errors == 0 && st.compiled == st.documents ? 0 : 1;
}
