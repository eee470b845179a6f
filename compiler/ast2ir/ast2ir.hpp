// Rule AST -> IR.
//
// This file's external interface is Lowering: rules are added one by one (each compiled on its
// own, with all of its problems reported), then finish() applies filter rules to the rules they
// name, resolves correlation references and returns the Program.
#pragma once

#include <memory>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/modifiers/item2ir.hpp"

namespace sigma::ast2ir {

class Lowering {
 public:
  explicit Lowering(const modifiers::PlaceholderResolver* placeholders = nullptr);

  // Compiles one rule into the program. Returns false (and reports why) when it is refused.
  bool add(const ast::Rule& rule, diag::Sink& diags);

  // Applies filters, checks correlation references; reports to `diags`.
  std::shared_ptr<ir::Program> finish(diag::Sink& diags);

  std::size_t rule_count() const { return program_->rules.size(); }

 private:
  struct PendingFilter {
    ast::Rule rule;
    ir::Node condition;
  };
  std::shared_ptr<ir::Program> program_;
  const modifiers::PlaceholderResolver* placeholders_;
  std::vector<PendingFilter> filters_;
  std::vector<ast::Rule> correlations_;
};

}  // namespace sigma::ast2ir
