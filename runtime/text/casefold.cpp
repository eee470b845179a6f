#include "runtime/text/casefold.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace sigma::text {
namespace {

constexpr std::array<char, 256> make_ascii_table() {
  std::array<char, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = static_cast<char>(i >= 'A' && i <= 'Z' ? i + 32 : i);
  return t;
}
constexpr auto kAscii = make_ascii_table();

// Folds one non-ASCII code point starting at in[i]; advances i. Invalid bytes pass through.
void fold_one(std::string_view in, std::size_t& i, std::string& out) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  const auto len = static_cast<std::int32_t>(in.size());
  auto pos = static_cast<std::int32_t>(i);
  const std::int32_t start = pos;
  UChar32 c;
  U8_NEXT(s, pos, len, c);
  if (c < 0) {  // not UTF-8: keep the byte as it is
    out.push_back(in[i]);
    i = static_cast<std::size_t>(start) + 1;
    return;
  }
  const UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  if (f == c) {
    out.append(in.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(pos - start)));
  } else {
    std::uint8_t buf[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, f);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  i = static_cast<std::size_t>(pos);
}

}  // namespace

void casefold_append(std::string_view in, std::string& out) {
  // ASCII runs (nearly all log text) are copied and lowered in place, a run at a time.
  out.reserve(out.size() + in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t run = i;
    while (run < in.size() && static_cast<unsigned char>(in[run]) < 0x80) ++run;
    if (run > i) {
      const std::size_t at = out.size();
      out.append(in.data() + i, run - i);
      for (std::size_t k = at; k < out.size(); ++k)
        out[k] = kAscii[static_cast<unsigned char>(out[k])];
      i = run;
      continue;
    }
    fold_one(in, i, out);
  }
}

bool is_folded(std::string_view in) noexcept {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b >= 'A' && b <= 'Z') return false;
    if (b >= 0x80) {
      const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
      auto pos = static_cast<std::int32_t>(i);
      UChar32 c;
      U8_NEXT(s, pos, static_cast<std::int32_t>(in.size()), c);
      if (c >= 0 && u_foldCase(c, U_FOLD_CASE_DEFAULT) != c) return false;
      i = static_cast<std::size_t>(pos) - 1;
    }
  }
  return true;
}

}  // namespace sigma::text
