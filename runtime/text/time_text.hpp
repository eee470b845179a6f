// Event times as text: the forms logs write them in, to one ISO 8601 UTC form and to instants
// for sorting. (The Sigma time modifiers have their own, offset-blind reading in
// runtime/match/timestamp.hpp, as the spec asks.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sigma::text {

// "2023-11-14T22:13:20.123Z" from:
//   epoch seconds with an optional fraction ("1700000000.123", as auditd writes it);
//   ISO 8601 / RFC 3339 ("2023-11-14T23:13:20.5+01:00", "2023-11-14 22:13:20", offset-less
//   times are taken as UTC), converted to UTC.
// The fraction keeps the digits it was written with. nullopt for anything else.
std::optional<std::string> iso_utc(std::string_view text);

// Seconds since the epoch (with the fraction) of any form iso_utc() reads, or of an RFC 3164
// stamp ("Nov 14 22:13:20", whose year is unknown: times of one year still order correctly).
std::optional<double> epoch_seconds(std::string_view text);

}  // namespace sigma::text
