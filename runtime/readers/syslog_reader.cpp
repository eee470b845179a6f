// The syslog reader: one event per line of RFC 3164 or RFC 5424 syslog.
//
//   RFC 3164   [<PRI>]TIMESTAMP HOST TAG[PID]: MESSAGE
//              TIMESTAMP is "Mmm dd hh:mm:ss" (day space-padded), or an RFC 3339 stamp as
//              rsyslog writes by default today; HOST may be missing when TAG ends with ':'.
//   RFC 5424   <PRI>VERSION TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]
//              ("-" is the nil value: that field is left out).
//
// Fields: _time (as written), host, program, pid, message, _raw, and when present facility
// and severity (integers from PRI), msgid and structured_data (5424). A line that matches
// neither form is reported. All values are views into the line.
#include <array>
#include <cstdint>

#include "runtime/event/field_store.hpp"
#include "runtime/readers/factories.hpp"
#include "runtime/readers/line_reader.hpp"

namespace sigma::readers::detail {
namespace {

using sigma::Value;
using sigma::event::FieldStore;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the line; every helper leaves it unchanged when it fails.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek(std::size_t k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }
  std::string_view rest() const { return s.substr(std::min(i, s.size())); }
  // A run of non-space bytes.
  std::string_view token() {
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    return s.substr(b, i - b);
  }
  bool space() {
    if (peek() != ' ') return false;
    ++i;
    return true;
  }
  void spaces() {
    while (peek() == ' ') ++i;
  }
};

// <PRI>: 1-3 digits, at most 191. Returns -1 when absent, -2 when malformed.
int parse_pri(Cursor& c) {
  if (c.peek() != '<') return -1;
  std::size_t k = 1;
  int pri = 0;
  while (k <= 3 && is_digit(c.peek(k))) pri = pri * 10 + (c.peek(k) - '0'), ++k;
  if (k == 1 || c.peek(k) != '>' || pri > 191) return -2;
  c.i += k + 1;
  return pri;
}

bool month_name(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view k : kMonths)
    if (m == k) return true;
  return false;
}

// "Mmm dd hh:mm:ss" with the day as " d" or "dd" (or "d" from sloppy senders).
bool bsd_stamp(Cursor& c, std::string_view& stamp) {
  Cursor t = c;
  if (!month_name(t.s.substr(t.i, 3)) || t.peek(3) != ' ') return false;
  t.i += 4;
  if (t.peek() == ' ') ++t.i;  // space-padded day
  if (!is_digit(t.peek())) return false;
  ++t.i;
  if (is_digit(t.peek())) ++t.i;
  if (!t.space()) return false;
  // hh:mm:ss, optionally with fractions
  for (int part = 0; part < 3; ++part) {
    if (!is_digit(t.peek()) || !is_digit(t.peek(1))) return false;
    t.i += 2;
    if (part < 2 && t.peek() != ':') return false;
    if (part < 2) ++t.i;
  }
  if (t.peek() == '.')
    for (++t.i; is_digit(t.peek());) ++t.i;
  stamp = c.s.substr(c.i, t.i - c.i);
  c = t;
  return true;
}

// RFC 3339: YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm); checked for shape, not calendar.
bool iso_stamp(Cursor& c, std::string_view& stamp) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  Cursor t = c;
  for (char k : kShape) {
    char ch = t.peek();
    if (k == 'd' ? !is_digit(ch) : (ch != k && !(k == 'T' && (ch == 't' || ch == ' '))))
      return false;
    ++t.i;
  }
  if (t.peek() == '.')
    for (++t.i; is_digit(t.peek());) ++t.i;
  if (t.peek() == 'Z' || t.peek() == 'z') {
    ++t.i;
  } else if (t.peek() == '+' || t.peek() == '-') {
    if (!is_digit(t.peek(1)) || !is_digit(t.peek(2)) || t.peek(3) != ':' ||
        !is_digit(t.peek(4)) || !is_digit(t.peek(5)))
      return false;
    t.i += 6;
  }
  if (!t.done() && t.peek() != ' ') return false;
  stamp = c.s.substr(c.i, t.i - c.i);
  c = t;
  return true;
}

void add(FieldStore& out, std::string_view name, std::string_view v) {
  out.add(name, Value::string(v));
}

// TAG[PID]: or TAG: at the cursor. On success sets program/pid and moves past ": ".
bool tag(Cursor& c, std::string_view& program, std::string_view& pid) {
  Cursor t = c;
  std::size_t b = t.i;
  while (!t.done() && t.peek() != '[' && t.peek() != ':' && t.peek() != ' ') ++t.i;
  if (t.i == b) return false;
  std::string_view prog = t.s.substr(b, t.i - b), id;
  if (t.peek() == '[') {
    std::size_t pb = ++t.i;
    while (!t.done() && t.peek() != ']' && t.peek() != ' ') ++t.i;
    if (t.peek() != ']') return false;
    id = t.s.substr(pb, t.i - pb);
    ++t.i;
  }
  if (t.peek() != ':') return false;
  ++t.i;
  t.space();
  program = prog, pid = id, c = t;
  return true;
}

bool parse_5424(Cursor c, FieldStore& out) {
  // VERSION SP
  std::size_t k = 0;
  while (k < 3 && is_digit(c.peek(k))) ++k;
  if (k == 0 || c.peek() == '0' || c.peek(k) != ' ') return false;
  c.i += k + 1;
  std::string_view stamp = c.token(), host, app, procid, msgid;
  if (!c.space()) return false;
  host = c.token();
  if (!c.space()) return false;
  app = c.token();
  if (!c.space()) return false;
  procid = c.token();
  if (!c.space()) return false;
  msgid = c.token();
  if (!c.space() || stamp.empty() || host.empty() || app.empty() || procid.empty() ||
      msgid.empty())
    return false;
  // STRUCTURED-DATA: "-" or one or more [...] elements; quotes may hold escaped ] and ".
  std::string_view sd;
  if (c.peek() == '-') {
    ++c.i;
  } else if (c.peek() == '[') {
    std::size_t b = c.i;
    while (c.peek() == '[') {
      bool quoted = false;
      for (++c.i;; ++c.i) {
        if (c.done()) return false;
        char ch = c.peek();
        if (quoted && ch == '\\') {
          ++c.i;
        } else if (ch == '"') {
          quoted = !quoted;
        } else if (ch == ']' && !quoted) {
          ++c.i;
          break;
        }
      }
    }
    sd = c.s.substr(b, c.i - b);
  } else {
    return false;
  }
  if (!c.done() && !c.space()) return false;
  std::string_view msg = c.rest();
  if (msg.substr(0, 3) == "\xEF\xBB\xBF") msg.remove_prefix(3);  // the BOM 5424 allows
  auto opt = [&](std::string_view name, std::string_view v) {
    if (v != "-") add(out, name, v);
  };
  opt("_time", stamp);
  opt("host", host);
  opt("program", app);
  opt("pid", procid);
  opt("msgid", msgid);
  if (!sd.empty()) add(out, "structured_data", sd);
  add(out, "message", msg);
  return true;
}

bool parse_3164(Cursor c, FieldStore& out) {
  std::string_view stamp, host, program, pid;
  if (!bsd_stamp(c, stamp) && !iso_stamp(c, stamp)) return false;
  c.spaces();
  // Usually HOST comes first; a sender that omits it goes straight to "tag:".
  if (!tag(c, program, pid)) {
    host = c.token();
    c.spaces();
    if (!tag(c, program, pid)) program = {}, pid = {};  // no tag: all the rest is message
  }
  add(out, "_time", stamp);
  if (!host.empty()) add(out, "host", host);
  if (!program.empty()) add(out, "program", program);
  if (!pid.empty()) add(out, "pid", pid);
  add(out, "message", c.rest());
  return true;
}

class SyslogReader final : public Reader {
 public:
  SyslogReader(std::istream& in, std::string name, ErrorHandler err, const ReaderOptions& o)
      : Reader(std::move(name), std::move(err)), lines_(in, o.max_record_bytes, o.lines_before) {}

  const sigma::Event* next() override {
    std::string_view line;
    for (;;) {
      const auto too_long = [&](std::uint64_t n) { report(n, "line too long: skipped"); };
      if (!lines_.next_record(line, too_long)) return nullptr;
      if (parse(line)) {
        record_ = lines_.line_number();
        return &store_;
      }
      report(lines_.line_number(), "not an RFC 3164 or RFC 5424 syslog line: " + excerpt(line));
    }
  }

  std::uint64_t record() const override { return record_; }

 private:
  bool parse(std::string_view line) {
    store_.clear();
    Cursor c{line};
    int pri = parse_pri(c);
    if (pri == -2) return false;
    if (!(pri >= 0 && parse_5424(c, store_)) && !parse_3164(c, store_)) return false;
    if (pri >= 0) {
      store_.add("facility", Value::from_int(pri / 8));
      store_.add("severity", Value::from_int(pri % 8));
    }
    store_.add("_raw", Value::string(line));
    store_.set_raw(line);
    store_.promise_values_within_raw();  // every value above is a run of the line
    return true;
  }

  LineReader lines_;
  FieldStore store_;
  std::uint64_t record_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_syslog_reader(std::istream& in, std::string name, ErrorHandler err,
                                           const ReaderOptions& options) {
  return std::make_unique<SyslogReader>(in, std::move(name), std::move(err), options);
}

}  // namespace sigma::readers::detail
