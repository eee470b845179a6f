// sigmac subcommands. Each takes its own arguments (after the subcommand name) and returns the
// process exit status: 0 success, 1 the job ran but found problems, 2 usage or setup error.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sigmac {

using Args = std::vector<std::string>;

int run_check(const Args& args);
int run_compile(const Args& args);
int run_scan(const Args& args);

// The rules shipped with the project (sigma-rules/rules/), for commands given no rule path.
std::filesystem::path bundled_rules_dir();

}  // namespace sigmac
