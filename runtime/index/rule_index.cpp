#include "runtime/index/rule_index.hpp"

#include <algorithm>
#include <unordered_map>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/index/anchors.hpp"
#include "runtime/index/exact_table.hpp"
#include "runtime/index/literal_filter.hpp"
#include "runtime/index/raw_gate.hpp"
#include "runtime/text/casefold.hpp"
#include "runtime/text/plain_ascii.hpp"

namespace sigma::runtime {
namespace {

// A FieldStore event is bound (Scratch::Impl::reset) when it has at most this many entries per
// field the index scans. Binding costs a probe per entry, scanning unbound a look-up by name per
// field, about four probes' worth (callgrind, seed and corpus): a few rules reading a few fields
// of large events (auditd's) are faster unbound.
constexpr std::size_t kEntriesBoundPerField = 4;

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Every leaf id reachable from a tree, with repeats (for counting uses).
void collect_leaves(const ir::Node& root, std::vector<ir::LeafId>& out) {
  std::vector<const ir::Node*> todo{&root};
  while (!todo.empty()) {
    const ir::Node* n = todo.back();
    todo.pop_back();
    if (n->op == ir::Op::Leaf) out.push_back(n->leaf);
    for (const ir::Node& c : n->children) todo.push_back(&c);
  }
}

}  // namespace

struct RuleIndex::Impl {
  // What one hit on an anchor does: tell the leaf it holds (or that its literal was seen) and
  // count one clause of a rule's cover, whose bit and whose cover's bits it carries. An anchor
  // has one Act per clause it is in, or one without a clause (all == 0). Every exact value and
  // every literal of a field keeps the Acts of all its anchors side by side, so that a hit
  // reads that run and the rules' marks, nothing else: chasing anchor records and clause lists
  // cost a cache miss each, per hit.
  struct Act {
    ir::LeafId leaf = 0;
    std::uint32_t pos = 0;  // the rule's position in `rules`
    std::uint8_t bit = 0;   // the clause's bit among its cover's
    std::uint8_t all = 0;   // the bits of the whole cover; 0: no clause
    bool decides = false;   // the hit decides the leaf (else: the leaf's literal was seen)
    auto operator<=>(const Act&) const = default;
  };
  struct FieldScan {
    std::uint32_t slot = 0;
    ExactTable<Act> exact;
    LiteralFilter literals;
    // Literal id -> what a hit does: literal_acts[literal_begin[id] .. literal_begin[id + 1]).
    std::vector<std::uint32_t> literal_begin;
    std::vector<Act> literal_acts;
    std::span<const Act> acts_of(std::uint32_t literal) const {
      return {literal_acts.data() + literal_begin[literal],
              literal_acts.data() + literal_begin[literal + 1]};
    }
    // Literal ids from `own` on are the keyword scan's literals (id - own there), appended to
    // the scans of listed fields: see `keywords`.
    std::uint32_t own = 0;
  };

  std::vector<std::uint32_t> rules;            // program rule indexes, ascending
  std::vector<std::uint8_t> prefiltered;       // per program leaf: decided by this index's scans
  std::vector<std::uint32_t> always;           // positions in `rules` of rules without a cover
  std::size_t scanned = 0, cover_anchors = 0;  // anchors, and those a cover names (stats())
  std::vector<FieldScan> fields;
  // For a FieldStore event the Scratch has bound: the scan of each field by slot
  // (kNone if none), visited for the fields the event has. Fields that may be present without
  // an entry (dotted names, the keyword slot) are `unlisted`, scanned for every event.
  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::vector<std::uint32_t> listed;
  std::vector<std::uint32_t> unlisted;
  // The keyword scan, when there is one. Keywords search every string of an event that has no
  // raw text, and most of those strings are the values of listed fields, which are scanned
  // anyway: so the listed fields' scans hold the keyword literals too, and for a bound event
  // without raw text only the strings of the other entries are scanned for keywords alone.
  std::uint32_t keywords = kNone;
  // Rules out every rule for events whose raw text lacks all its texts (raw_gate.hpp); usable
  // only when every rule has a cover.
  RawGate gate;
};

RuleIndex::RuleIndex(const Engine& engine, const Source& source,
                     const std::vector<std::optional<AnchorSpec>>* anchors)
    : impl_(std::make_unique<Impl>()) {
  Impl& x = *impl_;
  const Engine::Impl& e = engine.impl();
  const ir::Program& p = *e.program;
  std::vector<std::optional<AnchorSpec>> own;
  if (anchors == nullptr) {
    own = anchors_of(engine);
    anchors = &own;
  }
  for (std::uint32_t i = 0; i < p.rules.size(); ++i)
    if (fits(p.rules[i].logsource, source)) x.rules.push_back(i);

  // Covers prefer the anchors least likely to hold on an event. The estimate: a literal or
  // exact value is rare (shorter literals less so), unless many rules share it, which marks a
  // generic fact such as EventID == 1 (the pipeline's condition for every process creation
  // rule); then it holds about as often as the share of rules using it, squared to keep a list of
  // rare literals that a few rules share (emoji, hashes) cheaper than one generic fact. The
  // share counts the other rules: in an index of one rule (the seed rules' sources) every leaf
  // would otherwise look as generic as EventID == 1, and the cover went to the clause of fewest
  // anchors (verb in get/list/watch, which most audit events hold) alone.
  std::vector<float> uses(p.leaves.size(), 0.0f);
  std::vector<ir::LeafId> used;
  for (std::uint32_t r : x.rules) collect_leaves(p.rules[r].condition, used);
  for (ir::LeafId l : used) uses[l] += 1.0f;
  std::vector<const AnchorSpec*> specs(p.leaves.size(), nullptr);
  std::vector<bool> anchorable(p.leaves.size(), false);
  std::vector<float> weight(p.leaves.size(), 1.0f);
  const float total = std::max<float>(1.0f, static_cast<float>(x.rules.size()));
  for (ir::LeafId l : used) {
    if (anchorable[l] || !(*anchors)[l]) continue;
    specs[l] = &*(*anchors)[l];
    anchorable[l] = true;
    const float share = std::min(1.0f, (uses[l] - 1.0f) / total);
    // A literal of n bytes: about 0.2 / 4^n, so "a" is common and "mimikatz" rare; any of
    // several literals, the sum of theirs.
    float rare = 0;
    if (specs[l]->kind == AnchorSpec::Kind::Exact)
      rare = 1e-4f;
    else
      for (const std::string& t : specs[l]->texts)
        rare += 0.2f / static_cast<float>(1u << (2 * std::min<std::size_t>(t.size(), 15)));
    weight[l] = rare + share * share;
  }

  // Covers, then each anchor's Acts: one per clause it is in.
  std::vector<Impl::Act> posting;  // every cover's clauses, by leaf once sorted
  bool gated = true;               // every rule so far has a cover the raw-text gate can test
  for (std::uint32_t pos = 0; pos < x.rules.size(); ++pos) {
    const std::uint32_t rule = x.rules[pos];
    const auto cover =
        e.shallow(rule) ? choose_cover(*e.conditions[rule], anchorable, weight) : std::nullopt;
    if (!cover) {
      x.always.push_back(pos);
      gated = false;
      continue;
    }
    gated = gated && x.gate.add(*cover, specs);
    const auto all = static_cast<std::uint8_t>((1u << cover->size()) - 1);  // at most 2 clauses
    for (std::size_t c = 0; c < cover->size(); ++c)
      for (ir::LeafId l : (*cover)[c])
        posting.push_back({l, pos, static_cast<std::uint8_t>(1u << c), all, false});
  }
  if (gated)
    x.gate.build(e.fields, e.dotted);
  else
    x.gate = RawGate();  // unusable: drop the texts the rules before gave it
  std::stable_sort(posting.begin(), posting.end(),
                   [](const Impl::Act& a, const Impl::Act& b) { return a.leaf < b.leaf; });
  std::unordered_map<std::uint32_t, std::size_t> field_of_slot;
  std::vector<std::unordered_map<std::string_view, std::uint32_t, Hash, std::equal_to<>>>
      literal_ids;
  std::vector<std::vector<std::pair<std::uint32_t, Impl::Act>>> literal_posting;  // per field

  // Every anchorable leaf goes into the scans, not only the covers' ones: the scan then decides
  // each such leaf for the evaluation that follows (its literal seen or not).
  x.prefiltered.assign(p.leaves.size(), 0);
  for (ir::LeafId leaf = 0; leaf < p.leaves.size(); ++leaf) {
    if (!specs[leaf]) continue;
    x.prefiltered[leaf] = 1;
    const AnchorSpec& spec = *specs[leaf];
    const auto first =
        std::lower_bound(posting.begin(), posting.end(), leaf,
                         [](const Impl::Act& a, ir::LeafId l) { return a.leaf < l; });
    std::vector<Impl::Act> acts(first, std::find_if(first, posting.end(), [&](const Impl::Act& a) {
                                  return a.leaf != leaf;
                                }));
    ++x.scanned;
    if (acts.empty())
      acts.push_back({leaf, 0, 0, 0, false});  // in no cover: a hit only tells the leaf
    else
      ++x.cover_anchors;
    for (Impl::Act& a : acts) a.decides = spec.decides;
    auto [it, fresh] = field_of_slot.emplace(spec.slot, x.fields.size());
    if (fresh) {
      x.fields.emplace_back();
      x.fields.back().slot = spec.slot;
      literal_ids.emplace_back();
      literal_posting.emplace_back();
    }
    Impl::FieldScan& f = x.fields[it->second];
    if (spec.kind == AnchorSpec::Kind::Exact) {
      for (const Impl::Act& a : acts) f.exact.add(spec.texts[0], a);
      continue;
    }
    for (const std::string& text : spec.texts) {
      auto [lit, added] =
          literal_ids[it->second].emplace(text, static_cast<std::uint32_t>(f.literals.size()));
      if (added) f.literals.add(text);
      for (const Impl::Act& a : acts) literal_posting[it->second].emplace_back(lit->second, a);
    }
  }
  for (std::size_t i = 0; i < x.fields.size(); ++i) {
    Impl::FieldScan& f = x.fields[i];
    f.exact.build();
    auto& posting = literal_posting[i];
    std::stable_sort(posting.begin(), posting.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    f.literal_begin.assign(f.literals.size() + 1, 0);
    for (const auto& [lit, act] : posting) {
      ++f.literal_begin[lit + 1];
      f.literal_acts.push_back(act);
    }
    for (std::size_t l = 0; l < f.literals.size(); ++l)
      f.literal_begin[l + 1] += f.literal_begin[l];
  }

  x.listed.assign(e.fields.size(), Impl::kNone);
  for (std::uint32_t i = 0; i < x.fields.size(); ++i) {
    Impl::FieldScan& f = x.fields[i];
    f.own = static_cast<std::uint32_t>(f.literals.size());
    if (f.slot < e.fields.size() && e.dotted[f.slot] == 0)
      x.listed[f.slot] = i;
    else
      x.unlisted.push_back(i);
    if (f.slot == e.keyword_slot) x.keywords = i;
  }
  const LiteralFilter* keyword_literals = nullptr;
  if (x.keywords != Impl::kNone) {
    x.fields[x.keywords].literals.build();
    keyword_literals = &x.fields[x.keywords].literals;
  }
  for (std::uint32_t i = 0; i < x.fields.size(); ++i) {
    Impl::FieldScan& f = x.fields[i];
    if (f.slot < e.fields.size() && x.listed[f.slot] == i)
      f.literals.build(keyword_literals);
    else if (i != x.keywords)  // built above
      f.literals.build();
  }
}

RuleIndex::~RuleIndex() = default;

std::span<const std::uint32_t> RuleIndex::rules() const { return impl_->rules; }

RuleIndex::Stats RuleIndex::stats() const {
  return {impl_->rules.size(), impl_->always.size(), impl_->cover_anchors, impl_->scanned,
          impl_->fields.size()};
}

struct IndexScratch::Impl {
  // Sizes the per-event marks for `index`.
  void prepare(const RuleIndex::Impl& index) {
    if (marks.size() < index.rules.size()) marks.resize(index.rules.size());
  }

  // Per rule position: the stamp of the event that last hit its cover, and the bits of the
  // cover's clauses that event hit (anchors hit twice set their bits twice: no harm).
  struct Mark {
    std::uint32_t stamp = 0;
    std::uint32_t hit = 0;
  };
  std::vector<Mark> marks;
  std::uint32_t stamp = 0;
  std::vector<std::uint32_t> candidates;
  std::string fold_buf;  // an entry's folded text, for the keyword scan
  Stats stats;
};

IndexScratch::IndexScratch() : impl_(std::make_unique<Impl>()) {}
IndexScratch::~IndexScratch() = default;
const IndexScratch::Stats& IndexScratch::stats() const { return impl_->stats; }

namespace {

struct Hits {
  const RuleIndex::Impl* index;
  IndexScratch::Impl* is;
  Scratch::Impl* s;

  // Small enough to inline where it is called, so that a look-up that found nothing (most
  // exact look-ups) costs no call.
  void operator()(std::span<const RuleIndex::Impl::Act> acts) {
    for (const RuleIndex::Impl::Act& a : acts) act(a);
  }
  void act(const RuleIndex::Impl::Act& a) {
    if (a.decides)
      s->know(a.leaf, true);
    else
      s->literal_seen(a.leaf);
    if (a.all == 0) return;
    IndexScratch::Impl::Mark& m = is->marks[a.pos];
    if (m.stamp != is->stamp) m = {is->stamp, 0};
    if (m.hit == a.all) return;  // a candidate already
    m.hit |= a.bit;
    if (m.hit == a.all) is->candidates.push_back(a.pos);
  }
};

}  // namespace

bool ruled_out(const RuleIndex& index, const sigma::Event& event) {
  const RuleIndex::Impl& x = index.impl();
  return x.rules.empty() || (x.gate.usable() && !x.gate.may_match(event));
}

void match(const Engine& engine, const RuleIndex& index, const sigma::Event& event,
           Scratch& scratch, IndexScratch& iscratch, std::vector<std::uint32_t>& out,
           bool gate_passed) {
  const RuleIndex::Impl& x = index.impl();
  IndexScratch::Impl& is = iscratch.impl();
  Scratch::Impl& s = scratch.impl();
  is.prepare(x);
  // An event the gate rules out is not bound either: binding looks up every entry's name.
  const bool ruled_out = !gate_passed && runtime::ruled_out(index, event);
  s.reset(event, ruled_out ? 0 : kEntriesBoundPerField * x.fields.size());
  ++is.stats.events;
  if (++is.stamp == 0) {  // wrapped: forget every mark once
    std::fill(is.marks.begin(), is.marks.end(), IndexScratch::Impl::Mark{});
    is.stamp = 1;
  }
  is.candidates.clear();
  if (ruled_out) return;
  Hits hits{&x, &is, &s};
  // Whether the listed fields' scans stand for the keyword scan (RuleIndex::Impl::keywords).
  const bool merged = x.keywords != RuleIndex::Impl::kNone && s.bound && event.raw().empty();
  const auto* keywords = x.keywords == RuleIndex::Impl::kNone ? nullptr : &x.fields[x.keywords];
  const auto exact_keywords = [&](std::string_view text) { hits(keywords->exact.find(text)); };
  const auto keyword_hit = [&](std::uint32_t lit) { hits(keywords->acts_of(lit)); };
  const bool keywords_exact = keywords != nullptr && !keywords->exact.empty();
  // Whether `filter` scans `text` as it is, lowering it as it goes: the copy that folding
  // makes is skipped (a leaf computed later folds the text if it must).
  const auto scans_unfolded = [](const LiteralFilter& filter, std::string_view text) {
    return filter.scans_ascii_cheaply(text.size()) && text::is_plain_ascii(text);
  };
  char buf[match::kNumberTextMax];
  const auto scan_field = [&](std::uint32_t fi) {
    const auto& f = x.fields[fi];
    const FieldCache& c = s.lookup(f.slot);
    if (!c.present || c.values.empty()) return;
    std::span<const std::string_view> folded;  // fetched when a value first needs it
    for (std::size_t i = 0; i < c.values.size(); ++i) {
      const sigma::Value& v = c.values[i];
      const bool string = v.type == sigma::Value::Type::String;
      const bool with_keywords = merged && string;  // keywords see strings only
      const auto hit = [&](std::uint32_t lit) {
        if (lit < f.own) {
          hits(f.acts_of(lit));
        } else if (with_keywords) {
          keyword_hit(lit - f.own);
        }
      };
      // Without the keywords riding along, a field of exact values alone (auditd's `type`) has
      // nothing to scan for: its filter holds the keywords' literals only.
      const bool scans = f.own > 0 || with_keywords;
      // ASCII text is looked up and scanned as it is, lowered as it goes, where the literal
      // scan can do that cheaply (or has nothing to do); exact keywords, which every string is
      // looked up in, still take the folded copy.
      if (string && !(with_keywords && keywords_exact) &&
          (!scans || f.literals.scans_ascii_cheaply(v.text.size())) &&
          text::is_plain_ascii(v.text)) {
        hits(f.exact.find_ascii(v.text));
        if (scans) f.literals.scan_ascii(v.text, hit);
        continue;
      }
      if (string && folded.empty()) folded = s.folded(f.slot);
      const auto text = string ? std::optional<std::string_view>(folded[i]) : scalar_text(v, buf);
      if (!text) continue;
      hits(f.exact.find(*text));
      if (with_keywords) exact_keywords(*text);
      if (scans) f.literals.scan(*text, hit);
    }
  };
  // The readers' events list their fields: visit the ones present instead of asking for each.
  if (s.bound) {
    for (const std::uint32_t slot : s.bound_slots)
      if (const std::uint32_t fi = x.listed[slot]; fi != RuleIndex::Impl::kNone) scan_field(fi);
    for (std::uint32_t fi : x.unlisted)
      if (!merged || fi != x.keywords) scan_field(fi);
    if (merged) {
      // Keywords in the strings the listed fields' scans did not cover.
      const auto& entries = static_cast<const sigma::event::FieldStore&>(event).entries();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const sigma::Value& v = entries[i].value;
        if (v.type != sigma::Value::Type::String) continue;
        const std::uint32_t slot = s.entry_slots[i];
        if (slot != Engine::Impl::kNoSlot && x.listed[slot] != RuleIndex::Impl::kNone) continue;
        std::string_view text = v.text;
        if (!keywords_exact && scans_unfolded(keywords->literals, text)) {
          keywords->literals.scan_ascii(text, keyword_hit);
          continue;
        }
        text = text::folded_view(text, is.fold_buf);
        exact_keywords(text);
        keywords->literals.scan(text, keyword_hit);
      }
    }
  } else {
    for (std::uint32_t fi = 0; fi < x.fields.size(); ++fi) scan_field(fi);
  }
  s.prefiltered = x.prefiltered.data();
  is.candidates.insert(is.candidates.end(), x.always.begin(), x.always.end());
  std::sort(is.candidates.begin(), is.candidates.end());
  is.stats.candidates += is.candidates.size();
  // The candidates' programs are cold (other rules ran for the events before): their first
  // lines are asked for all at once, so that those misses overlap instead of stalling the
  // walk of one rule after another.
  const Engine::Impl& e = engine.impl();
  for (std::uint32_t pos : is.candidates) {
    const char* first = reinterpret_cast<const char*>(&e.flat[e.flat_roots[x.rules[pos]]]);
    __builtin_prefetch(first);
    __builtin_prefetch(first + 64);
  }
  for (std::uint32_t pos : is.candidates) {
    const std::uint32_t rule = x.rules[pos];
    if (s.eval_rule(rule)) out.push_back(rule);
  }
}

const RuleIndex& RouteTable::get(const Source& source) {
  const std::string key = source_key(source);
  Entry* entry = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = indexes_[key];
    if (!slot) slot = std::make_unique<Entry>();
    entry = slot.get();  // stays put: the map holds pointers
  }
  std::call_once(entry->built, [&] {
    std::call_once(anchors_once_, [&] { anchors_ = anchors_of(engine_); });
    entry->index = std::make_unique<const RuleIndex>(engine_, source, &anchors_);
  });
  return *entry->index;
}

}  // namespace sigma::runtime
