// What a RuleSet holds: the IR, the runtime engine built from it, and the public rule metadata.
#pragma once

#include <sigma/sigma.hpp>

#include <memory>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine.hpp"
#include "runtime/index/rule_index.hpp"

namespace sigma {

struct RuleSet::Impl {
  void set_engine(std::shared_ptr<const ir::Program> p) {
    program = std::move(p);
    engine = std::make_unique<runtime::Engine>(program);
    routes = std::make_unique<runtime::RouteTable>(*engine);
  }

  std::shared_ptr<const ir::Program> program;
  std::unique_ptr<runtime::Engine> engine;
  // Per event source: the rules that fit it and their prefilter, built on first use and
  // shared by every Evaluator of this RuleSet (RouteTable locks).
  std::unique_ptr<runtime::RouteTable> routes;
  std::vector<RuleInfo> infos;
};

}  // namespace sigma
