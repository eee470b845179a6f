#include "runtime/index/raw_gate.hpp"

#include <algorithm>
#include <limits>

#include "runtime/event/exact_type.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/event/json_event.hpp"

namespace sigma::runtime {
namespace {

// Whether `text` could be found in, or be, the text a number or boolean is compared as
// (match::format_int / format_double / format_bool: digits, signs, points, exponents, "inf",
// "nan", "true", "false"): only texts with some other byte are gate texts.
bool only_number_bytes(std::string_view text) {
  return text.find_first_not_of("0123456789+-.einfatruls") == std::string_view::npos;
}

constexpr std::size_t kMaxClauses = 64;  // bits of a mask

}  // namespace

bool RawGate::add(const Clauses& cover, const std::vector<const AnchorSpec*>& specs) {
  Rule rule;
  for (const auto& clause : cover) {
    if (clause.empty()) return true;  // a clause nothing hits: the rule never matches
    Clause c;
    c.shortest = std::numeric_limits<std::size_t>::max();
    for (ir::LeafId leaf : clause)
      for (const std::string& t : specs[leaf]->texts) {
        if (!LiteralFilter::accepts(t) || only_number_bytes(t)) c.shortest = 0;
        c.shortest = std::min(c.shortest, t.size());
        c.texts.emplace_back(t, specs[leaf]->slot);
      }
    if (c.shortest == 0) continue;  // a clause the gate cannot test: the others still count
    if (rule.clauses.empty() || c.shortest > rule.clauses[rule.best].shortest)
      rule.best = rule.clauses.size();
    rule.clauses.push_back(std::move(c));
  }
  if (rule.clauses.empty()) return false;
  pending_.push_back(std::move(rule));
  return true;
}

void RawGate::build(std::span<const sigma::Field> fields, std::span<const std::uint8_t> dotted) {
  std::vector<const Clause*> best, all;
  for (const Rule& r : pending_) {
    best.push_back(&r.clauses[r.best]);
    for (const Clause& c : r.clauses) all.push_back(&c);
  }
  // FewTexts' pass with one clause a rule, else every clause, else the NibbleMask pass with one.
  usable_ = use(best, false);
  if (!few_.usable() && all.size() > best.size()) usable_ = use(all, true) || use(best, false);
  if (usable_) {
    for (const Clause* c : rules_.empty() ? best : all)
      for (const auto& [text, slot] : c->texts) {
        if (slot >= fields.size()) continue;  // keywords: the raw text itself
        every_value_ = every_value_ || dotted[slot] != 0;
        const std::string_view name = fields[slot].name;
        if (std::none_of(fields_.begin(), fields_.end(),
                         [&](const Named& f) { return f.name == name; }))
          fields_.push_back({std::string(name), event::hash_name(name)});
      }
  }
  pending_ = {};
}

bool RawGate::use(const std::vector<const Clause*>& clauses, bool all) {
  few_ = FewTexts();
  texts_ = LiteralFilter();
  clauses_of_.clear();
  rules_.clear();
  std::vector<std::string> texts;
  for (const Clause* c : clauses)
    for (const auto& t : c->texts) texts.push_back(t.first);
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  if (texts.empty() || texts.size() > NibbleMask::kMaxWindows) return false;
  if (!all) {
    if (few_.build(texts)) return true;
    for (const std::string& t : texts) texts_.add(t);
    texts_.build();
    return true;
  }
  if (clauses.size() > kMaxClauses) return false;
  clauses_of_.assign(texts.size(), 0);
  rules_.assign(pending_.size(), 0);
  // `clauses` are the rules' clauses in rule order; pending_ says how many each has.
  std::size_t k = 0;
  for (std::size_t r = 0; r < pending_.size(); ++r)
    for (std::size_t i = 0; i < pending_[r].clauses.size(); ++i, ++k) {
      const std::uint64_t bit = std::uint64_t{1} << k;
      rules_[r] |= bit;
      for (const auto& t : clauses[k]->texts) {
        const auto at = std::lower_bound(texts.begin(), texts.end(), t.first) - texts.begin();
        clauses_of_[static_cast<std::size_t>(at)] |= bit;
      }
    }
  for (const std::string& t : texts) texts_.add(t);
  texts_.build();
  return true;
}

// Whether the gate may judge `event` by its raw text: the values of its fields are runs of it
// (see raw_gate.hpp). A JsonEvent's are, but for escapes: `excluded` is then the backslash.
bool RawGate::values_are_raw_runs(const sigma::Event& event, char& excluded) const {
  using sigma::event::FieldStore;
  using sigma::event::is_exactly;
  if (is_exactly<sigma::event::JsonEvent>(event)) {
    excluded = '\\';
    return true;
  }
  excluded = '\x80';  // none but the bytes a plain text has not anyway
  if (!is_exactly<FieldStore>(event)) return false;
  if (fields_.empty()) return true;  // keywords alone: the raw text itself
  const auto& store = static_cast<const FieldStore&>(event);
  if (every_value_) return store.values_within_raw();
  return std::all_of(fields_.begin(), fields_.end(),
                     [&](const Named& f) { return store.values_within_raw(f.name, f.hash); });
}

bool RawGate::may_match(const sigma::Event& event) const {
  const std::string_view raw = event.raw();
  if (raw.empty()) return true;
  char excluded;
  if (!values_are_raw_runs(event, excluded)) return true;
  if (few_.usable()) return few_.may_hold(raw, excluded);
  // In plain ASCII, folding is lowering; text that is not gets no answer from the gate.
  if (rules_.empty()) {
    bool hit = false;
    return !texts_.scan_plain(raw, excluded, [&](std::uint32_t) { hit = true; }) || hit;
  }
  std::uint64_t hit = 0;
  if (!texts_.scan_plain(raw, excluded, [&](std::uint32_t text) { hit |= clauses_of_[text]; }))
    return true;
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](std::uint64_t clauses) { return (hit & clauses) == clauses; });
}

}  // namespace sigma::runtime
