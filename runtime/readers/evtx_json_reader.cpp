// The evtx-json reader: Windows events as JSON (one object, objects one after another,
// pretty-printed or one per line, or an array of them), each flattened to Sigma's field
// names (evtx_flatten.hpp). The original nested paths still resolve ("Event.System.EventID"):
// names the flat store lacks go to a JsonEvent over the same document. raw() is empty, so
// keyword rules search the events' string values rather than JSON text with escaped
// backslashes. record() is the ordinal of the top-level value; errors also name its line.
#include <simdjson.h>

#include "runtime/event/field_store.hpp"
#include "runtime/event/json_event.hpp"
#include "runtime/readers/evtx_flatten.hpp"
#include "runtime/readers/factories.hpp"
#include "runtime/readers/json_splitter.hpp"

namespace sigma::readers::detail {
namespace {

static_assert(JsonSplitter::kPadding >= simdjson::SIMDJSON_PADDING);

// `Split` gives the top-level values: a JsonSplitter over the stream, or a replay of what one
// gave on another thread (SplitValues).
template <class Split>
class EvtxJsonReader final : public Reader {
 public:
  template <class... Args>
  EvtxJsonReader(std::string name, ErrorHandler err, Args&&... split)
      : Reader(std::move(name), std::move(err)), split_(std::forward<Args>(split)...) {}

  const sigma::Event* next() override {
    std::string_view text;
    for (;;) {
      JsonSplitter::Status status = split_.next(text);
      if (status == JsonSplitter::Status::End) return nullptr;
      ++count_;
      switch (status) {
        case JsonSplitter::Status::Garbage:
          report(count_, "not a JSON object" + at() + ": " + excerpt(text));
          continue;
        case JsonSplitter::Status::TooLong:
          report(count_, "JSON value too long: skipped" + at());
          continue;
        case JsonSplitter::Status::Truncated:
          report(count_, "input ends inside a JSON value" + at());
          continue;
        default:
          break;
      }
      simdjson::dom::element doc;
      if (auto error = parser_.parse(text.data(), text.size(), false).get(doc)) {
        report(count_, std::string("invalid JSON (") + simdjson::error_message(error) + ")" + at() +
                           ": " + excerpt(text));
        continue;
      }
      store_.clear();
      json_.reset(doc);
      flatten_evtx(doc, store_);
      store_.set_fallback(&json_);
      record_ = count_;
      return &store_;
    }
  }

  std::uint64_t record() const override { return record_; }
  std::uint64_t records_seen() const override { return count_; }

 private:
  std::string at() const { return " (line " + std::to_string(split_.line()) + ")"; }

  Split split_;
  simdjson::dom::parser parser_;
  sigma::event::FieldStore store_;
  sigma::event::JsonEvent json_;
  std::uint64_t count_ = 0, record_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_evtx_json_reader(std::istream& in, std::string name, ErrorHandler err,
                                              const ReaderOptions& options) {
  return std::make_unique<EvtxJsonReader<JsonSplitter>>(
      std::move(name), std::move(err), in, options.max_record_bytes, options.lines_before);
}

}  // namespace sigma::readers::detail

namespace sigma::readers {

std::unique_ptr<Reader> open_split_evtx_json(const SplitValues& values, std::string input_name,
                                             ErrorHandler on_error) {
  return std::make_unique<detail::EvtxJsonReader<SplitValues::Replay>>(std::move(input_name),
                                                                       std::move(on_error), values);
}

}  // namespace sigma::readers
