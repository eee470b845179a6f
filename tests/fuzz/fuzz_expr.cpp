// Fuzzes the expression language end to end: parse, dump, compile, evaluate, format. Names
// resolve to a fixed mix of variables, selections and fields (string, number, list, absent),
// so every code path of the evaluator is reachable from text alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/expr/expr_eval.hpp"
#include "compiler/expr/expr_format.hpp"
#include "compiler/expr/expr_grammar.hpp"
#include "compiler/expr/expr_program.hpp"

namespace {

using sigma::expr::Value;

// Variables are names starting with `v`, selections with `sel`, everything else a field.
class Names final : public sigma::expr::Resolver {
 public:
  std::optional<std::uint32_t> variable(std::string_view name) override {
    if (!name.starts_with("v")) return std::nullopt;
    return static_cast<std::uint32_t>(name.size() % 3);
  }
  std::optional<std::uint32_t> selection(std::string_view name) override {
    if (!name.starts_with("sel")) return std::nullopt;
    return static_cast<std::uint32_t>(name.size() % 2);
  }
  std::uint32_t field(std::string_view name) override {
    return static_cast<std::uint32_t>(name.size() % 6);
  }
};

class Event final : public sigma::expr::Context {
 public:
  std::span<const sigma::Value> field(std::uint32_t id, bool& present) const override {
    static const sigma::Value command[] = {
        sigma::Value::string("kubectl get secrets -n kube-system")};
    static const sigma::Value number[] = {sigma::Value::from_int(42)};
    static const sigma::Value list[] = {
        sigma::Value::string("10.0.0.1"), sigma::Value::from_double(-2.5), sigma::Value::null(),
        sigma::Value::from_bool(true), sigma::Value::from_bool(true)};
    static const sigma::Value negative[] = {sigma::Value::string("-17")};
    static const sigma::Value other[] = {sigma::Value::string("\xc3\x84\xff straße")};
    present = id != 0;  // 0: absent
    switch (id) {
      case 0:
        return {};
      case 1:
        return command;
      case 2:
        return number;
      case 3:
        return list;
      case 4:
        return negative;
      default:
        return other;
    }
  }
  Value variable(std::uint32_t slot) const override {
    static constexpr std::string_view kItems[] = {"a", "1", ""};
    switch (slot) {
      case 0:
        return Value::string("3");
      case 1:
        return Value::multi(kItems);
      default:
        return Value::null();
    }
  }
  bool selection(std::uint32_t index) const override { return index == 0; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = sigma::expr::parse_expression(text);
  if (!parsed.ok) return 0;
  (void)sigma::expr::dump(parsed.root);
  Names names;
  auto compiled = sigma::expr::compile(parsed.root, text, names);
  if (!compiled.ok) return 0;
  (void)compiled.program.dump();
  static sigma::expr::Evaluator evaluator;  // reused, as an engine thread would
  Event event;
  Value v = evaluator.evaluate(compiled.program, event);
  (void)sigma::expr::to_text(v);
  (void)sigma::expr::to_json(v);
  (void)sigma::expr::to_list(v);
  (void)evaluator.test(compiled.program, event);
  evaluator.reset();
  return 0;
}
