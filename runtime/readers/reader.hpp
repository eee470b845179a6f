// Log readers: turn an input stream into sigma::Events, one per record, for
// `sigmac scan --format jsonl|k8s-audit|auditd|syslog|evtx-json`.
//
//   auto reader = sigma::readers::open_reader(Format::Auditd, file, "audit.log",
//       [](const ReadError& e) { fmt::print(stderr, "{}:{}: {}\n", e.input, e.record, e.message); });
//   while (const sigma::Event* event = reader->next()) evaluate(*event);
//
// Contract, for every format:
//  - next() returns the next event, or nullptr at the end of the input. The event (and every
//    view it hands out) stays valid until the next call to next() or the reader's destruction.
//  - record() is the event's 1-based record number: its line number for the line formats
//    (jsonl, auditd, syslog), its ordinal among the JSON values for evtx-json.
//  - A broken record (not JSON, not an audit record, not syslog, too long...) is reported to
//    on_error with the input name, its record number and a short message, counted in errors(),
//    and skipped; reading goes on. Blank lines are neither events nor errors. No input, however
//    hostile (binary, invalid UTF-8, deep nesting, huge lines), makes a reader throw or crash.
//  - After warm-up the common path does not allocate per event: buffers are reused and values
//    are views into the record's own buffer.
//
// What each format yields (field names as the rules use them):
//  - jsonl: the JSON object as is (sigma::event::JsonEvent); raw() is the line.
//  - k8s-audit: jsonl whose records must be Kubernetes audit events (kind Event, apiVersion
//    audit.k8s.io/* when there is one); any other object is reported as a broken record.
//  - auditd: one event per audit record; see auditd_record.hpp and auditd_reader.cpp.
//  - syslog: _time, host, program, pid, message, _raw (+ facility, severity, msgid,
//    structured_data when present); RFC 3164 (also with RFC 3339 stamps) and RFC 5424.
//  - evtx-json: Windows events as evtx_dump-style JSON, flattened to Sigma's names; see
//    evtx_flatten.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <sigma/event.hpp>

namespace sigma::readers {

enum class Format { Jsonl, K8sAudit, Auditd, Syslog, EvtxJson };

// "jsonl", "k8s-audit" (also "kubernetes-audit"), "auditd", "syslog", "evtx-json" (also
// "evtx_json", "evtxjson"); nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);

struct ReadError {
  std::string input;     // the input name given to open_reader
  std::uint64_t record;  // 1-based, as Reader::record()
  std::string message;   // one line, printable, with a short excerpt of the bad record
};
using ErrorHandler = std::function<void(const ReadError&)>;

struct ReaderOptions {
  // A record longer than this is reported and skipped (its memory is never held).
  std::size_t max_record_bytes = 64u << 20;
  // Lines of the same input read before this stream (by another reader, for an earlier chunk
  // of a file): line numbers, and the record numbers of the line formats, continue from there.
  std::uint64_t lines_before = 0;
};

class Reader {
 public:
  virtual ~Reader();
  virtual const sigma::Event* next() = 0;
  virtual std::uint64_t record() const = 0;
  // Records read so far, broken ones included: for evtx-json its count of JSON values; for
  // the line formats the last event's record number (they number records by line).
  virtual std::uint64_t records_seen() const { return record(); }
  // Broken records reported so far.
  std::uint64_t errors() const { return errors_; }

 protected:
  Reader(std::string input, ErrorHandler on_error)
      : input_(std::move(input)), on_error_(std::move(on_error)) {}
  void report(std::uint64_t record, std::string message);

 private:
  std::string input_;
  ErrorHandler on_error_;
  std::uint64_t errors_ = 0;
};

std::unique_ptr<Reader> open_reader(Format format, std::istream& in, std::string input_name,
                                    ErrorHandler on_error, ReaderOptions options = {});

// A printable, bounded excerpt of a bad record for error messages: control bytes and
// non-ASCII escaped as \xNN, cut at `limit` bytes with "...".
std::string excerpt(std::string_view text, std::size_t limit = 60);

class SplitValues;
// An evtx-json reader over values a JsonSplitter cut elsewhere (json_splitter.hpp): the same
// events, records and errors as open_reader gives for those bytes; `values` must outlive it.
std::unique_ptr<Reader> open_split_evtx_json(const SplitValues& values, std::string input_name,
                                             ErrorHandler on_error);

}  // namespace sigma::readers
