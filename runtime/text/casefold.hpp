// Unicode simple case folding of UTF-8 text, the one definition of "case-insensitive" that both
// the compiler (folding rule literals once) and the runtime (folding event values) use.
#pragma once

#include <string>
#include <string_view>

namespace sigma::text {

// Appends the simple case folding of `in` to `out`. ASCII takes a table path; other code points
// use Unicode's simple folding (CaseFolding.txt status C and S). Bytes that are not valid UTF-8
// are copied unchanged, so folding never fails.
void casefold_append(std::string_view in, std::string& out);

inline std::string casefold(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  casefold_append(in, out);
  return out;
}

// True when casefold(in) == in, so a caller can skip the copy.
bool is_folded(std::string_view in) noexcept;

// The folding of `in`: `in` itself when it is folded already, else its folding written over
// `buf` (the view lives as long as `buf` is left alone).
inline std::string_view folded_view(std::string_view in, std::string& buf) {
  if (is_folded(in)) return in;
  buf.clear();
  casefold_append(in, buf);
  return buf;
}

}  // namespace sigma::text
