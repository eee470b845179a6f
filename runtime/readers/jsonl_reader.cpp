// The jsonl reader: one JSON object per line (Kubernetes audit logs, exported Windows events).
// Each line is parsed in place by one reused simdjson DOM parser and handed out as a
// JsonEvent whose raw() is the line. Blank lines are skipped; any other line that is not a
// JSON object is reported.
#include <simdjson.h>

#include "runtime/event/json_event.hpp"
#include "runtime/readers/factories.hpp"
#include "runtime/readers/line_reader.hpp"

namespace sigma::readers::detail {
namespace {

static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);

class JsonlReader final : public Reader {
 public:
  JsonlReader(std::istream& in, std::string name, ErrorHandler err, const ReaderOptions& o)
      : Reader(std::move(name), std::move(err)), lines_(in, o.max_record_bytes) {}

  const sigma::Event* next() override {
    std::string_view line;
    for (;;) {
      switch (lines_.next_record(line)) {
        case LineReader::Status::End:
          return nullptr;
        case LineReader::Status::TooLong:
          report(lines_.line_number(), "line too long: skipped");
          continue;
        case LineReader::Status::Line:
          break;
      }
      simdjson::dom::element doc;
      // The line buffer keeps LineReader::kPadding bytes after the line: parse in place.
      if (auto error = parser_.parse(line.data(), line.size(), false).get(doc)) {
        report(lines_.line_number(), std::string("invalid JSON (") +
                                         simdjson::error_message(error) + "): " + excerpt(line));
        continue;
      }
      if (doc.type() != simdjson::dom::element_type::OBJECT) {
        report(lines_.line_number(), "not a JSON object: " + excerpt(line));
        continue;
      }
      record_ = lines_.line_number();
      event_.reset(doc, line);
      return &event_;
    }
  }

  std::uint64_t record() const override { return record_; }

 private:
  LineReader lines_;
  simdjson::dom::parser parser_;
  sigma::event::JsonEvent event_;
  std::uint64_t record_ = 0;
};

}  // namespace

std::unique_ptr<Reader> make_jsonl_reader(std::istream& in, std::string name, ErrorHandler err,
                                          const ReaderOptions& options) {
  return std::make_unique<JsonlReader>(in, std::move(name), std::move(err), options);
}

}  // namespace sigma::readers::detail
