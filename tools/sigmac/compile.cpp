// sigmac compile --emit ir: what the rules compile to, in the IR's text form.
#include <fmt/format.h>

#include <sigma/sigma.hpp>

#include <cstdio>

#include "tools/sigmac/commands.hpp"

namespace sigmac {

int run_compile(const Args& args) {
  std::vector<std::string> paths;
  sigma::CompileOptions options;
  options.lint = false;
  std::string emit = "ir";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--emit" && i + 1 < args.size()) {
      emit = args[++i];
    } else if (a == "--pipeline" && i + 1 < args.size()) {
      options.pipelines.push_back(args[++i]);
    } else if (a.starts_with("-")) {
      fmt::print(stderr, "sigmac compile: unknown option '{}'\n", a);
      return 2;
    } else {
      paths.push_back(a);
    }
  }
  if (emit != "ir") {
    fmt::print(stderr, "sigmac compile: --emit takes 'ir'\n");
    return 2;
  }
  if (paths.empty()) {
    fmt::print(stderr, "sigmac compile: give at least one rule file or directory\n");
    return 2;
  }
  sigma::Compiler compiler(options);
  for (const auto& p : paths) compiler.add_path(p);
  const auto rules = compiler.build();
  for (const auto& d : compiler.diagnostics())
    fmt::print(stderr, "{}", sigma::format_diagnostic(d, compiler.source(d.location.file)));
  fmt::print("{}", rules.dump_ir());
  return compiler.stats().errors > 0 ? 1 : 0;
}

}  // namespace sigmac
