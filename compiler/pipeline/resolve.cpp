#include "compiler/pipeline/resolve.hpp"

#include <fstream>
#include <sstream>

#include "compiler/pipeline/load.hpp"

namespace sigma::pipeline {

std::optional<Resolved> resolve(const std::vector<std::string>& specs, std::vector<Source>& sources,
                                diag::Sink& diags) {
  std::vector<Pipeline> loaded;
  bool ok = true;
  for (const auto& spec : specs) {
    Source src;
    for (const auto& b : bundled()) {
      if (b.name == spec) {
        src = {std::string(b.file), std::string(b.text)};
        break;
      }
    }
    if (src.file.empty()) {
      std::ifstream in(spec, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        std::string names;
        for (const auto& b : bundled()) names += " " + std::string(b.name);
        diags.set_file(spec);
        diags.error(diag::code::kPipeline, {},
                    "no processing pipeline `" + spec + "`: not a bundled name, nor a readable file",
                    "bundled pipelines:" + names);
        ok = false;
        continue;
      }
      src = {spec, std::move(text).str()};
    }
    auto p = load_pipeline(src.file, src.text, diags);
    sources.push_back(std::move(src));
    if (p) loaded.push_back(std::move(*p));
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return merge(std::move(loaded));
}

}  // namespace sigma::pipeline
