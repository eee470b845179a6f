// Fuzz target for the JSON event adapter: any bytes that simdjson accepts as a document are
// queried by dotted paths (exact key, nested, through arrays) and walked for strings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <simdjson.h>

#include "runtime/event/json_event.hpp"

namespace {

class Drain final : public sigma::ValueSink {
 public:
  void value(const sigma::Value& v) override { bytes += v.text.size(); }
  std::size_t bytes = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static simdjson::dom::parser parser;
  simdjson::padded_string text(reinterpret_cast<const char*>(data), size);
  simdjson::dom::element root;
  if (parser.parse(text).get(root) != simdjson::SUCCESS) return 0;
  sigma::event::JsonEvent event(root, std::string_view(text.data(), text.size()));
  Drain sink;
  static constexpr std::string_view kPaths[][3] = {
      {"a", "", ""}, {"a", "b", ""}, {"a", "b", "c"}, {"", "", ""}, {"a.b", "", ""}};
  for (const auto& p : kPaths) {
    std::size_t n = p[2].empty() ? (p[1].empty() ? 1 : 2) : 3;
    sigma::Field field{0, p[0], {p, n}};
    (void)event.lookup(field, sink);
    sigma::Field unsplit{0, "a.b.c", {}};
    (void)event.lookup(unsplit, sink);
  }
  event.for_each_string(sink);
  return 0;
}
