#include "runtime/match/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace sigma::match {

std::optional<IpAddress> parse_ip(std::string_view text) noexcept {
  // inet_pton needs a NUL-terminated string; addresses are short.
  char buf[INET6_ADDRSTRLEN + 1];
  if (const auto zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress ip;
  if (text.find(':') == std::string_view::npos) {
    std::uint8_t v4[4];
    if (inet_pton(AF_INET, buf, v4) != 1) return std::nullopt;
    ip.v4 = true;
    ip.bytes[10] = ip.bytes[11] = 0xff;
    std::memcpy(ip.bytes.data() + 12, v4, 4);
  } else if (inet_pton(AF_INET6, buf, ip.bytes.data()) != 1) {
    return std::nullopt;
  }
  return ip;
}

std::optional<Cidr> parse_cidr(std::string_view text) noexcept {
  const auto slash = text.find('/');
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) return std::nullopt;
  const unsigned max_prefix = ip->v4 ? 32 : 128;
  unsigned prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
        prefix > max_prefix)
      return std::nullopt;
  }
  Cidr net{*ip, static_cast<std::uint8_t>(prefix)};
  const unsigned bits = ip->v4 ? 96 + prefix : prefix;  // prefix over the 128-bit form
  for (unsigned b = bits; b < 128; ++b) net.base.bytes[b / 8] &= static_cast<std::uint8_t>(~(0x80u >> (b % 8)));
  return net;
}

bool contains(const Cidr& net, const IpAddress& ip) noexcept {
  if (net.base.v4 != ip.v4) return false;
  const unsigned bits = net.base.v4 ? 96 + net.prefix : net.prefix;
  const unsigned whole = bits / 8;
  if (std::memcmp(net.base.bytes.data(), ip.bytes.data(), whole) != 0) return false;
  if (const unsigned rest = bits % 8) {
    const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
    if ((net.base.bytes[whole] & mask) != (ip.bytes[whole] & mask)) return false;
  }
  return true;
}

}  // namespace sigma::match
