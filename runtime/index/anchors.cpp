#include "runtime/index/anchors.hpp"

#include <algorithm>
#include <array>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/match/glob.hpp"
#include "runtime/match/regex_literals.hpp"

namespace sigma::runtime {

std::string longest_literal(std::string_view glob) {
  std::string best, run;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (match::is_glob_escape(glob, i)) {
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
    for (const std::string& t : a.texts)
      if (!LiteralFilter::accepts(t)) return std::nullopt;  // longer than a key can tell
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

struct Clause {
  float cost = 0;
  std::vector<ir::LeafId> leaves;
};
// A node's clauses, each necessary for it: at most two, the most selective first.
struct CoverClauses {
  std::array<Clause, 2> clause;
  std::size_t size = 0;

  // Keeps `c` if it is among the two most selective so far (the earlier of equals).
  void offer(Clause&& c) {
    if (size == 2 && !(c.cost < clause[1].cost)) return;
    clause[size == 2 ? 1 : size++] = std::move(c);
    if (size == 2 && clause[1].cost < clause[0].cost) std::swap(clause[0], clause[1]);
  }
};

std::optional<CoverClauses> cover(const ir::Node& n, const std::vector<bool>& anchorable,
                                  const std::vector<float>& weight) {
  CoverClauses out;
  switch (n.op) {
    case ir::Op::False:
      out.offer(Clause{});  // never true: a clause nothing hits
      return out;
    case ir::Op::True:
    case ir::Op::Not:
      return std::nullopt;
    case ir::Op::Leaf:
      if (n.leaf >= anchorable.size() || !anchorable[n.leaf]) return std::nullopt;
      out.offer(Clause{weight[n.leaf], {n.leaf}});
      return out;
    case ir::Op::And:
      // Every child's clauses are the AND's too: keep the two most selective, the second
      // only if selective enough (kSecondClause).
      for (const ir::Node& c : n.children)
        if (auto cc = cover(c, anchorable, weight))
          for (std::size_t i = 0; i < cc->size; ++i) out.offer(std::move(cc->clause[i]));
      if (out.size == 0) return std::nullopt;
      if (out.size == 2 && !(out.clause[1].cost <= kSecondClause)) out.size = 1;
      return out;
    case ir::Op::Or: {
      // Every child must be covered; the union of their first clauses covers the OR.
      Clause any;
      for (const ir::Node& c : n.children) {
        auto cc = cover(c, anchorable, weight);
        if (!cc) return std::nullopt;
        const Clause& first = cc->clause[0];
        any.cost += first.cost;
        any.leaves.insert(any.leaves.end(), first.leaves.begin(), first.leaves.end());
      }
      out.offer(std::move(any));
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Clauses> choose_cover(const ir::Node& condition, const std::vector<bool>& anchorable,
                                    const std::vector<float>& weight) {
  auto c = cover(condition, anchorable, weight);
  if (!c) return std::nullopt;
  Clauses out;
  for (std::size_t i = 0; i < c->size; ++i) {
    Clause& clause = c->clause[i];
    std::sort(clause.leaves.begin(), clause.leaves.end());
    clause.leaves.erase(std::unique(clause.leaves.begin(), clause.leaves.end()),
                        clause.leaves.end());
    out.push_back(std::move(clause.leaves));
  }
  return out;
}

}  // namespace sigma::runtime
