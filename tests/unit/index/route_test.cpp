#include <catch.hpp>

#include "runtime/index/route.hpp"

using sigma::ir::Logsource;
using sigma::runtime::fits;
using sigma::runtime::Source;

TEST_CASE("a rule fits a source part by part", "[route]") {
  const Logsource proc{"process_creation", "windows", ""};
  CHECK(fits(proc, {}));  // nothing known of the source
  CHECK(fits(proc, {"", "windows", ""}));
  CHECK(fits(proc, {"", "Windows", ""}));  // case-insensitive
  CHECK_FALSE(fits(proc, {"", "linux", "auditd"}));
  CHECK(fits(proc, {"process_creation", "windows", ""}));
  CHECK_FALSE(fits(proc, {"file_event", "windows", ""}));
  CHECK(fits(Logsource{"", "windows", "security"}, {"", "windows", ""}));
  CHECK_FALSE(fits(Logsource{"", "linux", "auditd"}, {"", "linux", "syslog"}));
}

TEST_CASE("a source may be several categories at once", "[route]") {
  const Source reg{"registry_event, registry_set", "windows", ""};
  CHECK(fits(Logsource{"registry_set", "windows", ""}, reg));
  CHECK(fits(Logsource{"registry_event", "windows", ""}, reg));
  CHECK_FALSE(fits(Logsource{"registry_add", "windows", ""}, reg));
  CHECK_FALSE(fits(Logsource{"registry", "windows", ""}, reg));  // whole names only
}

TEST_CASE("a product-less rule needs its category on a source with a product", "[route]") {
  const Logsource database{"database", "", ""};
  CHECK_FALSE(fits(database, {"", "windows", ""}));
  CHECK_FALSE(fits(database, {"process_creation", "windows", ""}));
  CHECK(fits(database, {"database", "mysql", ""}));
  CHECK(fits(database, {}));  // an unknown source: every rule is evaluated
  // Antivirus rules name no product; a Defender detection is of that category.
  CHECK(fits(Logsource{"antivirus", "", ""}, {"antivirus", "windows", ""}));
  // A rule with a product still runs where the category is unknown.
  CHECK(fits(Logsource{"file_access", "windows", ""}, {"", "windows", ""}));
}
