// Finding the pipelines a user names: a bundled pipeline by name ("windows"), or a YAML file.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/apply.hpp"

namespace sigma::pipeline {

// A pipeline shipped with the library (sigma-rules/pipelines/*.yml, compiled in).
struct Bundled {
  std::string_view name;  // the file name without .yml
  std::string_view file;  // sigma-rules/pipelines/<name>.yml, for diagnostics
  std::string_view text;
};
std::span<const Bundled> bundled();

// One pipeline's source, kept so diagnostics can show its lines.
struct Source {
  std::string file, text;
};

// Loads each spec (a bundled name first, else a file path) and merges them by priority.
// nullopt when any cannot be read or has errors (all reported to `diags`); `sources` receives
// the text of every pipeline read.
std::optional<Resolved> resolve(const std::vector<std::string>& specs, std::vector<Source>& sources,
                                diag::Sink& diags);

}  // namespace sigma::pipeline
