// What a RuleSet holds: the IR, the runtime engine built from it, and the public rule metadata.
#pragma once

#include <sigma/sigma.hpp>

#include <memory>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "runtime/eval/engine.hpp"

namespace sigma {

struct RuleSet::Impl {
  std::shared_ptr<const ir::Program> program;
  std::unique_ptr<runtime::Engine> engine;
  std::vector<RuleInfo> infos;
};

}  // namespace sigma
