// No input may crash a reader: binary garbage, invalid UTF-8, NULs, huge lines, deep JSON.
// Each case only has to end, with every event and error accounted for.
#include <catch.hpp>

#include <random>

#include "tests/unit/readers/read_all.hpp"

using sigma::readers::Format;
using sigma::test::read_all;

namespace {

constexpr Format kAll[] = {Format::Jsonl, Format::Auditd, Format::Syslog, Format::EvtxJson};

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

std::string deep_json(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += R"({"a":[)";
  for (int i = 0; i < depth; ++i) s += "]}";
  return s;
}

}  // namespace

TEST_CASE("hostile: random binary input", "[hostile]") {
  for (Format f : kAll) {
    for (unsigned seed = 1; seed <= 20; ++seed) {
      auto r = read_all(f, random_bytes(4096 + seed * 97, seed));
      CHECK(r.events.size() + r.errors.size() > 0);
    }
  }
}

TEST_CASE("hostile: invalid UTF-8 and NULs inside otherwise good records", "[hostile]") {
  std::string bad = "\xC3\x28\xFF\xFE\x00\x80";
  bad.push_back('\0');
  auto jl = read_all(Format::Jsonl, "{\"a\":\"" + bad + "\"}\n{\"a\":\"ok\"}\n", {"a"});
  CHECK(jl.events.size() == 1);  // JSON must be UTF-8: reported
  CHECK(jl.errors.size() == 1);
  auto au = read_all(Format::Auditd, "type=EXECVE msg=audit(1.0:1): argc=1 a0=\"" + bad +
                                         "\" a1=C328FF00\n");
  REQUIRE(au.events.size() == 1);  // auditd passes bytes through
  CHECK(au.events[0]["a1"] == std::string("\xC3\x28\xFF\0", 4));
  auto sl = read_all(Format::Syslog, "Oct 11 22:14:15 host prog: " + bad + "\n");
  REQUIRE(sl.events.size() == 1);
  CHECK(sl.events[0]["message"] == bad);
  auto ev = read_all(Format::EvtxJson, "{\"Event\":{\"EventData\":{\"X\":\"" + bad + "\"}}}");
  CHECK(ev.errors.size() == 1);
}

TEST_CASE("hostile: 1 MB lines and a line over the limit", "[hostile]") {
  std::string mb(1 << 20, 'A');
  auto au = read_all(Format::Auditd, "type=EXECVE msg=audit(1.0:1): argc=1 a0=\"" + mb + "\"\n");
  REQUIRE(au.events.size() == 1);
  CHECK(au.events[0]["a0"].size() == mb.size());
  auto sl = read_all(Format::Syslog, "Oct 11 22:14:15 host prog: " + mb + "\n");
  REQUIRE(sl.events.size() == 1);
  auto huge_token = read_all(Format::Syslog, mb + "\n");  // one unbroken token
  CHECK(huge_token.errors.size() == 1);
  sigma::readers::ReaderOptions small;
  small.max_record_bytes = 4096;
  for (Format f : kAll) {
    auto r = read_all(f, mb + "\n", {}, small);
    CHECK(r.events.empty());
    CHECK(r.errors.size() == 1);
  }
}

TEST_CASE("hostile: 10k-deep JSON is reported, not recursed into", "[hostile]") {
  std::string deep = deep_json(10000);
  auto jl = read_all(Format::Jsonl, deep + "\n{\"ok\":1}\n", {"ok"});
  CHECK(jl.errors.size() == 1);
  REQUIRE(jl.events.size() == 1);
  CHECK(jl.events[0]["ok"] == "int:1");
  auto ev = read_all(Format::EvtxJson, deep + "\n{\"Event\":{\"System\":{\"EventID\":1}}}");
  CHECK(ev.errors.size() == 1);
  CHECK(ev.events.size() == 1);
  // Unbalanced: ten thousand opens and nothing else.
  auto open = read_all(Format::EvtxJson, std::string(10000, '{'));
  CHECK(open.errors.size() == 1);
  auto closers = read_all(Format::EvtxJson, std::string(10000, '}') + "\n{\"a\":1}");
  CHECK(closers.events.size() == 1);
}

TEST_CASE("hostile: truncated records", "[hostile]") {
  CHECK(read_all(Format::Auditd, "type=").errors.size() == 1);
  CHECK(read_all(Format::Auditd, "type=X msg=audit(").errors.size() == 1);
  CHECK(read_all(Format::Auditd, "type=X msg=audit(1.0:1): a=\"unterminated").events.size() == 1);
  CHECK(read_all(Format::Auditd, "node=").errors.size() == 1);
  CHECK(read_all(Format::Syslog, "<").errors.size() == 1);
  CHECK(read_all(Format::Syslog, "<1>1 ").errors.size() == 1);
  CHECK(read_all(Format::Syslog, "Oct 1").errors.size() == 1);
  CHECK(read_all(Format::Jsonl, "{\"a\":").errors.size() == 1);
  CHECK(read_all(Format::EvtxJson, "{\"a\":\"\\").errors.size() == 1);
  for (Format f : kAll) CHECK(read_all(f, "").events.empty());
}
