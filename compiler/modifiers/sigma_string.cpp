#include "compiler/modifiers/sigma_string.hpp"

#include "compiler/modifiers/utf8.hpp"
#include "runtime/text/casefold.hpp"

namespace sigma::modifiers {
namespace {

// `%name%` at text[pos], name made of word characters (pySigma: `%\w+%`); returns the
// name's length or 0.
std::size_t placeholder_name_length(std::string_view text, std::size_t pos) {
  std::size_t i = pos + 1;
  while (i < text.size() && text[i] != '%') {
    const auto cp = decode_utf8(text, i);
    if (!cp.valid || !is_word_char(cp.value)) return 0;
    i += cp.length;
  }
  if (i >= text.size() || i == pos + 1) return 0;
  return i - pos - 1;
}

}  // namespace

SigmaString SigmaString::parse(std::string_view written, bool placeholders) {
  SigmaString out;
  std::string acc;
  const auto flush = [&] {
    if (!acc.empty()) out.append_literal(acc);
    acc.clear();
  };
  for (std::size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    if (c == '\\') {
      const char next = i + 1 < written.size() ? written[i + 1] : '\0';
      if (next == '*' || next == '?' || next == '\\' || (placeholders && next == '%')) {
        acc.push_back(next);
        ++i;
      } else {
        acc.push_back('\\');  // not an escape: the backslash is literal
      }
    } else if (c == '*' || c == '?') {
      flush();
      out.append(Part{c == '*' ? Part::Kind::AnyRun : Part::Kind::AnyChar, {}});
    } else if (c == '%' && placeholders) {
      if (const auto n = placeholder_name_length(written, i); n > 0) {
        flush();
        out.append(Part{Part::Kind::Placeholder, std::string(written.substr(i + 1, n))});
        i += n + 1;
      } else {
        acc.push_back(c);
      }
    } else {
      acc.push_back(c);
    }
  }
  flush();
  return out;
}

SigmaString SigmaString::literal(std::string_view text) {
  SigmaString out;
  out.append_literal(text);
  return out;
}

void SigmaString::append_literal(std::string_view text) {
  if (text.empty()) return;
  if (!parts_.empty() && parts_.back().kind == Part::Kind::Literal)
    parts_.back().text.append(text);
  else
    parts_.push_back(Part{Part::Kind::Literal, std::string(text)});
}

void SigmaString::append(Part part) {
  if (part.kind == Part::Kind::Literal)
    append_literal(part.text);
  else
    parts_.push_back(std::move(part));
}

void SigmaString::append(const SigmaString& other) {
  for (const auto& p : other.parts_) append(p);
}

void SigmaString::prepend_any_run() {
  if (parts_.empty() || parts_.front().kind != Part::Kind::AnyRun)
    parts_.insert(parts_.begin(), Part{Part::Kind::AnyRun, {}});
}

void SigmaString::append_any_run() {
  if (parts_.empty() || parts_.back().kind != Part::Kind::AnyRun)
    parts_.push_back(Part{Part::Kind::AnyRun, {}});
}

bool SigmaString::has_wildcards() const {
  for (const auto& p : parts_)
    if (p.kind == Part::Kind::AnyRun || p.kind == Part::Kind::AnyChar) return true;
  return false;
}

bool SigmaString::has_placeholders() const {
  for (const auto& p : parts_)
    if (p.kind == Part::Kind::Placeholder) return true;
  return false;
}

std::string SigmaString::plain() const {
  std::string out;
  for (const auto& p : parts_)
    if (p.kind == Part::Kind::Literal) out += p.text;
  return out;
}

std::string SigmaString::render(std::string_view escaped) const {
  std::string out;
  for (const auto& p : parts_) {
    switch (p.kind) {
      case Part::Kind::Literal:
        for (const char c : p.text) {
          if (escaped.find(c) != std::string_view::npos) out.push_back('\\');
          out.push_back(c);
        }
        break;
      case Part::Kind::AnyRun:
        out.push_back('*');
        break;
      case Part::Kind::AnyChar:
        out.push_back('?');
        break;
      case Part::Kind::Placeholder:
        out += "%" + p.text + "%";
        break;
    }
  }
  return out;
}

std::string SigmaString::written() const { return render("*?"); }

std::string SigmaString::exact(bool placeholders) const {
  return render(placeholders ? "*?\\%" : "*?\\");
}

ir::StringMatch to_string_match(const SigmaString& s, bool cased) {
  // Collapse `**` (same meaning as `*`), then look at what lies between the outer stars.
  std::vector<const Part*> parts;
  for (const auto& p : s.parts())
    if (!(p.kind == Part::Kind::AnyRun && !parts.empty() &&
          parts.back()->kind == Part::Kind::AnyRun))
      parts.push_back(&p);
  std::size_t lo = 0, hi = parts.size();
  const bool lead = lo < hi && parts[lo]->kind == Part::Kind::AnyRun;
  if (lead) ++lo;
  const bool trail = lo < hi && parts[hi - 1]->kind == Part::Kind::AnyRun;
  if (trail) --hi;

  const auto fold = [cased](std::string_view t) {
    return cased ? std::string(t) : text::casefold(t);
  };
  ir::StringMatch m;
  m.cased = cased;
  if (hi - lo <= 1 && (lo == hi || parts[lo]->kind == Part::Kind::Literal)) {
    m.pattern = lo == hi ? std::string() : fold(parts[lo]->text);
    // `*` alone (lead consumed it, nothing trails) means any text: Contains "".
    m.op = (lead && trail) || (lead && lo == hi) ? ir::StringOp::Contains
           : lead                                ? ir::StringOp::Suffix
           : trail                               ? ir::StringOp::Prefix
                                                 : ir::StringOp::Exact;
    return m;
  }
  m.op = ir::StringOp::Glob;
  for (const Part* p : parts) {
    switch (p->kind) {
      case Part::Kind::Literal:
        for (const char c : fold(p->text)) {
          if (c == '*' || c == '?' || c == '\\') m.pattern.push_back('\\');
          m.pattern.push_back(c);
        }
        break;
      case Part::Kind::AnyRun:
        m.pattern.push_back('*');
        break;
      case Part::Kind::AnyChar:
        m.pattern.push_back('?');
        break;
      case Part::Kind::Placeholder:
        break;  // resolved before lowering
    }
  }
  return m;
}

}  // namespace sigma::modifiers
