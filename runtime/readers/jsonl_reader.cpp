// The jsonl reader: one JSON object per line (Kubernetes audit logs, exported Windows events).
// Each line is parsed in place by one reused simdjson DOM parser and handed out as a
// JsonEvent whose raw() is the line. Blank lines are skipped; any other line that is not a
// JSON object is reported.
//
// The k8s-audit flavour also reports objects that are not Kubernetes audit events (as Falco
// does: "data not recognized as a k8s audit event"), so rules for kubernetes/audit only ever
// see audit events.
#include <simdjson.h>

#include "runtime/event/json_event.hpp"
#include "runtime/readers/factories.hpp"
#include "runtime/readers/line_reader.hpp"

namespace sigma::readers::detail {
namespace {

static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);

class JsonlReader final : public Reader {
 public:
  JsonlReader(std::istream& in, std::string name, ErrorHandler err, const ReaderOptions& o,
              bool audit_events_only)
      : Reader(std::move(name), std::move(err)),
        lines_(in, o.max_record_bytes, o.lines_before),
        audit_events_only_(audit_events_only) {}

  const sigma::Event* next() override {
    std::string_view line;
    for (;;) {
      const auto too_long = [&](std::uint64_t n) { report(n, "line too long: skipped"); };
      if (!lines_.next_record(line, too_long)) return nullptr;
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
      if (audit_events_only_ && !is_audit_event(doc)) {
        report(lines_.line_number(),
               "not a Kubernetes audit event (needs \"kind\": \"Event\", and an audit.k8s.io "
               "apiVersion if any): " + excerpt(line));
        continue;
      }
      record_ = lines_.line_number();
      event_.reset(doc, line);
      return &event_;
    }
  }

  std::uint64_t record() const override { return record_; }

 private:
  static bool is_audit_event(simdjson::dom::element doc) {
    // Old audit logs (Kubernetes 1.11 and before) carry no apiVersion.
    std::string_view kind, api;
    if (doc["kind"].get(kind) != simdjson::SUCCESS || kind != "Event") return false;
    auto version = doc["apiVersion"];
    if (version.error() == simdjson::NO_SUCH_FIELD) return true;
    return version.get(api) == simdjson::SUCCESS && api.starts_with("audit.k8s.io/");
  }

  LineReader lines_;
  simdjson::dom::parser parser_;
  sigma::event::JsonEvent event_;
  std::uint64_t record_ = 0;
  bool audit_events_only_ = false;
};

}  // namespace

std::unique_ptr<Reader> make_jsonl_reader(std::istream& in, std::string name, ErrorHandler err,
                                          const ReaderOptions& options) {
  return std::make_unique<JsonlReader>(in, std::move(name), std::move(err), options, false);
}

std::unique_ptr<Reader> make_k8s_audit_reader(std::istream& in, std::string name,
                                              ErrorHandler err, const ReaderOptions& options) {
  return std::make_unique<JsonlReader>(in, std::move(name), std::move(err), options, true);
}

}  // namespace sigma::readers::detail
