// sigmac: compile-check Sigma rules, print their IR, scan logs with them.
#include <cstdio>
#include <cstring>
#include <string>

#include <sigma/version.hpp>

#include "tools/sigmac/commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: sigmac <command> [options]\n"
    "\n"
    "commands:\n"
    "  check [--format text|json] [--pipeline P]... [--no-lint] [--time] [PATH...]\n"
    "        compile every rule found (files or directory trees); print diagnostics and a\n"
    "        summary. Exit 0 when all compile, 1 when any rule is refused, 2 on usage errors.\n"
    "  compile --emit ir [--pipeline P]... RULE...\n"
    "        print the compiled rules in the IR's text form\n"
    "  scan [--rules PATH]... [--pipeline P]... [--format jsonl|auditd|syslog|evtx-json]\n"
    "       [--output jsonl|table] [--stats] [FILE|-]...\n"
    "        evaluate rules (default: the bundled sigma-rules/rules/) over log files and print\n"
    "        alerts. Exit 0 clean, 1 some records were malformed, 2 usage or rule errors.\n"
    "  version\n";

}  // namespace

namespace sigmac {

std::filesystem::path bundled_rules_dir() {
  namespace fs = std::filesystem;
  for (const fs::path& p :
       {fs::path("sigma-rules/rules"), fs::path(SIGMA_SOURCE_DIR) / "sigma-rules" / "rules"}) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return p;
  }
  return "sigma-rules/rules";
}

}  // namespace sigmac

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = argv[1];
  const sigmac::Args args(argv + 2, argv + argc);
  if (command == "check") return sigmac::run_check(args);
  if (command == "compile") return sigmac::run_compile(args);
  if (command == "scan") return sigmac::run_scan(args);
  if (command == "version" || command == "--version") {
    std::printf("sigmac %s\n", sigma::version());
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "sigmac: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
