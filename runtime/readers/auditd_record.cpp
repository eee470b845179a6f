#include "runtime/readers/auditd_record.hpp"

#include <array>

namespace sigma::readers::auditd {
namespace {

using sigma::Value;
using sigma::event::FieldStore;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_hex_text(std::string_view s) {
  if (s.empty() || s.size() % 2 != 0) return false;
  for (char c : s)
    if (hex_digit(c) < 0) return false;
  return true;
}

std::string_view decode_to_arena(std::string_view hex, FieldStore& out) {
  char* p = out.arena().allocate(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2)
    p[i / 2] = static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1]));
  return {p, hex.size() / 2};
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::uint64_t to_u64(std::string_view s) {
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) break;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// Fields whose unsafe values the kernel (audit_log_untrustedstring, audit_log_n_hex) or the
// user-space tools (audit_encode_nv_string) write as bare hex. Only these are decoded: other
// bare values such as SYSCALL's a0=7ffd42eb1590 or TIME_ADJNTPVAL's new=8256 look like hex
// but are numbers.
bool encoded_field(std::string_view key, bool execve) {
  static constexpr std::array<std::string_view, 18> kEncoded = {
      "name", "proctitle", "exe", "comm", "cwd",  "key",       "data",     "cmd",  "acct",
      "path", "dir",       "file", "ocomm", "watch", "new_group", "root_dir", "grp", "sw"};
  for (std::string_view k : kEncoded)
    if (key == k) return true;
  return execve && key.size() > 1 && key[0] == 'a' && all_digits(key.substr(1));
}

// "a<N>[<I>]" -> N
bool piece_key(std::string_view key, std::uint32_t& arg) {
  std::size_t open = key.find('[');
  if (key.size() < 5 || key[0] != 'a' || open == std::string_view::npos || key.back() != ']')
    return false;
  std::string_view n = key.substr(1, open - 1), i = key.substr(open + 1, key.size() - open - 2);
  if (!all_digits(n) || !all_digits(i) || n.size() > 9) return false;
  arg = static_cast<std::uint32_t>(to_u64(n));
  return true;
}

// "a<N>_len" -> N
bool length_key(std::string_view key, std::uint32_t& arg) {
  constexpr std::string_view kSuffix = "_len";
  if (key.size() < 6 || key[0] != 'a' || key.substr(key.size() - 4) != kSuffix) return false;
  std::string_view n = key.substr(1, key.size() - 5);
  if (!all_digits(n) || n.size() > 9) return false;
  arg = static_cast<std::uint32_t>(to_u64(n));
  return true;
}

class Body {
 public:
  Body(FieldStore& out, Parsed& parsed, bool execve)
      : out_(out), parsed_(parsed), execve_(execve) {}

  void parse(std::string_view s, bool inner) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
      while (i < n && s[i] == ' ') ++i;
      std::size_t b = i;
      while (i < n && s[i] != '=' && s[i] != ' ') ++i;
      if (i >= n || s[i] == ' ') continue;  // a word without '=': free text
      std::string_view key = s.substr(b, i - b);
      ++i;
      std::string_view value;
      char quote = '\0';
      if (i < n && (s[i] == '"' || s[i] == '\'')) {
        quote = s[i];
        std::size_t close = s.find(quote, i + 1);
        if (close == std::string_view::npos) close = n;  // unterminated: take the rest
        value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        std::size_t vb = i;
        while (i < n && s[i] != ' ') ++i;
        value = s.substr(vb, i - vb);
      }
      if (!key.empty()) pair(key, value, quote, inner);
    }
  }

 private:
  void pair(std::string_view key, std::string_view value, char quote, bool inner) {
    if (key == "msg" && quote == '\'' && !inner) {
      out_.add_if_absent(key, Value::string(value));
      parse(value, true);
      return;
    }
    std::uint32_t arg = 0;
    if (execve_) {
      if (piece_key(key, arg)) {
        bool hex = quote == '\0' && is_hex_text(value);
        parsed_.pieces.push_back({arg, hex ? decode_to_arena(value, out_) : value});
        return;
      }
      if (length_key(key, arg)) parsed_.lengths.push_back({arg, to_u64(value)});
      if (key == "argc") parsed_.has_argc = true;
    }
    if (out_.contains(key)) return;  // the first occurrence wins
    if (quote != '\0' || !encoded_field(key, execve_) || !is_hex_text(value)) {
      out_.add(key, Value::string(value));
      return;
    }
    std::string_view text = decode_to_arena(value, out_);
    if (key == "proctitle") {
      // argv joined by NULs: drop trailing NULs, show the rest as a command line.
      while (!text.empty() && text.back() == '\0') text.remove_suffix(1);
      char* p = const_cast<char*>(text.data());  // our arena bytes
      for (std::size_t k = 0; k < text.size(); ++k)
        if (p[k] == '\0') p[k] = ' ';
    } else if (key == "key") {
      // Several rule keys are joined by \x01: each is a value of the list `key`.
      std::size_t b = 0;
      for (std::size_t k = 0; k <= text.size(); ++k) {
        if (k == text.size() || text[k] == '\x01') {
          out_.add(key, Value::string(text.substr(b, k - b)));
          b = k + 1;
        }
      }
      return;
    }
    out_.add(key, Value::string(text));
  }

  FieldStore& out_;
  Parsed& parsed_;
  bool execve_;
};

std::string_view token(std::string_view s) { return s.substr(0, s.find(' ')); }

std::string_view skip_spaces(std::string_view s) {
  std::size_t i = s.find_first_not_of(' ');
  return i == std::string_view::npos ? std::string_view{} : s.substr(i);
}

}  // namespace

bool decode_hex(std::string_view hex, std::string& out) {
  if (!is_hex_text(hex)) return false;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1])));
  return true;
}

bool parse_record(std::string_view line, FieldStore& out, Parsed& parsed, std::string& why) {
  parsed.clear();
  std::string_view s = line;
  if (s.substr(0, 5) == "node=") {
    parsed.node = token(s.substr(5));
    s = skip_spaces(s.substr(5 + parsed.node.size()));
  }
  if (s.substr(0, 5) != "type=") {
    why = "not an audit record (no type=)";
    return false;
  }
  parsed.type = token(s.substr(5));
  if (parsed.type.empty()) {
    why = "empty record type";
    return false;
  }
  s = skip_spaces(s.substr(5 + parsed.type.size()));
  std::string_view time, serial;
  if (s.substr(0, 10) == "msg=audit(") {
    std::size_t close = s.find(')');
    std::string_view stamp = close == std::string_view::npos ? s : s.substr(10, close - 10);
    std::size_t colon = stamp.find(':');
    if (close == std::string_view::npos || colon == std::string_view::npos || colon == 0 ||
        !all_digits(stamp.substr(colon + 1))) {
      why = "malformed msg=audit(TIME:SERIAL) stamp";
      return false;
    }
    parsed.stamp = stamp;
    time = stamp.substr(0, colon), serial = stamp.substr(colon + 1);
    s = s.substr(close + 1);
    if (!s.empty() && s[0] == ':') s.remove_prefix(1);
  } else if (s.substr(0, 4) == "msg=") {
    s = s.substr(4 + token(s.substr(4)).size());  // msg=? and the like: no stamp
  }
  if (!parsed.node.empty()) out.add("host", Value::string(parsed.node));
  out.add("type", Value::string(parsed.type));
  if (!parsed.stamp.empty()) {
    out.add("_time", Value::string(time));
    out.add("serial", Value::string(serial));
  }
  out.add("_raw", Value::string(line));
  out.set_raw(line);
  Body(out, parsed, parsed.type == "EXECVE").parse(s, false);
  return true;
}

}  // namespace sigma::readers::auditd
