// Per-event field state of a Scratch: each field looked up at most once per event, and its
// string values case-folded at most once, only when a case-insensitive leaf asks.
#include <limits>

#include "runtime/eval/engine_impl.hpp"
#include "runtime/event/exact_type.hpp"
#include "runtime/text/casefold.hpp"

namespace sigma::runtime {

Scratch::Impl::Impl(const Engine::Impl& e)
    : engine(&e), caches(e.fields.size() + 1), memo(e.leaves.size(), 0) {}

void Scratch::Impl::reset(const sigma::Event& ev, std::size_t bind_limit) {
  event = &ev;
  prefiltered = nullptr;
  bound = false;
  store = nullptr;
  ++stats.events;
  // Memo entries hold epoch * 4 + flags, so the epoch must fit in 30 bits. When it would not,
  // clear every stamp once (every ~1 billion events) and start again at 1; 0 means "never".
  if (epoch >= kMaxEpoch) {
    for (std::uint32_t& m : memo) m = 0;
    for (FieldCache& c : caches) c.epoch = c.fold_epoch = 0;
    epoch = 0;
  }
  ++epoch;
  if (!sigma::event::is_exactly<sigma::event::FieldStore>(ev)) return;
  store = static_cast<const sigma::event::FieldStore*>(&ev);
  if (store->entries().size() <= bind_limit) bind(*store);
}

void Scratch::Impl::bind(const sigma::event::FieldStore& store) {
  bound = true;
  bound_slots.clear();
  entry_slots.clear();
  for (const sigma::event::FieldStore::Entry& e : store.entries()) {
    const std::uint32_t slot = engine->slot_named(e.name, e.hash);
    entry_slots.push_back(slot);
    if (slot == Engine::Impl::kNoSlot) continue;
    FieldCache& c = caches[slot];
    if (c.epoch != epoch) {
      c.epoch = epoch;
      c.present = true;
      c.values.clear();
      bound_slots.push_back(slot);
      ++stats.lookups;
    }
    c.values.push_back(e.value);
  }
}

const FieldCache& Scratch::Impl::lookup(std::uint32_t slot) {
  FieldCache& c = caches[slot];
  if (c.epoch == epoch) return c;
  c.epoch = epoch;
  c.values.clear();
  if (bound && slot != engine->keyword_slot && engine->dotted[slot] == 0) {
    c.present = false;  // bind() saw no entry of it
    return c;
  }
  collector.out = &c.values;
  ++stats.lookups;
  if (slot == engine->keyword_slot) {
    // Keywords search the raw record when the host has one, else every string of the event.
    const std::string_view raw = event->raw();
    if (!raw.empty()) {
      c.values.push_back(sigma::Value::string(raw));
    } else {
      event->for_each_string(collector);
    }
    c.present = !c.values.empty();
  } else if (store != nullptr && engine->dotted[slot] == 0) {
    // A name without a dot is an entry of the store or absent (FieldStore::lookup).
    c.present =
        store->append_values(engine->fields[slot].name, engine->name_hashes[slot], c.values);
  } else {
    c.present = event->lookup(engine->fields[slot], collector);
    if (!c.present) c.values.clear();  // a host may report values and then say absent
  }
  return c;
}

std::span<const std::string_view> Scratch::Impl::folded(std::uint32_t slot) {
  const FieldCache& looked = lookup(slot);
  FieldCache& c = caches[slot];
  if (c.fold_epoch == epoch) return c.folded;
  c.fold_epoch = epoch;
  ++stats.folds;
  c.folded.clear();
  c.fold_buf.clear();
  // Text that is already folded is used in place; the rest is folded into fold_buf. Offsets
  // are recorded first and turned into views at the end, as fold_buf may grow meanwhile.
  constexpr std::uint32_t kInPlace = std::numeric_limits<std::uint32_t>::max();
  fold_offsets.clear();
  for (const sigma::Value& v : looked.values) {
    if (v.type != sigma::Value::Type::String || text::is_folded(v.text)) {
      fold_offsets.push_back(kInPlace);
      fold_offsets.push_back(0);
    } else {
      fold_offsets.push_back(static_cast<std::uint32_t>(c.fold_buf.size()));
      text::casefold_append(v.text, c.fold_buf);
      fold_offsets.push_back(static_cast<std::uint32_t>(c.fold_buf.size()));
    }
  }
  for (std::size_t i = 0; i < looked.values.size(); ++i) {
    const std::uint32_t begin = fold_offsets[2 * i], end = fold_offsets[2 * i + 1];
    if (begin == kInPlace) {
      const sigma::Value& v = looked.values[i];
      c.folded.push_back(v.type == sigma::Value::Type::String ? v.text : std::string_view());
    } else {
      c.folded.emplace_back(c.fold_buf.data() + begin, end - begin);
    }
  }
  return c.folded;
}

}  // namespace sigma::runtime
