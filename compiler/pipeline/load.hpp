// Pipeline YAML -> Pipeline, every problem reported with its file:line:column.
#pragma once

#include <optional>
#include <string_view>

#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/pipeline.hpp"

namespace sigma::pipeline {

// Loads one pipeline file (`file` names it in diagnostics). Unknown keys and transformation
// types, bad parameters and transformations an evaluating engine cannot honour are errors;
// nullopt when there was any.
std::optional<Pipeline> load_pipeline(std::string_view file, std::string_view text,
                                      diag::Sink& diags);

}  // namespace sigma::pipeline
