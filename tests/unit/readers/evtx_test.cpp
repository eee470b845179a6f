#include <catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/readers/read_all.hpp"

namespace fs = std::filesystem;
using sigma::readers::Format;
using sigma::test::read_all;

namespace {

// A Sysmon process creation in the evtx_dump JSON shape that SigmaHQ's regression_data uses
// (values made up for this test).
const char* kSysmon1 = R"({
  "Event": {
    "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
    "System": {
      "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon",
                                   "Guid": "0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0"}},
      "EventID": 1, "Version": 5, "Level": 4,
      "TimeCreated": {"#attributes": {"SystemTime": "2024-03-05T12:34:56.789012Z"}},
      "EventRecordID": 771, "Correlation": null,
      "Execution": {"#attributes": {"ProcessID": 2100, "ThreadID": 2204}},
      "Channel":"Microsoft-Windows-Sysmon/Operational",
      "Computer": "lab-ws07",
      "Security": {"#attributes": {"UserID": "S-1-5-18"}}
    },
    "EventData": {
      "RuleName": "-",
      "ProcessId": 6120,
      "Image": "C:\\Windows\\System32\\whoami.exe",
      "CommandLine": "whoami.exe /groups /fo list",
      "Version": "sysmon's own"
    }
  }
}
)";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("evtx-json: flattening to Sigma's names", "[evtx]") {
  auto r = read_all(Format::EvtxJson, kSysmon1,
                    {"Event.System.EventID", "Event.EventData.Image", "Event.System.Channel"});
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 1);
  const auto& e = r.events[0];
  CHECK(e.record == 1);
  CHECK(e["EventID"] == "int:1");
  CHECK(e["Channel"] == "Microsoft-Windows-Sysmon/Operational");
  CHECK(e["Computer"] == "lab-ws07");
  CHECK(e["Provider_Name"] == "Microsoft-Windows-Sysmon");
  CHECK(e["Provider_Guid"] == "0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0");
  CHECK(e["Security_UserID"] == "S-1-5-18");
  CHECK(e["Execution_ProcessID"] == "int:2100");
  CHECK(e["_time"] == "2024-03-05T12:34:56.789012Z");
  CHECK(e["Image"] == "C:\\Windows\\System32\\whoami.exe");
  CHECK(e["CommandLine"] == "whoami.exe /groups /fo list");
  CHECK(e["ProcessId"] == "int:6120");
  CHECK(e["Version"] == "sysmon's own");  // EventData wins over System
  CHECK(e["Correlation"] == "<absent>");   // null System entries are left out
  CHECK(e["xmlns"] == "<absent>");
  // The original nested paths still resolve.
  CHECK(e["Event.System.EventID"] == "int:1");
  CHECK(e["Event.EventData.Image"] == "C:\\Windows\\System32\\whoami.exe");
  CHECK(e["Event.System.Channel"] == "Microsoft-Windows-Sysmon/Operational");
  CHECK(e.raw.empty());  // keywords search the values
}

TEST_CASE("evtx-json: Data lists, UserData and text-wrapped EventID", "[evtx]") {
  const char* xml_style = R"({"Event":{
    "System":{"Provider":{"@Name":"Microsoft-Windows-Security-Auditing"},
              "EventID":{"@Qualifiers":"0","#text":"4688"},
              "Channel":"Security","Computer":"dc1",
              "TimeCreated":{"@SystemTime":"2024-05-01T10:00:00.000Z"}},
    "EventData":{"Data":[
      {"@Name":"NewProcessName","#text":"C:\\Windows\\System32\\whoami.exe"},
      {"#attributes":{"Name":"SubjectUserName"},"#text":"alice"},
      {"Name":"TokenElevationType","Value":"%%1936"},
      {"@Name":"ParentProcessName"},
      "unnamed one", "unnamed two"]}}})";
  const char* userdata = R"({"Event":{"System":{"EventID":5858,"Channel":"Microsoft-Windows-WMI-Activity/Operational"},
    "UserData":{"Operation_ClientFailure":{"#attributes":{"xmlns":"http://x"},
      "User":"lab-ws07\\carol","ClientProcessId":4411,
      "Operation":"Start IWbemServices::ExecMethod","Nested":{"Deep":"yes"},
      "Items":[{"Item":"a"},{"Item":"b"}]}}}})";
  const char* single_data = R"({"Event":{"System":{"EventID":"104"},
    "EventData":{"Data":{"@Name":"Channel","#text":"System"}}}})";
  auto r = read_all(Format::EvtxJson, std::string(xml_style) + "\n" + userdata + "\n" + single_data);
  REQUIRE(r.errors.empty());
  REQUIRE(r.events.size() == 3);
  const auto& a = r.events[0];
  CHECK(a["EventID"] == "int:4688");
  CHECK(a["EventID_Qualifiers"] == "0");
  CHECK(a["Provider_Name"] == "Microsoft-Windows-Security-Auditing");
  CHECK(a["_time"] == "2024-05-01T10:00:00.000Z");
  CHECK(a["NewProcessName"] == "C:\\Windows\\System32\\whoami.exe");
  CHECK(a["SubjectUserName"] == "alice");
  CHECK(a["TokenElevationType"] == "%%1936");
  CHECK(a["ParentProcessName"].empty());
  CHECK(a["Data"] == "unnamed one|unnamed two");
  const auto& b = r.events[1];
  CHECK(b["User"] == "lab-ws07\\carol");
  CHECK(b["ClientProcessId"] == "int:4411");
  CHECK(b["Deep"] == "yes");
  CHECK(b["Item"] == "a|b");
  CHECK(b["EventID"] == "int:5858");
  CHECK(r.events[2]["EventID"] == "int:104");
  CHECK(r.events[2]["Channel"] == "System");  // the EventData name wins
  CHECK(r.events[2].record == 3);
}

TEST_CASE("evtx-json: concatenated, arrays, garbage and truncation", "[evtx]") {
  std::string text = std::string("[") + kSysmon1 + ",\n" + kSysmon1 + "]\n" +
                     "oops this is not json\n" + R"({"Event": {"System": {"EventID": 2}} })" +
                     "\n" + R"({"Event": {"System": {"EventID": 3}, "bad": tru}})" + "\n" +
                     R"({"Event": {"System": {"EventID": 4}}})" + "\n" +
                     R"({"Event": {"System": {"EventID": 5 )";
  auto r = read_all(Format::EvtxJson, text);
  REQUIRE(r.events.size() == 4);
  CHECK(r.events[0]["EventID"] == "int:1");
  CHECK(r.events[1]["EventID"] == "int:1");
  CHECK(r.events[2]["EventID"] == "int:2");
  CHECK(r.events[2].record == 4);
  CHECK(r.events[3]["EventID"] == "int:4");
  CHECK(r.events[3].record == 6);
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].record == 3);
  CHECK(r.errors[0].message.find("not a JSON object") != std::string::npos);
  CHECK(r.errors[0].message.find("oops") != std::string::npos);
  CHECK(r.errors[1].record == 5);
  CHECK(r.errors[1].message.find("invalid JSON") != std::string::npos);
  CHECK(r.errors[2].record == 7);
  CHECK(r.errors[2].message.find("ends inside") != std::string::npos);
}

TEST_CASE("evtx-json: SigmaHQ regression events read without errors", "[evtx][corpus]") {
  fs::path root = fs::path(SIGMA_SHARED_DIR) / "corpus" / "sigmahq" / "regression_data";
  if (!fs::is_directory(root)) {
    WARN("skipped: " << root << " not found (the shared corpus is not in the repository)");
    return;
  }
  std::size_t files = 0, events = 0, with_image = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    auto r = read_all(Format::EvtxJson, slurp(entry.path()), {"Event.System.Channel"});
    INFO(entry.path());
    CHECK(r.errors.empty());
    CHECK(!r.events.empty());
    for (const auto& e : r.events) {
      ++events;
      CHECK(e["EventID"] != "<absent>");
      CHECK(e["Channel"] == e["Event.System.Channel"]);
      CHECK(e["Provider_Name"] != "<absent>");
      CHECK(e["_time"] != "<absent>");
      if (e["Image"] != "<absent>") ++with_image;
    }
  }
  CHECK(files >= 150);
  CHECK(events >= files);
  CHECK(with_image > 100);
}

TEST_CASE("evtx-json: data names with spaces are also given without them", "[evtx]") {
  const char* defender = R"({"Event":{"System":{"EventID":1116,
      "Channel":"Microsoft-Windows-Windows Defender/Operational"},
      "EventData":{"Threat Name":"Virus:DOS/EICAR_Test_File","Source Name":"Real-Time Protection",
                   "Data":[{"#attributes":{"Name":"Process Name"},"#text":"C:\\x\\a.exe"}]}}})";
  auto r = read_all(Format::EvtxJson, defender);
  REQUIRE(r.events.size() == 1);
  const auto& e = r.events[0];
  CHECK(e["Threat Name"] == "Virus:DOS/EICAR_Test_File");
  CHECK(e["ThreatName"] == "Virus:DOS/EICAR_Test_File");
  CHECK(e["SourceName"] == "Real-Time Protection");
  CHECK(e["ProcessName"] == "C:\\x\\a.exe");
  CHECK(e["Process Name"] == "C:\\x\\a.exe");
}
