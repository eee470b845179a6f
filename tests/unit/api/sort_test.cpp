// compare_alerts: the order a rule's `sort` asks for.
#include <catch.hpp>

#include <sigma/sigma.hpp>

#include <algorithm>

#include "runtime/text/time_text.hpp"

using namespace sigma;

namespace {

Alert alert(std::vector<OutputColumn> columns) {
  Alert a;
  a.columns = std::move(columns);
  return a;
}
OutputValue num(const char* t) { return {OutputValue::Type::Number, t, {}}; }
OutputValue str(const char* t) { return {OutputValue::Type::String, t, {}}; }

}  // namespace

TEST_CASE("sort keys: numbers, times, text, nulls last", "[api][sort]") {
  const std::vector<SortKey> score_then_time{{"Score", true}, {"_time", true}};
  const auto a = alert({{"Score", num("3")}, {"_time", str("2023-11-14T22:13:20.123Z")}});
  const auto b = alert({{"Score", num("10")}, {"_time", str("2023-11-14T22:13:20.100Z")}});
  const auto c = alert({{"Score", num("3")}, {"_time", str("2023-11-14T22:15:00Z")}});
  const auto d = alert({{"Score", {}}, {"_time", str("2024-01-01T00:00:00Z")}});
  // 10 > 3 numerically (not "10" < "3" as text); equal scores fall to the later time.
  CHECK(compare_alerts(b, a, score_then_time) < 0);
  CHECK(compare_alerts(c, a, score_then_time) < 0);
  CHECK(compare_alerts(a, c, score_then_time) > 0);
  CHECK(compare_alerts(a, a, score_then_time) == 0);
  // A missing value goes last in either direction.
  CHECK(compare_alerts(d, a, score_then_time) > 0);
  CHECK(compare_alerts(d, a, std::vector<SortKey>{{"Score", false}}) > 0);

  std::vector<Alert> all{a, b, c, d};
  std::stable_sort(all.begin(), all.end(), [&](const Alert& x, const Alert& y) {
    return compare_alerts(x, y, score_then_time) < 0;
  });
  std::vector<std::string> order;
  for (const auto& x : all) order.push_back(x.columns[1].value.text);
  CHECK(order == std::vector<std::string>{"2023-11-14T22:13:20.100Z", "2023-11-14T22:15:00Z",
                                          "2023-11-14T22:13:20.123Z", "2024-01-01T00:00:00Z"});
}

TEST_CASE("times of different forms compare as instants", "[api][sort]") {
  const std::vector<SortKey> by_time{{"_time", false}};
  const auto epoch = alert({{"_time", str("1700000000.5")}});                // 22:13:20.5Z
  const auto offset = alert({{"_time", str("2023-11-14T23:13:20.4+01:00")}});  // 22:13:20.4Z
  CHECK(compare_alerts(offset, epoch, by_time) < 0);
  const auto text_a = alert({{"_time", str("b")}});
  const auto text_b = alert({{"_time", str("a")}});
  CHECK(compare_alerts(text_b, text_a, by_time) < 0);
}

TEST_CASE("time text: ISO 8601 UTC and epoch seconds", "[api][time]") {
  using sigma::text::epoch_seconds;
  using sigma::text::iso_utc;
  CHECK(iso_utc("1700000000.123") == "2023-11-14T22:13:20.123Z");
  CHECK(iso_utc("1700000000") == "2023-11-14T22:13:20Z");
  CHECK(iso_utc("2019-09-20T20:25:37.335149Z") == "2019-09-20T20:25:37.335149Z");
  CHECK(iso_utc("2024-01-01T01:30:00+02:00") == "2023-12-31T23:30:00Z");
  CHECK(iso_utc("2024-01-01 00:00:00-0130") == "2024-01-01T01:30:00Z");
  CHECK(iso_utc("2024-02-29T12:00:00") == "2024-02-29T12:00:00Z");
  CHECK(iso_utc("0") == "1970-01-01T00:00:00Z");
  CHECK(iso_utc("9999-12-31T23:59:59.5Z") == "9999-12-31T23:59:59.5Z");
  CHECK(iso_utc("0987-06-05T04:03:02Z") == "0987-06-05T04:03:02Z");  // padded to four digits
  CHECK_FALSE(iso_utc("Nov 14 22:13:20"));
  CHECK_FALSE(iso_utc("yesterday"));
  CHECK_FALSE(iso_utc("2024-13-01T00:00:00Z"));
  CHECK_FALSE(iso_utc("1700000000."));
  CHECK(epoch_seconds("1970-01-01T00:00:01.5Z") == 1.5);
  REQUIRE(epoch_seconds("Nov 14 22:13:20"));
  CHECK(*epoch_seconds("Nov 14 22:13:20") < *epoch_seconds("Nov 14 22:13:21"));
  CHECK(*epoch_seconds("Feb  2 00:00:00") < *epoch_seconds("Nov 14 22:13:20"));
}
