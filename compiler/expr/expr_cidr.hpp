// CIDR blocks for cidrmatch(): IPv4 and IPv6, parsed with inet_pton.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sigma::expr {

struct CidrBlock {
  bool v6 = false;
  std::array<std::uint8_t, 16> addr{};  // network bytes (4 used for IPv4), host bits cleared
  unsigned prefix = 0;                  // 0..32 or 0..128
};

// "10.0.0.0/8", "fe80::/10"; a bare address is a /32 or /128. Anything else: nullopt.
std::optional<CidrBlock> parse_cidr(std::string_view text);

// Whether `ip` (a bare IPv4 or IPv6 address, same family as the block) lies in `block`.
bool cidr_contains(const CidrBlock& block, std::string_view ip);

}  // namespace sigma::expr
