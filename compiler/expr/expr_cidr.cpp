#include "compiler/expr/expr_cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace sigma::expr {
namespace {

// inet_pton needs a NUL-terminated string; addresses are short, so a stack copy does.
bool parse_address(std::string_view text, bool& v6, std::array<std::uint8_t, 16>& out) {
  char buf[64];
  if (text.empty() || text.size() >= sizeof buf) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  out.fill(0);
  if (inet_pton(AF_INET, buf, out.data()) == 1) {
    v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, buf, out.data()) == 1) {
    v6 = true;
    return true;
  }
  return false;
}

bool same_prefix(const std::uint8_t* a, const std::uint8_t* b, unsigned bits) {
  unsigned whole = bits / 8, rest = bits % 8;
  if (std::memcmp(a, b, whole) != 0) return false;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xFF00u >> rest);
  return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

std::optional<CidrBlock> parse_cidr(std::string_view text) {
  CidrBlock block;
  std::string_view addr = text;
  std::optional<unsigned> prefix;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    unsigned p = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
      return std::nullopt;
    prefix = p;
  }
  if (!parse_address(addr, block.v6, block.addr)) return std::nullopt;
  unsigned max = block.v6 ? 128 : 32;
  block.prefix = prefix.value_or(max);
  if (block.prefix > max) return std::nullopt;
  // Clear host bits so "10.1.2.3/8" means 10.0.0.0/8, as SPL does.
  for (unsigned bit = block.prefix; bit < max; ++bit)
    block.addr[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  return block;
}

bool cidr_contains(const CidrBlock& block, std::string_view ip) {
  bool v6 = false;
  std::array<std::uint8_t, 16> addr{};
  if (!parse_address(ip, v6, addr) || v6 != block.v6) return false;
  return same_prefix(addr.data(), block.addr.data(), block.prefix);
}

}  // namespace sigma::expr
