#include "compiler/ir/ir.hpp"

#include <algorithm>
#include <functional>

namespace sigma::ir {
namespace {

std::size_t hash_leaf(const Leaf& leaf) {
  std::size_t h = std::hash<FieldId>{}(leaf.field) * 31 + leaf.pred.index();
  const auto mix = [&h](std::string_view s) { h = h * 1000003u ^ std::hash<std::string_view>{}(s); };
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, StringMatch>) {
          mix(p.pattern);
          h = h * 31 + static_cast<std::size_t>(p.op) * 2 + (p.cased ? 1 : 0);
        } else if constexpr (std::is_same_v<T, RegexMatch>) {
          mix(p.pattern);
        } else if constexpr (std::is_same_v<T, NumberCmp>) {
          h = h * 31 + std::hash<double>{}(p.value) + static_cast<std::size_t>(p.op);
        } else if constexpr (std::is_same_v<T, CidrMatch>) {
          mix(p.text);
        } else if constexpr (std::is_same_v<T, FieldRef>) {
          h = h * 31 + p.other;
        } else if constexpr (std::is_same_v<T, TimeCmp>) {
          h = h * 31 + static_cast<std::size_t>(p.value);
        }
      },
      leaf.pred);
  return h;
}

}  // namespace

FieldId FieldTable::intern(std::string_view name) {
  if (const auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<FieldId>(fields_.size());
  FieldInfo info{std::string(name), {}};
  std::size_t start = 0;
  for (;;) {
    const auto dot = name.find('.', start);
    info.path.emplace_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  fields_.push_back(std::move(info));
  ids_.emplace(std::string(name), id);
  return id;
}

LeafTable::Slot& LeafTable::find(const Leaf& leaf, std::size_t hash) {
  if (slots_.size() < 2 * (leaves_.size() + 1)) {
    std::vector<Slot> old(std::max<std::size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.id == kFree) continue;
      std::size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].id != kFree) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    Slot& s = slots_[i];
    if (s.id == kFree || (s.hash == hash && leaves_[s.id] == leaf)) return s;
  }
}

LeafId LeafTable::add(Slot& slot, std::size_t hash, Leaf&& leaf) {
  slot = {hash, static_cast<LeafId>(leaves_.size())};
  leaves_.push_back(std::move(leaf));
  return slot.id;
}

LeafId LeafTable::intern(const Leaf& leaf) {
  const std::size_t h = hash_leaf(leaf);
  Slot& s = find(leaf, h);
  return s.id != kFree ? s.id : add(s, h, Leaf(leaf));
}

LeafId LeafTable::intern(Leaf&& leaf) {
  const std::size_t h = hash_leaf(leaf);
  Slot& s = find(leaf, h);
  return s.id != kFree ? s.id : add(s, h, std::move(leaf));
}

Node Node::make_not(Node n) {
  Node out{Op::Not, 0, {}};
  out.children.push_back(std::move(n));
  return out;
}

Node Node::make(Op op, std::vector<Node> children) { return Node{op, 0, std::move(children)}; }

}  // namespace sigma::ir
