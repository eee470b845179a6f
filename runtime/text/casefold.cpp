#include "runtime/text/casefold.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sigma::text {
namespace {

constexpr std::array<char, 256> make_ascii_table() {
  std::array<char, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = static_cast<char>(i >= 'A' && i <= 'Z' ? i + 32 : i);
  return t;
}
constexpr auto kAscii = make_ascii_table();

#ifdef __SSE2__
// 0xFF in each byte of `v` that is 'A'..'Z': adding 128 - 'A' moves exactly those (of ASCII
// bytes) to the bottom 26 signed values.
inline __m128i ascii_upper(__m128i v) {
  const __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(128 - 'A')));
  return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + 26)));
}
#endif

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
  // ASCII runs (nearly all log text) are lowered straight into `out`, sixteen bytes at a time
  // where SSE2 is there; other characters one at a time.
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t at = out.size();
    out.resize(at + (n - i));         // room for the rest, should it all be ASCII
    char* dst = out.data() + at - i;  // dst[k] is where in[k] goes
    std::size_t k = i;
#ifdef __SSE2__
    const auto lower_block = [&](std::size_t from) {  // false: a byte >= 0x80 in it
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + from));
      if (_mm_movemask_epi8(v) != 0) return false;
      const __m128i lowered = _mm_add_epi8(v, _mm_and_si128(ascii_upper(v), _mm_set1_epi8(0x20)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + from), lowered);
      return true;
    };
    while (n - k >= 16 && lower_block(k)) k += 16;
    // The tail as the run's last sixteen bytes, overlapping what is lowered already.
    if (k < n && n - k < 16 && n - i >= 16 && lower_block(n - 16)) k = n;
#endif
    for (; k < n && static_cast<unsigned char>(in[k]) < 0x80; ++k)
      dst[k] = kAscii[static_cast<unsigned char>(in[k])];
    out.resize(at + (k - i));
    i = k;
    if (i < n) fold_one(in, i, out);
  }
}

bool is_folded(std::string_view in) noexcept {
  std::size_t i = 0;
#ifdef __SSE2__
  for (; in.size() - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + i));
    if (_mm_movemask_epi8(v) != 0) break;  // non-ASCII: the loop below looks closer
    if (_mm_movemask_epi8(ascii_upper(v)) != 0) return false;
  }
  // The tail as the text's last sixteen bytes, when they are ASCII.
  if (i < in.size() && in.size() - i < 16 && in.size() >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + in.size() - 16));
    if (_mm_movemask_epi8(v) == 0) return _mm_movemask_epi8(ascii_upper(v)) == 0;
  }
#endif
  for (; i < in.size(); ++i) {
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
