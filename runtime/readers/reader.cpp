#include "runtime/readers/reader.hpp"

#include <cstdio>

#include "runtime/readers/factories.hpp"

namespace sigma::readers {

Reader::~Reader() = default;

void Reader::report(std::uint64_t record, std::string message) {
  ++errors_;
  if (on_error_) on_error_(ReadError{input_, record, std::move(message)});
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "jsonl" || name == "json") return Format::Jsonl;
  if (name == "k8s-audit" || name == "kubernetes-audit" || name == "k8s_audit")
    return Format::K8sAudit;
  if (name == "auditd" || name == "audit") return Format::Auditd;
  if (name == "syslog") return Format::Syslog;
  if (name == "evtx-json" || name == "evtx_json" || name == "evtxjson") return Format::EvtxJson;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::Jsonl: return "jsonl";
    case Format::K8sAudit: return "k8s-audit";
    case Format::Auditd: return "auditd";
    case Format::Syslog: return "syslog";
    case Format::EvtxJson: return "evtx-json";
  }
  return "?";
}

std::string excerpt(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(text.size(), limit) + 8);
  std::size_t n = 0;
  for (unsigned char c : text) {
    if (n++ == limit) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

std::unique_ptr<Reader> open_reader(Format format, std::istream& in, std::string input_name,
                                    ErrorHandler on_error, ReaderOptions options) {
  switch (format) {
    case Format::Jsonl:
      return detail::make_jsonl_reader(in, std::move(input_name), std::move(on_error), options);
    case Format::K8sAudit:
      return detail::make_k8s_audit_reader(in, std::move(input_name), std::move(on_error), options);
    case Format::Auditd:
      return detail::make_auditd_reader(in, std::move(input_name), std::move(on_error), options);
    case Format::Syslog:
      return detail::make_syslog_reader(in, std::move(input_name), std::move(on_error), options);
    case Format::EvtxJson:
      return detail::make_evtx_json_reader(in, std::move(input_name), std::move(on_error),
                                           options);
  }
  return nullptr;
}

}  // namespace sigma::readers
