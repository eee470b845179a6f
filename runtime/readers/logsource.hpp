// The Sigma logsource of an event, as far as its format tells: what `sigmac scan` routes rules
// by (runtime/index/route.hpp says how a rule is matched against it).
//
//  - auditd: product linux, service auditd; syslog: product linux, service syslog;
//  - k8s-audit, and jsonl records whose apiVersion is audit.k8s.io/*: kubernetes / audit;
//  - evtx-json: product windows, and the categories the event is, from its channel and EventID
//    (the inverse of the bundled `windows` pipeline's mapping: Sysmon 1 and Security 4688 are
//    process_creation, Sysmon 13 is registry_set and registry_event, Defender's detections are
//    antivirus, ...); none for events outside that mapping (the rules with a category are then
//    still evaluated, unless they name no product);
//  - other jsonl: unknown (every rule is evaluated).
#pragma once

#include <sigma/event.hpp>
#include <sigma/sigma.hpp>

#include <string_view>

#include "runtime/readers/reader.hpp"

namespace sigma::readers {

sigma::EventSource source_of(Format format, const sigma::Event& event);

// The categories of a Windows event ("" when none is known), comma-separated.
std::string_view windows_categories(std::string_view channel, std::int64_t event_id,
                                    std::string_view event_type);

}  // namespace sigma::readers
