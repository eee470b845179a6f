#include "runtime/index/raw_gate.hpp"

#include <algorithm>
#include <limits>

#include "runtime/event/exact_type.hpp"
#include "runtime/event/field_store.hpp"
#include "runtime/event/json_event.hpp"
#include "runtime/text/plain_ascii.hpp"

namespace sigma::runtime {
namespace {

// Whether `text` could be found in, or be, the text a number or boolean is compared as
// (match::format_int / format_double / format_bool: digits, signs, points, exponents, "inf",
// "nan", "true", "false"): only texts with some other byte are gate texts.
bool only_number_bytes(std::string_view text) {
  return text.find_first_not_of("0123456789+-.einfatruls") == std::string_view::npos;
}

}  // namespace

bool RawGate::add(const Clauses& cover, const std::vector<const AnchorSpec*>& specs) {
  // Of the clauses the gate can test, the one whose shortest text is longest: the one an
  // unrelated event is least likely to hold.
  const std::vector<ir::LeafId>* best = nullptr;
  std::size_t best_shortest = 0;
  for (const auto& clause : cover) {
    if (clause.empty()) return true;  // a clause nothing hits: the rule never matches
    std::size_t shortest = std::numeric_limits<std::size_t>::max();
    for (ir::LeafId leaf : clause)
      for (const std::string& t : specs[leaf]->texts) {
        if (!LiteralFilter::accepts(t) || only_number_bytes(t)) shortest = 0;
        shortest = std::min(shortest, t.size());
      }
    if (shortest > best_shortest) {
      best = &clause;
      best_shortest = shortest;
    }
  }
  if (best == nullptr) return false;
  for (ir::LeafId leaf : *best)
    for (const std::string& t : specs[leaf]->texts) pending_.push_back(t);
  return true;
}

void RawGate::build() {
  std::sort(pending_.begin(), pending_.end());
  pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
  usable_ = !pending_.empty() && pending_.size() <= NibbleMask::kMaxWindows;
  if (usable_ && !few_.build(pending_)) {
    for (const std::string& t : pending_) texts_.add(t);
    texts_.build();
  }
  pending_ = {};
}

bool RawGate::may_match(const sigma::Event& event) const {
  using sigma::event::FieldStore;
  using sigma::event::is_exactly;
  using sigma::event::JsonEvent;
  const std::string_view raw = event.raw();
  if (raw.empty()) return true;
  // A JsonEvent's raw text is the text its document was parsed from (json_event.hpp): without
  // escapes, every string the parser unescaped is a run of it. A FieldStore says itself whether
  // its strings are runs of its raw text (a syslog line's are; decoded auditd values are not).
  // In ASCII, folding is lowering.
  char excluded = '\x80';  // none but the bytes a plain text has not anyway
  if (is_exactly<JsonEvent>(event)) {
    excluded = '\\';
  } else if (!is_exactly<FieldStore>(event) ||
             !static_cast<const FieldStore&>(event).values_within_raw()) {
    return true;
  }
  if (few_.usable()) return few_.may_hold(raw, excluded);
  if (!text::is_plain_ascii(raw, excluded)) return true;
  bool hit = false;
  texts_.scan_ascii(raw, [&](std::uint32_t) { hit = true; });
  return hit;
}

}  // namespace sigma::runtime
