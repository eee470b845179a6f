#include "runtime/index/anchors.hpp"

#include <algorithm>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/match/regex_literals.hpp"

namespace sigma::runtime {

std::string longest_literal(std::string_view glob) {
  std::string best, run;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '\\' && i + 1 < glob.size()) {
      run.push_back(glob[++i]);
    } else if (c == '*' || c == '?') {
      if (run.size() > best.size()) best = run;
      run.clear();
    } else {
      run.push_back(c);
    }
  }
  if (run.size() > best.size()) best = run;
  return best;
}

std::optional<AnchorSpec> anchor_of(const ir::Leaf& leaf, std::uint32_t keyword_slot,
                                    const match::RegexLiterals* literals) {
  AnchorSpec a;
  a.slot = leaf.field == ir::kKeywords ? keyword_slot : leaf.field;
  if (const auto* r = std::get_if<ir::RegexMatch>(&leaf.pred)) {
    if (r->re == nullptr) return std::nullopt;
    a.texts = literals != nullptr ? literals->get(kMinLiteral)
                                  : match::regex_literals(*r->re, kMinLiteral);
    if (a.texts.empty()) return std::nullopt;
    return a;
  }
  const auto* m = std::get_if<ir::StringMatch>(&leaf.pred);
  if (m == nullptr || m->cased) return std::nullopt;  // cased leaves see unfolded text
  switch (m->op) {
    case ir::StringOp::Exact:
      a.kind = AnchorSpec::Kind::Exact;
      a.texts = {m->pattern};
      a.decides = true;
      return a;
    case ir::StringOp::Prefix:
    case ir::StringOp::Suffix:
    case ir::StringOp::Contains:
      a.texts = {m->pattern};
      a.decides = m->op == ir::StringOp::Contains;
      break;
    case ir::StringOp::Glob:
      a.texts = {longest_literal(m->pattern)};
      break;
  }
  // One or two ASCII bytes occur in most text: scanning for them would cost more than the
  // memmem of the few candidate rules that use them, and they would make poor covers. A
  // 2-byte character of another script (homoglyph rules) is rare, and is scanned for only
  // where the text leaves ASCII.
  if (!LiteralFilter::accepts(a.texts[0])) return std::nullopt;
  return a;
}

std::vector<std::optional<AnchorSpec>> anchors_of(const Engine& engine) {
  const Engine::Impl& e = engine.impl();
  const auto& leaves = e.program->leaves.all();
  std::vector<std::optional<AnchorSpec>> out;
  out.reserve(leaves.size());
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    const auto* regex = std::get_if<leaf::Regex>(&e.leaves[i].m);
    out.push_back(anchor_of(leaves[i], e.keyword_slot, regex ? regex->literals.get() : nullptr));
  }
  return out;
}

namespace {

struct Cover {
  float cost = 0;
  std::vector<ir::LeafId> leaves;
};

std::optional<Cover> cover(const ir::Node& n, const std::vector<bool>& anchorable,
                           const std::vector<float>& weight) {
  switch (n.op) {
    case ir::Op::False:
      return Cover{};  // never true: nothing to require
    case ir::Op::True:
    case ir::Op::Not:
      return std::nullopt;
    case ir::Op::Leaf:
      if (n.leaf < anchorable.size() && anchorable[n.leaf]) return Cover{weight[n.leaf], {n.leaf}};
      return std::nullopt;
    case ir::Op::And: {
      // Any one child's cover covers the AND: take the most selective.
      std::optional<Cover> best;
      for (const ir::Node& c : n.children)
        if (auto cc = cover(c, anchorable, weight); cc && (!best || cc->cost < best->cost))
          best = std::move(cc);
      return best;
    }
    case ir::Op::Or: {
      // Every child must be covered; the union covers the OR.
      Cover all;
      for (const ir::Node& c : n.children) {
        auto cc = cover(c, anchorable, weight);
        if (!cc) return std::nullopt;
        all.cost += cc->cost;
        all.leaves.insert(all.leaves.end(), cc->leaves.begin(), cc->leaves.end());
      }
      return all;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<ir::LeafId>> choose_cover(const ir::Node& condition,
                                                    const std::vector<bool>& anchorable,
                                                    const std::vector<float>& weight) {
  auto c = cover(condition, anchorable, weight);
  if (!c) return std::nullopt;
  std::sort(c->leaves.begin(), c->leaves.end());
  c->leaves.erase(std::unique(c->leaves.begin(), c->leaves.end()), c->leaves.end());
  return std::move(c->leaves);
}

}  // namespace sigma::runtime
