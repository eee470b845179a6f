// Logsource routing: which rules can apply to events of one source.
//
// A source is what a reader knows of an event, in Sigma's logsource terms. Each part may be
// empty (unknown); `categories` may name several, comma-separated, for an event that is several
// categories at once (a Sysmon registry value set is registry_set and registry_event).
//
// A rule fits a source when, part by part:
//  - product, service: the rule leaves it open, the source does not know it, or they are equal
//    (ASCII case-insensitive);
//  - category: the rule leaves it open; or the source lists the rule's category; or the source
//    does not know its categories and the rule is not a product-less one on a source whose
//    product is known. So `category: database` (no product) never runs on Windows events,
//    while `product: windows, category: file_access` still runs on a Windows event whose
//    category the reader cannot tell.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ir/ir.hpp"

namespace sigma::runtime {

struct Source {
  std::string_view categories, product, service;
};

bool fits(const ir::Logsource& rule, const Source& source);

// A string naming the source exactly, for caching per-source rule indexes.
std::string source_key(const Source& source);

}  // namespace sigma::runtime
