// How `sigmac scan` prints alerts: one JSON object per line, or aligned tables for people.
#pragma once

#include <cstdint>
#include <sigma/sigma.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sigmac {

// An alert kept for output, with where its event came from.
struct Row {
  sigma::Alert alert;
  // The input as named on the command line ("-" for stdin): a view of the name scan_stream was
  // given, which the caller keeps while it keeps the rows.
  std::string_view input;
  std::uint64_t record;  // 1-based record number in it
};

// {"rule_id":...,"title":...,"level":...,"input":...,"record":N,"fields":{...}}
std::string to_jsonl(const Row& row);

// Rows grouped by rule (in order of first appearance), each group a titled, aligned table.
std::string to_table(const std::vector<Row>& rows);

}  // namespace sigmac
