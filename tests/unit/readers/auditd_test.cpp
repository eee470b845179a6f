#include <catch.hpp>

#include "tests/unit/readers/read_all.hpp"

using sigma::readers::Format;
using sigma::test::read_all;

namespace {

const char* kSyscall59 =
    "type=SYSCALL msg=audit(1712345678.901:4242): arch=c000003e syscall=59 success=yes exit=0 "
    "a0=5612aa001000 a1=5612aa002000 a2=5612aa003000 a3=1b6 items=2 ppid=4100 pid=4242 "
    "auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 "
    "tty=pts0 ses=12 comm=\"kubectl\" exe=\"/usr/local/bin/kubectl\" key=\"container_cli\"\n";
const char* kExecve =
    "type=EXECVE msg=audit(1712345678.901:4242): argc=4 a0=\"kubectl\" a1=\"get\" "
    "a2=\"secrets\" a3=2D2D616C6C2D6E616D65737061636573\n";

}  // namespace

TEST_CASE("auditd: record fields, stamp, quoting and hex decoding", "[auditd]") {
  auto r = read_all(Format::Auditd, std::string(kSyscall59) + kExecve +
      "type=CWD msg=audit(1712345678.901:4242): cwd=2F746D702F6120622063\n"
      "type=PATH msg=audit(1712345678.901:4242): item=0 name=\"/bin/dd\" inode=20 nametype=NORMAL\n"
      "type=PROCTITLE msg=audit(1712345678.901:4242): proctitle=64640069663D2F6465762F7A65726F00\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 5);
  const auto& sys = r.events[0];
  CHECK(sys["type"] == "SYSCALL");
  CHECK(sys["_time"] == "1712345678.901");
  CHECK(sys["serial"] == "4242");
  CHECK(sys["a0"] == "5612aa001000");  // SYSCALL arguments are numbers, never decoded
  CHECK(sys["comm"] == "kubectl");
  CHECK(sys["key"] == "container_cli");
  CHECK(sys["host"] == "<absent>");
  CHECK(sys.raw == std::string(kSyscall59).substr(0, std::string(kSyscall59).size() - 1));
  CHECK(sys["_raw"] == sys.raw);
  const auto& exe = r.events[1];
  CHECK(exe["type"] == "EXECVE");
  CHECK(exe["argc"] == "4");
  CHECK(exe["a0"] == "kubectl");
  CHECK(exe["a3"] == "--all-namespaces");  // bare hex argument decoded
  CHECK(r.events[2]["cwd"] == "/tmp/a b c");
  CHECK(r.events[3]["name"] == "/bin/dd");
  CHECK(r.events[4]["proctitle"] == "dd if=/dev/zero");  // NUL -> space, trailing NUL dropped
  for (std::size_t i = 0; i < r.events.size(); ++i) CHECK(r.events[i].record == i + 1);
}

TEST_CASE("auditd: special values stay, keys split, node= gives host", "[auditd]") {
  auto r = read_all(Format::Auditd,
      "node=web-01 type=SYSCALL msg=audit(1.002:7): syscall=59 comm=\"grep\" "
      "key=65786563013634626974 exe=2F62696E2F67726570 tty=(none)\n"
      "node=web-01 type=SYSCALL msg=audit(1.003:8): syscall=2 key=(null) comm=\"x\" "
      "old auid=4294967295 new auid=0\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0]["host"] == "web-01");
  CHECK(r.events[0]["key"] == "exec|64bit");  // \x01-separated rule keys: a list
  CHECK(r.events[0]["exe"] == "/bin/grep");
  CHECK(r.events[0]["tty"] == "(none)");
  CHECK(r.events[1]["key"] == "(null)");
  CHECK(r.events[1]["auid"] == "4294967295");  // first occurrence wins
}

TEST_CASE("auditd: msg='...' payloads of user-space records are fields too", "[auditd]") {
  auto r = read_all(Format::Auditd,
      "type=USER_CMD msg=audit(1712345000.250:88001): user pid=5150 uid=601 auid=1001 "
      "ses=77 msg='cwd=\"/\" cmd=2F7573722F62696E2F6964202D75 terminal=? res=success'\n"
      "type=DAEMON_CONFIG msg=audit(1712345100.000:12) config changed, auid=0 pid=733 "
      "res=success\n"
      "type=UNKNOWN[1329] msg=?\n"
      "type=AVC msg=audit(1712345200.500:19): avc:  denied  { read } for  pid=2718 "
      "comm=\"cleanup\" name=\"spool\" tclass=dir\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 4);
  CHECK(r.events[0]["cmd"] == "/usr/bin/id -u");
  CHECK(r.events[0]["cwd"] == "/");
  CHECK(r.events[0]["res"] == "success");
  CHECK(r.events[0]["msg"].find("terminal=?") != std::string::npos);
  CHECK(r.events[1]["auid"] == "0");
  CHECK(r.events[1]["_time"] == "1712345100.000");
  CHECK(r.events[2]["type"] == "UNKNOWN[1329]");
  CHECK(r.events[2]["_time"] == "<absent>");
  CHECK(r.events[3]["comm"] == "cleanup");
  CHECK(r.events[3]["tclass"] == "dir");
}

TEST_CASE("auditd: EXECVE is enriched from its SYSCALL, before or after", "[auditd]") {
  SECTION("SYSCALL first") {
    auto r = read_all(Format::Auditd, std::string(kSyscall59) + kExecve);
    REQUIRE(r.events.size() == 2);
    const auto& e = r.events[1];
    CHECK(e["type"] == "EXECVE");
    CHECK(e["auid"] == "1000");
    CHECK(e["pid"] == "4242");
    CHECK(e["ppid"] == "4100");
    CHECK(e["exe"] == "/usr/local/bin/kubectl");
    CHECK(e["comm"] == "kubectl");
    CHECK(e["key"] == "container_cli");
    CHECK(e["success"] == "yes");
    CHECK(e["syscall"] == "59");
    CHECK(e["a0"] == "kubectl");  // its own a0, not the SYSCALL's register value
    CHECK(e.raw == std::string(kExecve).substr(0, std::string(kExecve).size() - 1));
  }
  SECTION("SYSCALL after, output still in input order") {
    auto r = read_all(Format::Auditd, std::string(kExecve) +
        "type=CWD msg=audit(1712345678.901:4242): cwd=\"/root\"\n" + kSyscall59);
    REQUIRE(r.events.size() == 3);
    CHECK(r.events[0]["type"] == "EXECVE");
    CHECK(r.events[0].record == 1);
    CHECK(r.events[0]["auid"] == "1000");
    CHECK(r.events[0]["exe"] == "/usr/local/bin/kubectl");
    CHECK(r.events[1]["type"] == "CWD");
    CHECK(r.events[1].record == 2);
    CHECK(r.events[2]["type"] == "SYSCALL");
    CHECK(r.events[2].record == 3);
  }
}

TEST_CASE("auditd: interleaved events are matched by serial (and node)", "[auditd]") {
  auto r = read_all(Format::Auditd,
      "type=SYSCALL msg=audit(10.000:1): syscall=59 pid=100 auid=1 exe=\"/bin/a\"\n"
      "type=SYSCALL msg=audit(10.000:2): syscall=59 pid=200 auid=2 exe=\"/bin/b\"\n"
      "type=EXECVE msg=audit(10.000:3): argc=1 a0=\"c\"\n"
      "type=EXECVE msg=audit(10.000:2): argc=1 a0=\"b\"\n"
      "type=EXECVE msg=audit(10.000:1): argc=1 a0=\"a\"\n"
      "node=other type=EXECVE msg=audit(10.000:2): argc=1 a0=\"x\"\n"
      "type=SYSCALL msg=audit(10.000:3): syscall=59 pid=300 auid=3 exe=\"/bin/c\"\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 7);
  auto at = [&](std::size_t i, const char* f) { return r.events[i][f]; };
  CHECK(at(2, "a0") == "c");
  CHECK(at(2, "pid") == "300");  // its SYSCALL came later
  CHECK(at(3, "pid") == "200");
  CHECK(at(4, "pid") == "100");
  CHECK(at(5, "pid") == "<absent>");  // same serial on another node: not the same event
  CHECK(at(5, "host") == "other");
  for (std::size_t i = 0; i < 7; ++i) CHECK(r.events[i].record == i + 1);
}

TEST_CASE("auditd: an EXECVE without SYSCALL is released by EOE, window or end", "[auditd]") {
  std::string text = "type=EXECVE msg=audit(5.000:9): argc=1 a0=\"lonely\"\n"
                     "type=EOE msg=audit(5.000:9): \n";
  for (int i = 0; i < 40; ++i)
    text += "type=PATH msg=audit(6.000:" + std::to_string(100 + i) + "): item=0 name=\"/x\"\n";
  text += "type=EXECVE msg=audit(7.000:500): argc=1 a0=\"late\"\n";
  for (int i = 0; i < 40; ++i)
    text += "type=PATH msg=audit(8.000:" + std::to_string(600 + i) + "): item=0 name=\"/y\"\n";
  text += "type=SYSCALL msg=audit(7.000:500): syscall=59 pid=5\n";  // too late: window passed
  text += "type=EXECVE msg=audit(9.000:900): argc=1 a0=\"end\"\n";
  auto r = read_all(Format::Auditd, text);
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 85);
  CHECK(r.events[0]["a0"] == "lonely");
  CHECK(r.events[1]["type"] == "EOE");
  CHECK(r.events[42]["a0"] == "late");
  CHECK(r.events[42]["pid"] == "<absent>");
  CHECK(r.events[84]["a0"] == "end");
  for (std::size_t i = 0; i < r.events.size(); ++i) CHECK(r.events[i].record == i + 1);
}

TEST_CASE("auditd: aN_len / aN[i] pieces are joined, also across records", "[auditd]") {
  // "hello world" in hex pieces, the second record a continuation (no argc=).
  auto r = read_all(Format::Auditd,
      "type=SYSCALL msg=audit(3.000:77): syscall=59 pid=9 auid=0\n"
      "type=EXECVE msg=audit(3.000:77): argc=3 a0=\"sh\" a1_len=11 a1[0]=68656C6C6F\n"
      "type=EXECVE msg=audit(3.000:77): a1[1]=20776F726C64 a2=\"-x\"\n"
      "type=EXECVE msg=audit(3.000:78): argc=2 a0=\"echo\" a1_len=6 a1[0]=\"abc\" a1[1]=\"def\"\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 4);
  CHECK(r.events[1]["a0"] == "sh");
  CHECK(r.events[1]["a1"] == "hello world");
  CHECK(r.events[1]["a1_len"] == "11");
  CHECK(r.events[1]["pid"] == "9");
  CHECK(r.events[2]["a2"] == "-x");  // the continuation record is still its own event
  CHECK(r.events[3]["a1"] == "abcdef");  // quoted pieces are taken as they are
}

TEST_CASE("auditd: lines that are not audit records are reported, others go on", "[auditd]") {
  auto r = read_all(Format::Auditd,
      "type=EOE msg=audit(1.0:1): \n"
      "this is not an audit record\n"
      "\n"
      "type=CWD msg=audit(1.0:2 cwd=\"/\"\n"
      "type=CWD msg=audit(1.0:3): cwd=\"/\"\n");
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[1].record == 5);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].record == 2);
  CHECK(r.errors[0].message.find("not an audit record") != std::string::npos);
  CHECK(r.errors[1].record == 4);
  CHECK(r.errors[1].message.find("stamp") != std::string::npos);
}

TEST_CASE("auditd: the reader promises the raw-text gate only records of raw runs alone",
          "[auditd]") {
  // values_within_raw() answers by the promise alone in a release build, so it is checked here
  // against the strings' bytes on every record: plain ones (promised), and ones with hex
  // decoded, SYSCALL fields copied, or arguments joined (not promised).
  const std::string text = std::string(kSyscall59) + kExecve +
      "type=CWD msg=audit(1712345678.901:4242): cwd=\"/root\"\n"
      "type=PROCTITLE msg=audit(1712345678.901:4242): proctitle=64640069663D2F6465762F7A65726F00\n"
      "type=EXECVE msg=audit(1712345679.000:4243): argc=2 a0_len=5 a0[0]=6C73 a0[1]=2D6C "
      "a0[2]=61 a1=\"/\"\n"
      "type=USER_LOGIN msg=audit(1712345680.000:4244): pid=1 uid=0 msg='op=login acct=\"root\"'\n";
  std::vector<bool> within;
  sigma::test::for_each_store(Format::Auditd, text, [&](const sigma::event::FieldStore& store) {
    const bool runs = sigma::test::values_outside_raw(store).empty();
    INFO(store.raw());
    CHECK(store.values_within_raw() == runs);
    within.push_back(runs);
  });
  // SYSCALL, CWD and USER_LOGIN are runs of their lines; the rest decode or copy.
  CHECK(within == std::vector<bool>{true, false, true, false, false, true});
}
