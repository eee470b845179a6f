// sigmac check: compile every rule, report every problem, summarise.
#include <fmt/format.h>

#include <sigma/sigma.hpp>

#include <chrono>
#include <cstdio>

#include "tools/sigmac/commands.hpp"

namespace sigmac {

int run_check(const Args& args) {
  std::vector<std::string> paths;
  sigma::CompileOptions options;
  bool json = false;
  bool show_time = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--format" && i + 1 < args.size()) {
      const auto& f = args[++i];
      if (f != "json" && f != "text") {
        fmt::print(stderr, "sigmac check: unknown format '{}' (text or json)\n", f);
        return 2;
      }
      json = f == "json";
    } else if (a == "--pipeline" && i + 1 < args.size()) {
      options.pipelines.push_back(args[++i]);
    } else if (a == "--time") {
      show_time = true;
    } else if (a == "--no-lint") {
      options.lint = false;
    } else if (a.starts_with("-") && a != "-") {
      fmt::print(stderr, "sigmac check: unknown option '{}'\n", a);
      return 2;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) paths.push_back(bundled_rules_dir().string());

  const auto start = std::chrono::steady_clock::now();
  sigma::Compiler compiler(options);
  for (const auto& p : paths) compiler.add_path(p);
  const auto rules = compiler.build();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto st = compiler.stats();

  if (json) {
    fmt::print("{{\"files\":{},\"rules\":{},\"compiled\":{},\"errors\":{},\"warnings\":{},"
               "\"seconds\":{:.3f},\"diagnostics\":{}}}\n",
               st.files, st.documents, st.compiled, st.errors, st.warnings, seconds,
               sigma::diagnostics_to_json(compiler.diagnostics()));
  } else {
    for (const auto& d : compiler.diagnostics())
      fmt::print("{}", sigma::format_diagnostic(d, compiler.source(d.location.file)));
    fmt::print("{} files, {} rules, {} compiled, {} errors, {} warnings\n", st.files,
               st.documents, st.compiled, st.errors, st.warnings);
    if (show_time) fmt::print("compiled in {:.3f} s\n", seconds);
  }
  return st.errors > 0 ? 1 : 0;
}

}  // namespace sigmac
