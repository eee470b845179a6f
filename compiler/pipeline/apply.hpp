// Applying processing pipelines to rule ASTs, before they are lowered to the IR.
//
//   auto resolved = pipeline::resolve({"windows", "my.yml"}, sources, diags);  // resolve.hpp
//   pipeline::Applier applier(*resolved);
//   for (auto& rule : rules) if (!applier.apply(rule, diags)) rule.refused = true;
//
// Semantics follow pySigma's (docs/pipelines.md lists where and why we differ): items run in
// order; an item's rule conditions gate it, its detection item and field name conditions pick
// the items and fields it changes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/pipeline.hpp"

namespace sigma::pipeline {

// Several pipelines merged into one: items by priority (stable), vars with later ones winning.
struct Resolved {
  std::vector<ProcessingItem> items;
  std::vector<std::pair<std::string, std::vector<std::string>>> vars;
  std::vector<std::string> names;  // the pipelines, in the order they apply
};

Resolved merge(std::vector<Pipeline> pipelines);

class Applier {
 public:
  explicit Applier(const Resolved& pipeline) : p_(pipeline) {}

  // Transforms `rule` in place. Returns false when the pipeline refuses it (rule_failure,
  // detection_item_failure, a value it cannot convert); the reasons are in `diags`, which must
  // be set to the rule's file.
  bool apply(ast::Rule& rule, diag::Sink& diags) const;

 private:
  const Resolved& p_;
};

}  // namespace sigma::pipeline
