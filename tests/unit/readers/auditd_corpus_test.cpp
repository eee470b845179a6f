// The real captures in shared/corpus/auditd (several distros and kernels) must read without
// one malformed record. The corpus is not part of the repository: skipped when absent.
#include <catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/readers/read_all.hpp"

namespace fs = std::filesystem;
using sigma::readers::Format;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The aucoalesce tests embed raw records in YAML block scalars: keep those lines.
std::string records_in_yaml(const std::string& yaml) {
  std::istringstream in(yaml);
  std::string line, out;
  while (std::getline(in, line)) {
    std::size_t b = line.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    std::string_view rest = std::string_view(line).substr(b);
    if (rest.substr(0, 5) == "type=" || rest.substr(0, 5) == "node=") out += std::string(rest) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("auditd corpus: every capture reads with zero malformed records", "[auditd][corpus]") {
  fs::path root = fs::path(SIGMA_SHARED_DIR) / "corpus" / "auditd";
  if (!fs::is_directory(root)) {
    WARN("skipped: " << root << " not found (the shared corpus is not in the repository)");
    return;
  }
  std::size_t files = 0, events = 0, execve = 0, enriched = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& p = entry.path();
    std::string text;
    if (p.extension() == ".log") {
      text = slurp(p);
    } else if (p.extension() == ".yaml") {
      text = records_in_yaml(slurp(p));
    } else {
      continue;
    }
    ++files;
    auto r = sigma::test::read_all(Format::Auditd, text);
    INFO(p);
    for (const auto& e : r.errors) UNSCOPED_INFO(e.record << ": " << e.message);
    CHECK(r.errors.empty());
    events += r.events.size();
    for (const auto& e : r.events) {
      CHECK(e["type"] != "<absent>");
      if (e["type"] == "EXECVE") {
        ++execve;
        if (e["auid"] != "<absent>") ++enriched;
      }
    }
  }
  CHECK(files >= 20);
  CHECK(events > 200);
  CHECK(execve > 5);
  CHECK(enriched > 3);
}

TEST_CASE("auditd corpus: decoded values match elastic's parser", "[auditd][corpus]") {
  fs::path dir = fs::path(SIGMA_SHARED_DIR) / "corpus" / "auditd" / "elastic-go-libaudit";
  if (!fs::is_directory(dir)) {
    WARN("skipped: " << dir << " not found");
    return;
  }
  auto r = sigma::test::read_all(Format::Auditd, slurp(dir / "auparse/testdata/audit-rhel7.log"));
  REQUIRE(r.errors.empty());
  bool jq = false, tty = false, cwd = false;
  for (const auto& e : r.events) {
    if (e["a0"] == "jq") jq = e["a2"].substr(0, 2) == "{\n";  // hex JSON argument
    if (e["type"] == "USER_TTY" && e["data"] == "su - andrew_kroh") tty = true;
    if (e["cwd"] == "/tmp/a b c") cwd = true;
  }
  CHECK(jq);
  CHECK(tty);
  CHECK(cwd);
  auto ubuntu = sigma::test::read_all(Format::Auditd, slurp(dir / "auparse/testdata/audit-ubuntu16.log"));
  REQUIRE(ubuntu.events.size() >= 1);
  CHECK(ubuntu.events[0]["acct"] == "(invalid user)");
}
