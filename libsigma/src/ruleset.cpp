#include <sigma/sigma.hpp>

#include "compiler/ir/ir_dump.hpp"
#include "libsigma/src/ruleset_impl.hpp"

namespace sigma {
namespace {

std::shared_ptr<const RuleSet::Impl> empty_impl() {
  static const auto empty = [] {
    auto impl = std::make_shared<RuleSet::Impl>();
    auto program = std::make_shared<const ir::Program>();
    impl->set_engine(program);
    return std::shared_ptr<const RuleSet::Impl>(std::move(impl));
  }();
  return empty;
}

}  // namespace

RuleSet::RuleSet() : impl_(empty_impl()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(const RuleSet&) = default;
RuleSet& RuleSet::operator=(const RuleSet&) = default;

std::size_t RuleSet::size() const { return impl_->infos.size(); }
const RuleInfo& RuleSet::rule(std::size_t index) const { return impl_->infos.at(index); }
std::span<const Field> RuleSet::fields() const { return impl_->engine->fields(); }
std::string RuleSet::dump_ir() const { return ir::dump_program(*impl_->program); }

}  // namespace sigma
