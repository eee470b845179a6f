// Every detection item of the SigmaHQ corpus (../shared/corpus/sigmahq/rules*) goes through
// item_to_ir without an error. The YAML is read here with yaml-cpp directly, in a simplified
// way (no positions, no rule collections), since yaml2ast is another module's job; the point
// is the real modifier chains and values: regexes for RE2, CIDR networks, windash values.
#include <yaml-cpp/yaml.h>

#include <catch.hpp>
#include <filesystem>
#include <regex>

#include "dump.hpp"

namespace sigma::modifiers::test {
namespace {

namespace fs = std::filesystem;

ast::Value scalar_value(const YAML::Node& n) {
  if (n.IsNull()) return N();
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") return S(s);  // quoted: always a string
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (s == "null" || s == "Null" || s == "NULL" || s == "~" || s.empty()) return N();
  if (s == "true" || s == "True" || s == "TRUE") return B(true);
  if (s == "false" || s == "False" || s == "FALSE") return B(false);
  if (std::regex_match(s, kInt)) {
    try {
      ast::Value v = I(std::stoll(s));
      v.text = s;
      return v;
    } catch (const std::exception&) {
      return S(s);
    }
  }
  if (std::regex_match(s, kFloat)) return F(std::stod(s), s);
  return S(s);
}

std::vector<ast::Value> values_of(const YAML::Node& n) {
  std::vector<ast::Value> out;
  if (n.IsSequence()) {
    for (const auto& e : n)
      if (e.IsScalar() || e.IsNull()) out.push_back(scalar_value(e));
  } else if (n.IsScalar() || n.IsNull()) {
    out.push_back(scalar_value(n));
  }
  return out;
}

void items_of_map(const YAML::Node& map, std::vector<ast::DetectionItem>& out) {
  for (const auto& kv : map) {
    auto key = kv.first.as<std::string>();
    auto values = values_of(kv.second);
    out.push_back(kv.second.IsSequence() ? list_item(std::move(key), std::move(values))
                                         : item(std::move(key), std::move(values)));
  }
}

// The detection items of one rule document, as yaml2ast would give them.
std::vector<ast::DetectionItem> detection_items(const YAML::Node& doc) {
  std::vector<ast::DetectionItem> out;
  const YAML::Node detection = doc["detection"];
  if (!detection || !detection.IsMap()) return out;
  for (const auto& sel : detection) {
    const auto name = sel.first.as<std::string>();
    if (name == "condition" || name == "timeframe") continue;
    const YAML::Node& body = sel.second;
    if (body.IsMap()) {
      items_of_map(body, out);
    } else if (body.IsSequence() && body.size() > 0 && body[0].IsMap()) {
      for (const auto& alt : body)
        if (alt.IsMap()) items_of_map(alt, out);
    } else if (body.IsSequence() || body.IsScalar()) {
      out.push_back(list_item("", values_of(body)));  // keywords
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every detection item of the SigmaHQ corpus compiles", "[corpus]") {
  const fs::path root = fs::path(SIGMA_SHARED_DIR) / "corpus" / "sigmahq";
  if (!fs::is_directory(root)) {
    WARN("no corpus at " << root.string() << "; skipped");
    return;
  }
  std::size_t files = 0, items = 0;
  std::vector<std::string> failures;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory() || dir.path().filename().string().rfind("rules", 0) != 0) continue;
    for (const auto& f : fs::recursive_directory_iterator(dir.path())) {
      if (!f.is_regular_file() || f.path().extension() != ".yml") continue;
      ++files;
      std::vector<YAML::Node> docs;
      try {
        docs = YAML::LoadAllFromFile(f.path().string());
      } catch (const YAML::Exception& e) {
        failures.push_back(f.path().string() + ": YAML: " + e.what());
        continue;
      }
      for (const auto& doc : docs) {
        for (const auto& it : detection_items(doc)) {
          ++items;
          const auto out = compile(it);
          if (out.ir != "refused") continue;
          std::string key = it.field;
          for (const auto& m : it.modifiers) key += "|" + m.value;
          failures.push_back(f.path().string() + ": " + key + ": " + out.first_diag());
        }
      }
    }
  }
  INFO(files << " files, " << items << " items");
  for (std::size_t i = 0; i < failures.size() && i < 30; ++i) UNSCOPED_INFO(failures[i]);
  CHECK(files > 1000);
  CHECK(failures.empty());
}

}  // namespace sigma::modifiers::test
