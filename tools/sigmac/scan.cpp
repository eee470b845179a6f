// sigmac scan: evaluate rules over log files. (The readers land with issue 3.)
#include <fmt/format.h>

#include "tools/sigmac/commands.hpp"

namespace sigmac {

int run_scan(const Args&) {
  fmt::print(stderr, "sigmac scan: not available in this build yet\n");
  return 2;
}

}  // namespace sigmac
