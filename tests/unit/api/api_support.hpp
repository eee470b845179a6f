// Helpers for the public API tests: compile rules from text, evaluate string-map events.
#pragma once

#include <catch.hpp>

#include <sigma/adapters.hpp>
#include <sigma/sigma.hpp>

#include <map>
#include <string>
#include <vector>

namespace sigma::test {

// A Kubernetes audit rule: reads of secrets from 10/8 by accounts other than nodes.
inline const char* kSecretsRead = R"(
title: Secrets read
logsource: {product: kubernetes, service: audit}
detection:
    selection:
        verb: get
        objectRef.resource: secrets
        sourceIPs|cidr: 10.0.0.0/8
    filter:
        user.username: 'system:node:*'
    condition: selection and not filter
fields: [user.username, sourceIPs, objectRef.namespace]
)";

inline RuleSet compile_ok(const std::string& yaml) {
  Compiler c;
  c.add_source("rule.yml", yaml);
  RuleSet rules = c.build();
  for (const auto& d : c.diagnostics()) {
    INFO(format_diagnostic(d, c.source(d.location.file)));
    CHECK(d.severity != Severity::Error);
  }
  return rules;
}

inline std::vector<Diagnostic> errors_of(const std::string& yaml) {
  Compiler c;
  c.add_source("rule.yml", yaml);
  c.build();
  std::vector<Diagnostic> out;
  for (const auto& d : c.diagnostics())
    if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

// The alerts of one event as "name=text" cells per alert (lists joined by '|', null as "-").
inline std::vector<std::vector<std::string>> rows(Evaluator& ev,
                                                  const std::map<std::string, std::string>& f,
                                                  const EventSource& source = {}) {
  MapEvent event(f);
  std::vector<std::vector<std::string>> out;
  for (const auto& a : ev.evaluate(event, source)) {
    std::vector<std::string> row;
    for (const auto& c : a.columns) {
      std::string text = c.value.type == OutputValue::Type::Null ? "-" : c.value.text;
      for (std::size_t i = 0; i < c.value.list.size(); ++i)
        text += (i ? "|" : "") + c.value.list[i];
      row.push_back(c.name + "=" + text);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace sigma::test
