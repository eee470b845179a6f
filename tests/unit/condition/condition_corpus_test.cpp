// Every condition in the SigmaHQ rule corpus parses; every Sigma 1 aggregation in its
// deprecated/unsupported folders is refused with S0204. Skipped when the corpus is absent.
#include <yaml-cpp/yaml.h>

#include <catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/condition/condition_parser.hpp"

namespace fs = std::filesystem;

namespace {

struct Condition {
  std::string file;
  std::string text;
};

// The `detection.condition` scalars (or list items) of every document in every .yml below `dir`.
std::vector<Condition> collect_conditions(const fs::path& dir, std::size_t& unreadable) {
  std::vector<Condition> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yml") continue;
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAllFromFile(entry.path().string());
    } catch (const YAML::Exception&) {
      ++unreadable;  // the YAML loader's business, not the condition parser's
      continue;
    }
    for (const auto& doc : docs) {
      if (!doc.IsMap() || !doc["detection"] || !doc["detection"].IsMap()) continue;
      const YAML::Node cond = doc["detection"]["condition"];
      if (!cond) continue;
      if (cond.IsScalar()) out.push_back({entry.path().string(), cond.as<std::string>()});
      if (cond.IsSequence())
        for (const auto& item : cond)
          if (item.IsScalar()) out.push_back({entry.path().string(), item.as<std::string>()});
    }
  }
  return out;
}

fs::path corpus_root() { return fs::path(SIGMA_SHARED_DIR) / "corpus" / "sigmahq"; }

}  // namespace

TEST_CASE("every SigmaHQ rule condition parses", "[condition][corpus]") {
  const fs::path root = corpus_root();
  if (!fs::is_directory(root)) {
    WARN("SigmaHQ corpus not found at " << root.string() << "; corpus test skipped");
    return;
  }
  std::size_t unreadable = 0, total = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory() || dir.path().filename().string().rfind("rules", 0) != 0) continue;
    for (const auto& c : collect_conditions(dir.path(), unreadable)) {
      ++total;
      const auto r = sigma::cond::parse_condition(c.text);
      INFO(c.file << ": condition: " << c.text);
      if (!r.ok) FAIL_CHECK(r.errors[0].message << " at offset " << r.errors[0].offset);
    }
  }
  WARN("parsed " << total << " SigmaHQ conditions (" << unreadable << " unreadable YAML files)");
  CHECK(total > 1000);
}

TEST_CASE("SigmaHQ's Sigma 1 aggregations are refused with S0204", "[condition][corpus]") {
  const fs::path root = corpus_root();
  if (!fs::is_directory(root / "deprecated")) {
    WARN("SigmaHQ deprecated rules not found under " << root.string() << "; test skipped");
    return;
  }
  std::size_t unreadable = 0, aggregations = 0;
  for (const char* sub : {"deprecated", "unsupported"}) {
    if (!fs::is_directory(root / sub)) continue;
    for (const auto& c : collect_conditions(root / sub, unreadable)) {
      const auto r = sigma::cond::parse_condition(c.text);
      INFO(c.file << ": condition: " << c.text);
      if (c.text.find('|') == std::string::npos) {
        // unsupported/ also holds free-form pseudo-conditions ("write X from ... -> alert"),
        // which must merely be refused cleanly.
        if (std::string(sub) == "deprecated") CHECK(r.ok);
        if (!r.ok) CHECK_FALSE(r.errors.empty());
        continue;
      }
      ++aggregations;
      REQUIRE_FALSE(r.ok);
      CHECK(std::string(r.errors.back().code) == "S0204");
    }
  }
  CHECK(aggregations > 0);
}
