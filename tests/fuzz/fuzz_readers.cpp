// Fuzz target for the log readers: the same bytes go through every format, and every event
// produced is queried the way the engine queries it. A reader must never crash, hang or leak
// on any input; bad records are reported through the error callback.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "runtime/readers/reader.hpp"

namespace {

class Drain final : public sigma::ValueSink {
 public:
  void value(const sigma::Value& v) override { bytes += v.text.size() + (v.type == sigma::Value::Type::Int); }
  std::size_t bytes = 0;
};

constexpr std::string_view kProbe[][4] = {
    {"type", "", "", ""},        {"a0", "", "", ""},           {"a1", "", "", ""},
    {"key", "", "", ""},         {"proctitle", "", "", ""},    {"message", "", "", ""},
    {"EventID", "", "", ""},     {"Image", "", "", ""},        {"Data", "", "", ""},
    {"Event", "System", "EventID", ""}, {"a", "b", "c", ""},  {"_raw", "", "", ""}};

void query(const sigma::Event& event) {
  Drain sink;
  for (const auto& probe : kProbe) {
    std::size_t n = 0;
    while (n < 4 && !probe[n].empty()) ++n;
    std::string name;
    for (std::size_t i = 0; i < n; ++i) name += (i ? "." : "") + std::string(probe[i]);
    sigma::Field field{0, name, {probe, n}};
    (void)event.lookup(field, sink);
  }
  event.for_each_string(sink);
  sink.bytes += event.raw().size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (auto format : {sigma::readers::Format::Jsonl, sigma::readers::Format::Auditd,
                      sigma::readers::Format::Syslog, sigma::readers::Format::EvtxJson}) {
    std::istringstream in(bytes);
    sigma::readers::ReaderOptions options;
    options.max_record_bytes = 4096;  // small, so the too-long paths are reachable
    std::uint64_t errors = 0;
    auto reader = sigma::readers::open_reader(format, in, "fuzz", [&](const sigma::readers::ReadError&) { ++errors; }, options);
    while (const sigma::Event* event = reader->next()) query(*event);
    if (errors != reader->errors()) __builtin_trap();
  }
  return 0;
}
