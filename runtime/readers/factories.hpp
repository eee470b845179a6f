// Internal: one factory per format, each defined in its <format>_reader.cpp; open_reader picks.
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "runtime/readers/reader.hpp"

namespace sigma::readers::detail {

std::unique_ptr<Reader> make_jsonl_reader(std::istream& in, std::string name, ErrorHandler err,
                                          const ReaderOptions& options);
std::unique_ptr<Reader> make_k8s_audit_reader(std::istream& in, std::string name,
                                              ErrorHandler err, const ReaderOptions& options);
std::unique_ptr<Reader> make_auditd_reader(std::istream& in, std::string name, ErrorHandler err,
                                           const ReaderOptions& options);
std::unique_ptr<Reader> make_syslog_reader(std::istream& in, std::string name, ErrorHandler err,
                                           const ReaderOptions& options);
std::unique_ptr<Reader> make_evtx_json_reader(std::istream& in, std::string name,
                                              ErrorHandler err, const ReaderOptions& options);

}  // namespace sigma::readers::detail
