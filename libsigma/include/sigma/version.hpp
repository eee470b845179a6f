#pragma once

namespace sigma {
// The library version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;
}  // namespace sigma
