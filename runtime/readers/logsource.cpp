#include "runtime/readers/logsource.hpp"

#include <charconv>

#include "runtime/text/ascii.hpp"

namespace sigma::readers {
namespace {

// First value of a top-level field, through the host interface.
class First final : public sigma::ValueSink {
 public:
  sigma::Value v;
  bool seen = false;
  void value(const sigma::Value& x) override {
    if (!seen) v = x;
    seen = true;
  }
};

sigma::Value first_value(const sigma::Event& event, std::string_view name) {
  const std::string_view path[] = {name};
  First sink;
  event.lookup(sigma::Field{0, name, path}, sink);
  return sink.v;
}

std::string_view text_of(const sigma::Value& v) {
  return v.type == sigma::Value::Type::String ? v.text : std::string_view();
}

std::int64_t int_of(const sigma::Value& v) {
  if (v.type == sigma::Value::Type::Int) return v.integer;
  std::int64_t i = -1;
  if (v.type == sigma::Value::Type::String)
    std::from_chars(v.text.data(), v.text.data() + v.text.size(), i);
  return i;
}

std::string_view sysmon(std::int64_t id, std::string_view event_type) {
  switch (id) {
    case 1: return "process_creation";
    case 2: return "file_change";
    case 3: return "network_connection";
    case 4:
    case 16: return "sysmon_status";
    case 5: return "process_termination";
    case 6: return "driver_load";
    case 7: return "image_load";
    case 8: return "create_remote_thread";
    case 9: return "raw_access_thread";
    case 10: return "process_access";
    case 11: return "file_event";
    case 12:
      if (text::ascii_iequal(event_type, "CreateKey")) return "registry_event,registry_add";
      if (text::ascii_iequal(event_type, "DeleteKey") || text::ascii_iequal(event_type, "DeleteValue"))
        return "registry_event,registry_delete";
      return "registry_event";
    case 13: return "registry_event,registry_set";
    case 14: return "registry_event,registry_rename";
    case 15: return "create_stream_hash";
    case 17:
    case 18: return "pipe_created";
    case 19:
    case 20:
    case 21: return "wmi_event";
    case 22: return "dns_query";
    case 23: return "file_delete";
    case 24: return "clipboard_change";
    case 25: return "process_tampering";
    case 26: return "file_delete_detected";
    case 27: return "file_block_executable";
    case 28: return "file_block_shredding";
    case 29: return "file_executable_detected";
    case 255: return "sysmon_error";
    default: return {};
  }
}

}  // namespace

std::string_view windows_categories(std::string_view channel, std::int64_t id,
                                    std::string_view event_type) {
  if (text::ascii_iequal(channel, "Microsoft-Windows-Sysmon/Operational")) return sysmon(id, event_type);
  if (text::ascii_iequal(channel, "Security")) return id == 4688 ? "process_creation" : "";
  if (text::ascii_iequal(channel, "Microsoft-Windows-PowerShell/Operational") ||
      text::ascii_iequal(channel, "PowerShellCore/Operational")) {
    if (id == 4103) return "ps_module";
    if (id == 4104) return "ps_script";
    return {};
  }
  if (text::ascii_iequal(channel, "Windows PowerShell")) {
    if (id == 400) return "ps_classic_start";
    if (id == 600) return "ps_classic_provider_start";
    if (id == 800) return "ps_classic_script";
    return {};
  }
  if (text::ascii_iequal(channel, "Microsoft-Windows-Windows Defender/Operational")) {
    switch (id) {
      case 1006: case 1007: case 1008: case 1009: case 1010: case 1011: case 1012:
      case 1017: case 1018: case 1019: case 1115: case 1116: return "antivirus";
      default: return {};
    }
  }
  return {};
}

sigma::EventSource source_of(Format format, const sigma::Event& event) {
  switch (format) {
    case Format::Auditd: return {{}, "linux", "auditd"};
    case Format::Syslog: return {{}, "linux", "syslog"};
    case Format::K8sAudit: return {{}, "kubernetes", "audit"};
    case Format::EvtxJson:
      return {windows_categories(text_of(first_value(event, "Channel")),
                                 int_of(first_value(event, "EventID")),
                                 text_of(first_value(event, "EventType"))),
              "windows",
              {}};
    case Format::Jsonl:
      if (text_of(first_value(event, "apiVersion")).starts_with("audit.k8s.io/"))
        return {{}, "kubernetes", "audit"};
      return {};
  }
  return {};
}

}  // namespace sigma::readers
