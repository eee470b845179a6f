#include "compiler/modifiers/windash.hpp"

#include <array>
#include <string_view>

#include "compiler/modifiers/utf8.hpp"

namespace sigma::modifiers {
namespace {

constexpr std::array<std::string_view, 5> kDashes = {"-", "/", "\u2013", "\u2014", "\u2015"};

// Byte offsets in `t` of the option-starting dashes.
std::vector<std::size_t> dash_offsets(std::string_view t) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '-' && t[i] != '/') continue;
    if (i > 0 && is_word_char(decode_utf8_before(t, i).value)) continue;            // \B
    if (i + 1 >= t.size() || !is_word_char(decode_utf8(t, i + 1).value)) continue;  // \b
    out.push_back(i);
  }
  return out;
}

}  // namespace

std::size_t windash_positions(const SigmaString& s) {
  std::size_t n = 0;
  for (const auto& p : s.parts())
    if (p.kind == Part::Kind::Literal) n += dash_offsets(p.text).size();
  return n;
}

std::vector<SigmaString> windash_variants(const SigmaString& s) {
  std::vector<SigmaString> out{SigmaString{}};
  for (const auto& p : s.parts()) {
    if (p.kind != Part::Kind::Literal) {
      for (auto& v : out) v.append(p);
      continue;
    }
    std::size_t done = 0;
    for (const std::size_t at : dash_offsets(p.text)) {
      const std::string_view before = std::string_view(p.text).substr(done, at - done);
      std::vector<SigmaString> next;
      next.reserve(out.size() * kDashes.size());
      for (const auto& v : out) {
        for (const auto dash : kDashes) {
          SigmaString w = v;
          w.append_literal(before);
          w.append_literal(dash);
          next.push_back(std::move(w));
        }
      }
      out = std::move(next);
      done = at + 1;
    }
    for (auto& v : out) v.append_literal(std::string_view(p.text).substr(done));
  }
  return out;
}

}  // namespace sigma::modifiers
