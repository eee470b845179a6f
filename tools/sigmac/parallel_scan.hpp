// Scanning one input with the rules, on one thread or several, with the alerts handed back in
// input order whatever the thread count.
//
// With several threads the calling thread reads the input in chunks of about chunk_bytes, cut
// at record boundaries (a line; for auditd a line where the event stamp changes, so a record
// still meets the SYSCALL of its event), and hands each to a worker with its own reader and
// Evaluator. For evtx-json the calling thread runs the JSON splitter a single reader would
// (so each byte is scanned once) and hands workers the values it cut, to parse. Chunks are
// emitted in order, with record numbers as a single reader would give them, and are freed by
// the worker that made them. At most 2 x threads chunks are in flight, so memory stays bounded
// on endless input.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <sigma/sigma.hpp>
#include <string>
#include <vector>

#include "runtime/readers/reader.hpp"
#include "tools/sigmac/alert_output.hpp"

namespace sigmac {

struct ScanSettings {
  unsigned threads = 1;
  std::size_t chunk_bytes = 1u << 20;
};

// What one stretch of the input gave, in input order.
struct ChunkResult {
  std::vector<Row> rows;                          // alerts
  std::vector<sigma::readers::ReadError> errors;  // broken records
  std::uint64_t events = 0;
};

struct ScanTotals {
  std::uint64_t events = 0, malformed = 0;
};

// Reads `in` (named `name` in rows and errors; rows view `name`, so it must outlive them) as
// `format` and evaluates every event, routed by its logsource (runtime/readers/logsource.hpp).
// `emit` is called on the calling thread, once per chunk, in input order.
ScanTotals scan_stream(std::istream& in, const std::string& name, sigma::readers::Format format,
                       const sigma::RuleSet& rules, const ScanSettings& settings,
                       const std::function<void(ChunkResult&)>& emit);

// The cores this machine has (at least 1).
unsigned default_threads();

}  // namespace sigmac
