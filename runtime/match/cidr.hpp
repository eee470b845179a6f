// IPv4/IPv6 networks: parsed once when rules compile, tested against event text per event.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sigma::match {

// An address as 16 bytes; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

struct Cidr {
  IpAddress base;            // host bits cleared
  std::uint8_t prefix = 0;   // in bits of the address's own family (0..32 for IPv4)
};

// "192.168.0.1", "::1", "fe80::1%eth0" (zone dropped). No surrounding spaces.
std::optional<IpAddress> parse_ip(std::string_view text) noexcept;

// "10.0.0.0/8", "2001:db8::/32"; a bare address means a single host.
std::optional<Cidr> parse_cidr(std::string_view text) noexcept;

bool contains(const Cidr& net, const IpAddress& ip) noexcept;

}  // namespace sigma::match
