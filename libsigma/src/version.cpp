#include <sigma/version.hpp>

namespace sigma {
const char* version() noexcept { return "0.1.0"; }
}  // namespace sigma
