// Case-insensitive matching uses Unicode simple case folding (CaseFolding.txt C + S), on both
// the rule's literal (folded by the compiler, here by the builder) and the event's text.
#include <catch.hpp>

#include "tests/unit/eval/eval_fixture.hpp"

using namespace sigma;
using namespace sigma::test;
using ir::StringOp;

namespace {

bool same(std::string_view pattern, std::string_view text, StringOp op = StringOp::Exact) {
  ProgramBuilder pb;
  const auto id = pb.str("f", op, pattern);
  const runtime::Engine engine(pb.build());
  return eval_once(engine, L(id), MockEvent{{"f", {str(std::string(text))}}});
}

}  // namespace

TEST_CASE("ASCII case", "[unicode]") {
  CHECK(same("cmd.exe", "CMD.EXE"));
  CHECK(same("CMD.EXE", "cmd.exe"));
  CHECK(same("\\Cmd.Exe", "C:\\WINDOWS\\cmd.exe", StringOp::Suffix));
}

TEST_CASE("beyond ASCII", "[unicode]") {
  CHECK(same("ÉCOLE", "école"));
  CHECK(same("straße", "STRAẞE"));        // U+1E9E capital sharp s folds to ß (status S)
  CHECK_FALSE(same("strasse", "straße"));  // full folding (ß -> ss) is not simple folding
  CHECK(same("k", "\u212A"));              // KELVIN SIGN folds to k
  CHECK(same("\u212A", "K"));
  CHECK(same("ΣΊΣΥΦΟΣ", "σίσυφος"));       // Σ, σ and final ς all fold to σ
  CHECK(same("σίσυφος", "ΣΊΣΥΦΟΣ"));
  CHECK(same("ς", "Σ"));
  CHECK(same("ПРИВЕТ", "привет", StringOp::Prefix));
  CHECK(same("*ПРИ?ЕТ*", "ох, привет!", StringOp::Glob));
  // U+0130 (I with dot above) has only full (F) and Turkic (T) foldings: simple folding keeps
  // it, so it matches itself but neither `i` nor `I`.
  CHECK(same("İ", "İ"));
  CHECK_FALSE(same("i", "İ"));
  CHECK_FALSE(same("I", "İ"));
  // The ASCII `I` folds to `i`, never to dotless ı (that is the Turkic mapping).
  CHECK_FALSE(same("ı", "I"));
}

TEST_CASE("cased leaves see raw bytes", "[unicode]") {
  ProgramBuilder pb;
  const auto cased = pb.str("f", StringOp::Exact, "ΣΑΣ", true);
  const auto folded = pb.str("f", StringOp::Exact, "ΣΑΣ");
  const runtime::Engine engine(pb.build());
  const MockEvent lower{{"f", {str("σας")}}};
  CHECK_FALSE(eval_once(engine, L(cased), lower));
  CHECK(eval_once(engine, L(folded), lower));
  const MockEvent upper{{"f", {str("ΣΑΣ")}}};
  CHECK(eval_once(engine, L(cased), upper));
}

TEST_CASE("invalid UTF-8 in events is compared byte for byte", "[unicode]") {
  CHECK(same("a\xff" "b", "A\xff" "B"));
  CHECK(same("*\xc3*", "x\xc3y", StringOp::Glob));
}
