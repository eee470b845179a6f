// The auditd reader: raw audit.log -> one event per record, in input order, each with its own
// line number (fields: see auditd_record.hpp).
//
// Records of one kernel event share the msg=audit(TIME:SERIAL) stamp. Two things need more
// than one record, so records are held back in input order until their event is complete:
//  - an EXECVE record is enriched with the fields it lacks from the SYSCALL record of its
//    event (auid, uid, pid, ppid, exe, comm, key, ses, tty, success, ...), so rules on
//    EXECVE can also test who ran it. SYSCALL usually comes first: its fields are kept in a
//    small ring of recent SYSCALLs and the EXECVE is ready at once. When it comes later (or
//    events interleave), the EXECVE waits.
//  - a long argument is split by the kernel into aN_len=... aN[0]=... aN[1]=..., possibly
//    over several EXECVE records (continuations have no argc=); the pieces are joined into
//    aN on the first EXECVE record.
// A waiting record is released when what it waits for arrives, when the EOE record of its
// event arrives, when kWindow more records have been read (the rest of its event is lost), or
// at the end of the input. Records behind it wait with it, so the output order is the input
// order. In the common case nothing waits and nothing is allocated per record.
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

#include "runtime/event/field_store.hpp"
#include "runtime/readers/auditd_record.hpp"
#include "runtime/readers/factories.hpp"
#include "runtime/readers/line_reader.hpp"

namespace sigma::readers::detail {
namespace {

using sigma::Value;
using sigma::event::FieldStore;

constexpr std::uint64_t kWindow = 32;    // records to wait for the rest of an event
constexpr std::size_t kSyscallRing = 64;  // recent SYSCALL records remembered

// What an EXECVE record takes from its SYSCALL record when it lacks it.
constexpr std::array<std::string_view, 21> kEnrich = {
    "auid", "uid", "gid",  "euid",  "suid",    "fsuid", "egid", "sgid", "fsgid", "pid", "ppid",
    "exe",  "comm", "key", "ses",   "tty",     "success", "exit", "syscall", "arch", "subj"};

struct JoinedArg {
  std::uint32_t arg = 0;
  std::uint64_t length = 0;  // 0: unknown (pieces without aN_len)
  std::string text;
};

struct Record {
  FieldStore store;
  std::string line;  // owned copy: the record may wait while later lines are read
  auditd::Parsed parsed;
  std::uint64_t number = 0;  // line number
  std::uint64_t seq = 0;     // records read before and including this one
  bool awaiting_syscall = false;
  bool awaiting_args = false;
  std::vector<JoinedArg> joined;  // capacity reused; `joined_count` in use
  std::size_t joined_count = 0;

  bool ready() const { return !awaiting_syscall && !awaiting_args; }
  bool same_event(const Record& o) const {
    return !parsed.stamp.empty() && parsed.stamp == o.parsed.stamp &&
           parsed.node == o.parsed.node;
  }
  JoinedArg& arg(std::uint32_t n) {
    for (std::size_t i = 0; i < joined_count; ++i)
      if (joined[i].arg == n) return joined[i];
    if (joined_count == joined.size()) joined.emplace_back();
    JoinedArg& a = joined[joined_count++];
    a.arg = n, a.length = 0, a.text.clear();
    return a;
  }
  bool args_complete() const {
    for (std::size_t i = 0; i < joined_count; ++i)
      if (joined[i].text.size() < joined[i].length) return false;
    return true;
  }
};

// The enrichment fields of one SYSCALL record, copied out of it.
struct SyscallSlot {
  std::string node, stamp, text;
  struct Item {
    std::uint8_t field;  // index in kEnrich
    std::uint32_t offset, size;
  };
  std::vector<Item> items;
};

class CopySink final : public sigma::ValueSink {
 public:
  CopySink(SyscallSlot& slot, std::uint8_t field) : slot_(slot), field_(field) {}
  void value(const Value& v) override {
    if (v.type != Value::Type::String) return;
    slot_.items.push_back({field_, static_cast<std::uint32_t>(slot_.text.size()),
                           static_cast<std::uint32_t>(v.text.size())});
    slot_.text.append(v.text);
  }

 private:
  SyscallSlot& slot_;
  std::uint8_t field_;
};

// A FIFO of records on a ring buffer: std::deque would allocate as it slides.
class RecordQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  Record* operator[](std::size_t i) const { return buf_[(head_ + i) & (buf_.size() - 1)]; }
  Record* front() const { return (*this)[0]; }
  void pop_front() { head_ = (head_ + 1) & (buf_.size() - 1), --size_; }
  void push_back(Record* r) {
    if (size_ == buf_.size()) {
      std::vector<Record*> bigger(buf_.empty() ? 16 : buf_.size() * 2);
      for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
      buf_.swap(bigger);
      head_ = 0;
    }
    buf_[(head_ + size_++) & (buf_.size() - 1)] = r;
  }

 private:
  std::vector<Record*> buf_;  // size is a power of two
  std::size_t head_ = 0, size_ = 0;
};

class AuditdReader final : public Reader {
 public:
  AuditdReader(std::istream& in, std::string name, ErrorHandler err, const ReaderOptions& o)
      : Reader(std::move(name), std::move(err)), lines_(in, o.max_record_bytes, o.lines_before) {}

  const sigma::Event* next() override {
    if (current_ != nullptr) free_.push_back(current_), current_ = nullptr;
    for (;;) {
      if (!queue_.empty() && (queue_.front()->ready() || eof_)) {
        current_ = queue_.front();
        queue_.pop_front();
        finish(*current_);
        // Decoded and copied values (hex, the SYSCALL's fields, joined arguments) are the
        // arena's: without any, every value is a run of the record's line.
        if (current_->joined_count == 0 && current_->store.arena().empty())
          current_->store.promise_values_within_raw();
        record_ = current_->number;
        return &current_->store;
      }
      if (eof_) return nullptr;
      read_one();
    }
  }

  std::uint64_t record() const override { return record_; }

 private:
  Record* take() {
    if (free_.empty()) {
      pool_.push_back(std::make_unique<Record>());
      return pool_.back().get();
    }
    Record* r = free_.back();
    free_.pop_back();
    return r;
  }

  void read_one() {
    std::string_view line;
    switch (lines_.next_record(line)) {
      case LineReader::Status::End:
        eof_ = true;
        return;
      case LineReader::Status::TooLong:
        report(lines_.line_number(), "line too long: skipped");
        ++seq_;
        expire();
        return;
      case LineReader::Status::Line:
        break;
    }
    Record* r = take();
    r->line.assign(line.data(), line.size());
    r->store.clear();
    r->number = lines_.line_number();
    r->seq = ++seq_;
    r->awaiting_syscall = r->awaiting_args = false;
    r->joined_count = 0;
    if (!auditd::parse_record(r->line, r->store, r->parsed, why_)) {
      report(r->number, why_ + ": " + excerpt(r->line));
      free_.push_back(r);
      expire();
      return;
    }
    classify(*r);
    queue_.push_back(r);
    expire();
  }

  void classify(Record& r) {
    std::string_view type = r.parsed.type;
    if (r.parsed.stamp.empty()) return;
    if (type == "SYSCALL") {
      const SyscallSlot& slot = remember(r);
      for (std::size_t i = 0; i < queue_.size(); ++i) {
        Record* q = queue_[i];
        if (q->awaiting_syscall && q->same_event(r)) enrich(*q, slot), q->awaiting_syscall = false;
      }
    } else if (type == "EOE") {
      for (std::size_t i = 0; i < queue_.size(); ++i)
        if (queue_[i]->same_event(r)) queue_[i]->awaiting_syscall = queue_[i]->awaiting_args = false;
    } else if (type == "EXECVE") {
      if (!r.parsed.has_argc && continue_args(r)) return;
      for (const auditd::ArgLength& l : r.parsed.lengths) r.arg(l.arg).length = l.bytes;
      for (const auditd::Piece& p : r.parsed.pieces) r.arg(p.arg).text.append(p.text);
      r.awaiting_args = !r.args_complete();
      if (const SyscallSlot* slot = find_syscall(r)) {
        enrich(r, *slot);
      } else {
        r.awaiting_syscall = true;
      }
    }
  }

  // A continuation EXECVE record: hands its pieces to the waiting first record, if any.
  bool continue_args(Record& r) {
    for (std::size_t i = queue_.size(); i-- > 0;) {  // the latest first record of the event
      Record& head = *queue_[i];
      if (!head.awaiting_args || !head.same_event(r)) continue;
      for (const auditd::Piece& p : r.parsed.pieces) head.arg(p.arg).text.append(p.text);
      head.awaiting_args = !head.args_complete();
      return true;
    }
    return false;
  }

  const SyscallSlot& remember(Record& r) {
    SyscallSlot& slot = ring_[ring_next_++ % kSyscallRing];
    slot.node.assign(r.parsed.node);
    slot.stamp.assign(r.parsed.stamp);
    slot.text.clear();
    slot.items.clear();
    for (std::uint8_t i = 0; i < kEnrich.size(); ++i) {
      CopySink sink(slot, i);
      sigma::Field field{0, kEnrich[i], {}};
      r.store.lookup(field, sink);
    }
    return slot;
  }

  const SyscallSlot* find_syscall(const Record& r) const {
    std::size_t n = ring_next_ < kSyscallRing ? ring_next_ : kSyscallRing;
    for (std::size_t k = 1; k <= n; ++k) {  // newest first
      const SyscallSlot& slot = ring_[(ring_next_ - k) % kSyscallRing];
      if (slot.stamp == r.parsed.stamp && slot.node == r.parsed.node) return &slot;
    }
    return nullptr;
  }

  static void enrich(Record& r, const SyscallSlot& slot) {
    std::uint32_t added = 0;  // bit i: kEnrich[i] came from the SYSCALL (lists: keep adding)
    for (const SyscallSlot::Item& item : slot.items) {
      std::string_view name = kEnrich[item.field];
      bool mine = (added >> item.field) & 1u;
      if (!mine && r.store.contains(name)) continue;
      std::string_view text(slot.text.data() + item.offset, item.size);
      r.store.add(name, Value::string(r.store.arena().copy(text)));
      added |= 1u << item.field;
    }
  }

  // Releases records that have waited for kWindow records.
  void expire() {
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      Record* q = queue_[i];
      if (!q->ready() && seq_ - q->seq >= kWindow) q->awaiting_syscall = q->awaiting_args = false;
    }
  }

  // Last step before a record is handed out: its joined arguments become fields.
  static void finish(Record& r) {
    for (std::size_t i = 0; i < r.joined_count; ++i) {
      const JoinedArg& a = r.joined[i];
      char name[16];
      int n = std::snprintf(name, sizeof name, "a%u", static_cast<unsigned>(a.arg));
      std::string_view key = r.store.arena().copy(std::string_view(name, static_cast<std::size_t>(n)));
      r.store.add_if_absent(key, Value::string(a.text));
    }
  }

  LineReader lines_;
  std::vector<std::unique_ptr<Record>> pool_;
  std::vector<Record*> free_;
  RecordQueue queue_;
  Record* current_ = nullptr;
  std::array<SyscallSlot, kSyscallRing> ring_;
  std::size_t ring_next_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t record_ = 0;
  bool eof_ = false;
  std::string why_;
};

}  // namespace

std::unique_ptr<Reader> make_auditd_reader(std::istream& in, std::string name, ErrorHandler err,
                                           const ReaderOptions& options) {
  return std::make_unique<AuditdReader>(in, std::move(name), std::move(err), options);
}

}  // namespace sigma::readers::detail
