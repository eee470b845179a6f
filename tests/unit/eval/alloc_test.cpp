// After warm-up, evaluating an event allocates nothing: counted by replacing the global
// operator new in this test binary and measuring only around the evaluation loop.
#include <catch.hpp>

#include <re2/re2.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "runtime/match/cidr.hpp"
#include "tests/unit/eval/eval_fixture.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// GCC sees malloc behind our operator new and free behind our operator delete and, inlining
// both, warns of a mismatch that replacing the pair on purpose makes impossible.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

// AddressSanitizer has its own operator new family; mixing ours with it is a false alarm, so
// the count runs only in builds without it (the normal test build always has it).
#if defined(__SANITIZE_ADDRESS__)
#define SIGMA_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIGMA_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef SIGMA_COUNT_ALLOCATIONS
#define SIGMA_COUNT_ALLOCATIONS 1
#endif

#if SIGMA_COUNT_ALLOCATIONS
void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

TEST_CASE("no allocation per event after warm-up", "[alloc]") {
  if (!SIGMA_COUNT_ALLOCATIONS) {
    WARN("allocation counting is off under AddressSanitizer");
    return;
  }
  ProgramBuilder pb;
  RE2::Options opt;
  opt.set_case_sensitive(false);
  const auto re = std::make_shared<RE2>("-enc(odedcommand)?\\s", opt);
  const auto proc = pb.field("Proc");
  pb.rule("glob", L(pb.str("Image", StringOp::Glob, "*\\POWERSHELL?.exe")));
  pb.rule("contains", And({L(pb.str("CommandLine", StringOp::Contains, "ÜBER")),
                           Not(L(pb.leaf("User", ir::IsNull{})))}));
  pb.rule("regex", L(pb.leaf("CommandLine", ir::RegexMatch{"-enc", true, false, false, re})));
  pb.rule("number", L(pb.leaf("EventID", ir::NumberCmp{ir::CmpOp::Gte, 4000, "4000"})));
  pb.rule("numtext", L(pb.eq("EventID", "4688")));
  pb.rule("cidr", L(pb.leaf("Ip", ir::CidrMatch{*match::parse_cidr("10.0.0.0/8"), "10/8"})));
  pb.rule("ref", L(pb.leaf("Image", ir::FieldRef{proc, StringOp::Contains, false})));
  pb.rule("time", L(pb.leaf("When", ir::TimeCmp{ir::TimePart::Week, ir::CmpOp::Eq, 18})));
  pb.rule("keywords", L(pb.str("*keywords*", StringOp::Contains, "DOCKER")));
  const runtime::Engine engine(pb.build());

  std::vector<MockEvent> events;
  for (int i = 0; i < 8; ++i) {
    MockEvent ev{{"Image", {str("C:\\Windows\\PowerShell" + std::to_string(i) + ".EXE")}},
                 {"CommandLine", {str("PowerShell -EncodedCommand ÜBER" + std::string(i, 'x'))}},
                 {"User", {str(i % 2 ? "bob" : "ALICE")}},
                 {"Proc", {str("POWERSHELL")}},
                 {"EventID", {num(4688 + i % 2), str("4688")}},
                 {"Ip", {str("10.0.0." + std::to_string(i))}},
                 {"When", {str("2024-05-01T13:45:10Z"), num(1700000000)}},
                 {"Tags", {str("Docker"), str("KUBE")}}};
    if (i % 2) ev.set_raw("RAW docker TEXT " + std::to_string(i));
    events.push_back(std::move(ev));
  }
  runtime::Scratch scratch(engine);
  std::vector<std::uint32_t> hits;
  hits.reserve(64);
  // The mock counts lookups in a std::map: warm it up too, so its nodes exist.
  for (int round = 0; round < 3; ++round)
    for (const MockEvent& ev : events) {
      hits.clear();
      runtime::match(engine, ev, scratch, hits);
    }

  // The counter is live (the replacement operator new is the one in use).
  const long probe = g_allocations.load();
  delete new std::string(100, 'x');
  REQUIRE(g_allocations.load() > probe);

  const long before = g_allocations.load();
  std::size_t total = 0;
  for (int round = 0; round < 50; ++round)
    for (const MockEvent& ev : events) {
      hits.clear();
      runtime::match(engine, ev, scratch, hits);
      total += hits.size();
    }
  const long during = g_allocations.load() - before;
  CHECK(during == 0);
  CHECK(total > 0);
  CHECK(hits.size() == engine.program().rules.size());  // the last event fires every rule
}
