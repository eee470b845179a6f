#include "compiler/pipeline/resolve.hpp"

#include <string>

#include "compiler/pipeline/load.hpp"
#include "runtime/text/file_text.hpp"

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
      std::string text;
      if (!sigma::text::read_file(spec, text)) {
        std::string names;
        for (const auto& b : bundled()) names += " " + std::string(b.name);
        diags.set_file(spec);
        diags.error(diag::code::kPipeline, {},
                    "no processing pipeline `" + spec + "`: not a bundled name, nor a readable file",
                    "bundled pipelines:" + names);
        ok = false;
        continue;
      }
      src = {spec, std::move(text)};
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
