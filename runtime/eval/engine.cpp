// Builds an Engine from an ir::Program (a matcher per leaf, a sigma::Field per field id) and
// implements the public entry points of engine.hpp on top of Scratch::Impl.
#include "runtime/eval/engine.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "runtime/eval/cost_order.hpp"
#include "runtime/eval/engine_impl.hpp"
#include "runtime/match/regex_literals.hpp"

namespace sigma::runtime {
namespace {

match::TextOp text_op(ir::StringOp op) {
  switch (op) {
    case ir::StringOp::Exact:
      return match::TextOp::Exact;
    case ir::StringOp::Prefix:
      return match::TextOp::Prefix;
    case ir::StringOp::Suffix:
      return match::TextOp::Suffix;
    case ir::StringOp::Contains:
      return match::TextOp::Contains;
    case ir::StringOp::Glob:
      return match::TextOp::Glob;
  }
  return match::TextOp::Exact;
}

match::TimeField time_field(ir::TimePart part) {
  switch (part) {
    case ir::TimePart::Minute:
      return match::TimeField::Minute;
    case ir::TimePart::Hour:
      return match::TimeField::Hour;
    case ir::TimePart::Day:
      return match::TimeField::Day;
    case ir::TimePart::Week:
      return match::TimeField::Week;
    case ir::TimePart::Month:
      return match::TimeField::Month;
    case ir::TimePart::Year:
      return match::TimeField::Year;
  }
  return match::TimeField::Hour;
}

void check_field(const ir::Program& p, ir::FieldId id, bool keywords_ok) {
  if (id < p.fields.size() || (keywords_ok && id == ir::kKeywords)) return;
  throw std::invalid_argument("sigma engine: field id " + std::to_string(id) + " out of range");
}

// Walks a tree without recursion and checks that its leaf ids exist.
void check_tree(const ir::Program& p, const ir::Node& root) {
  std::vector<const ir::Node*> todo{&root};
  while (!todo.empty()) {
    const ir::Node* n = todo.back();
    todo.pop_back();
    if (n->op == ir::Op::Leaf && n->leaf >= p.leaves.size())
      throw std::invalid_argument("sigma engine: leaf id " + std::to_string(n->leaf) +
                                  " out of range");
    if (n->op == ir::Op::Not && n->children.size() != 1)
      throw std::invalid_argument("sigma engine: a NOT node needs exactly one child");
    for (const ir::Node& c : n->children) todo.push_back(&c);
  }
}

LeafMatcher make_matcher(const ir::Program& p, const ir::Leaf& l, std::uint32_t keyword_slot) {
  check_field(p, l.field, true);
  LeafMatcher out;
  out.slot = l.field == ir::kKeywords ? keyword_slot : l.field;
  std::visit(
      [&](const auto& pred) {
        using T = std::decay_t<decltype(pred)>;
        if constexpr (std::is_same_v<T, ir::StringMatch>) {
          out.m = leaf::String{match::TextMatcher(text_op(pred.op), pred.pattern), pred.cased};
        } else if constexpr (std::is_same_v<T, ir::RegexMatch>) {
          leaf::Regex r{pred.re.get(), {}, {}, {}};
          if (pred.re != nullptr) {
            r.literals = std::make_shared<const match::RegexLiterals>(*pred.re);
            r.shortcut = match::shortcut_of(*pred.re);
            if (!r.shortcut.literals) r.needs = match::literal_needs(*r.literals);
          }
          out.m = std::move(r);
        } else if constexpr (std::is_same_v<T, ir::NumberCmp>) {
          out.m = leaf::Number{pred.op, pred.value};
        } else if constexpr (std::is_same_v<T, ir::CidrMatch>) {
          out.m = leaf::Cidr{pred.net};
        } else if constexpr (std::is_same_v<T, ir::Exists>) {
          out.m = leaf::Exists{pred.present};
        } else if constexpr (std::is_same_v<T, ir::IsNull>) {
          out.m = leaf::IsNull{};
        } else if constexpr (std::is_same_v<T, ir::FieldRef>) {
          check_field(p, pred.other, false);
          out.m = leaf::FieldRef{pred.other, pred.op, pred.cased};
        } else if constexpr (std::is_same_v<T, ir::TimeCmp>) {
          out.m = leaf::Time{time_field(pred.part), pred.op, pred.value};
        }
      },
      l.pred);
  return out;
}

// Appends the nodes of `root` to `out` in pre-order, each with the end of its subtree. With a
// stack of its own: trees too deep to reorder (cost_order.hpp) are too deep to recurse on.
void flatten(const ir::Node& root, std::vector<Engine::Impl::FlatNode>& out) {
  struct Open {
    const ir::Node* node;
    std::uint32_t at;  // its place in `out`
    std::size_t next;  // its next child to emit
  };
  std::vector<Open> open;
  const auto emit = [&](const ir::Node& n) {
    open.push_back({&n, static_cast<std::uint32_t>(out.size()), 0});
    out.push_back({n.op, n.op == ir::Op::Leaf ? n.leaf : 0, 0});
  };
  emit(root);
  while (!open.empty()) {
    Open& o = open.back();
    if (o.next < o.node->children.size()) {
      emit(o.node->children[o.next++]);  // invalidates o
    } else {
      out[o.at].end = static_cast<std::uint32_t>(out.size());
      open.pop_back();
    }
  }
}

}  // namespace

Engine::Engine(std::shared_ptr<const ir::Program> program) : impl_(std::make_unique<Impl>()) {
  if (!program) throw std::invalid_argument("sigma engine: no program");
  Impl& e = *impl_;
  e.program = std::move(program);
  const ir::Program& p = *e.program;

  // Field views: spans into one vector, so it is filled completely before any span is taken.
  std::size_t parts = 0;
  for (const ir::FieldInfo& f : p.fields.all()) parts += f.path.size();
  e.path_parts.reserve(parts);
  for (const ir::FieldInfo& f : p.fields.all())
    for (const std::string& part : f.path) e.path_parts.emplace_back(part);
  std::size_t at = 0;
  for (std::size_t id = 0; id < p.fields.size(); ++id) {
    const ir::FieldInfo& f = p.fields[static_cast<ir::FieldId>(id)];
    const std::span<const std::string_view> path(e.path_parts.data() + at, f.path.size());
    e.fields.push_back(sigma::Field{static_cast<std::uint32_t>(id), f.name, path});
    at += f.path.size();
  }
  e.keyword_slot = static_cast<std::uint32_t>(p.fields.size());
  e.by_name.assign(std::bit_ceil(std::max<std::size_t>(16, e.fields.size() * 2)), {});
  for (const sigma::Field& f : e.fields) {
    e.dotted.push_back(f.name.find('.') != std::string_view::npos ? 1 : 0);
    const std::uint64_t hash = event::hash_name(f.name);
    e.name_hashes.push_back(hash);
    if (e.slot_named(f.name, hash) != Impl::kNoSlot) continue;  // a name given twice
    const std::size_t mask = e.by_name.size() - 1;
    std::size_t i = hash & mask;
    while (e.by_name[i].slot != Impl::kNoSlot) i = (i + 1) & mask;
    e.by_name[i] = {hash, f.id};
  }

  e.leaves.reserve(p.leaves.size());
  for (const ir::Leaf& l : p.leaves.all()) e.leaves.push_back(make_matcher(p, l, e.keyword_slot));
  for (const LeafMatcher& l : e.leaves) e.leaf_costs.push_back(leaf_cost(l, e.keyword_slot));
  e.reordered.reserve(p.rules.size());
  std::vector<bool> shallow;
  for (const ir::Rule& r : p.rules) {
    check_tree(p, r.condition);
    for (const auto& [name, node] : r.selections) check_tree(p, node);
    shallow.push_back(tree_depth(r.condition) <= kMaxReorderDepth);
    if (shallow.back()) e.reordered.push_back(cheap_first(r.condition, e.leaf_costs));
  }
  // Pointers are taken once `reordered` is complete (it does not move any more).
  std::size_t next = 0;
  for (std::size_t i = 0; i < p.rules.size(); ++i)
    e.conditions.push_back(shallow[i] ? &e.reordered[next++] : &p.rules[i].condition);
  for (const ir::Node* c : e.conditions) {
    e.flat_roots.push_back(static_cast<std::uint32_t>(e.flat.size()));
    flatten(*c, e.flat);
  }
}

Engine::~Engine() = default;

const ir::Program& Engine::program() const { return *impl_->program; }

std::span<const sigma::Field> Engine::fields() const { return impl_->fields; }

Scratch::Scratch(const Engine& engine) : impl_(std::make_unique<Impl>(engine.impl())) {}

Scratch::~Scratch() = default;

void Scratch::reset(const sigma::Event& event) { impl_->reset(event); }

const Scratch::Stats& Scratch::stats() const { return impl_->stats; }

void match(const Engine& engine, const sigma::Event& event, Scratch& scratch,
           std::vector<std::uint32_t>& out) {
  Scratch::Impl& s = scratch.impl();
  s.reset(event);
  const std::size_t rules = engine.impl().conditions.size();
  for (std::uint32_t i = 0; i < rules; ++i)
    if (s.eval_rule(i)) out.push_back(i);
}

bool eval_node(const Engine& engine, const ir::Node& node, Scratch& scratch) {
  Scratch::Impl& s = scratch.impl();
  return s.event != nullptr && s.engine == &engine.impl() && s.eval(node);
}

std::span<const sigma::Value> field_values(const Engine& engine, ir::FieldId field,
                                           Scratch& scratch, bool& present) {
  Scratch::Impl& s = scratch.impl();
  present = false;
  if (s.event == nullptr || s.engine != &engine.impl() || field >= engine.impl().fields.size())
    return {};
  const FieldCache& c = s.lookup(field);
  present = c.present;
  return c.values;
}

}  // namespace sigma::runtime
