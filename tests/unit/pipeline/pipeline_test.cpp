// Processing pipelines: loading (with located errors) and each transformation's effect on the
// compiled rule, checked through the IR text a rule lowers to.
#include <catch.hpp>

#include <string>

#include "compiler/ast2ir/ast2ir.hpp"
#include "compiler/ir/ir_dump.hpp"
#include "compiler/pipeline/apply.hpp"
#include "compiler/pipeline/load.hpp"
#include "compiler/pipeline/resolve.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"

namespace {

using namespace sigma;

struct Result {
  std::string ir;     // the rule's IR after the pipeline ("" when refused)
  std::string diags;  // "line:col code message" per diagnostic
};

std::string render(const diag::Sink& sink) {
  std::string out;
  for (const auto& d : sink.all())
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.code +
           " " + d.message + "\n";
  return out;
}

Result run(std::string_view pipeline_yaml, std::string_view rule_yaml) {
  diag::Sink sink;
  auto p = pipeline::load_pipeline("p.yml", pipeline_yaml, sink);
  if (!p) return {"", render(sink)};
  std::vector<pipeline::Pipeline> list;
  list.push_back(std::move(*p));
  const auto resolved = pipeline::merge(std::move(list));
  sink.set_file("r.yml");
  auto rules = yaml2ast::load_rules("r.yml", rule_yaml, sink);
  REQUIRE(rules.size() == 1);
  if (!pipeline::Applier(resolved).apply(rules[0], sink)) return {"", render(sink)};
  ast2ir::Lowering lowering;
  if (!lowering.add(rules[0], sink)) return {"", render(sink)};
  auto program = lowering.finish(sink);
  return {ir::dump_program(*program), render(sink)};
}

const char* kRule = R"(title: t
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\cmd.exe'
    CommandLine|contains: whoami
  condition: sel
)";

}  // namespace

TEST_CASE("field_name_mapping renames one to one and ORs one to many") {
  const auto r = run(R"(name: p
transformations:
  - id: m
    type: field_name_mapping
    mapping:
      Image: [Image, NewProcessName]
      CommandLine: cmdline
)",
                     kRule);
  CHECK(r.diags.empty());
  CHECK(r.ir.find("suffix Image") != std::string::npos);
  CHECK(r.ir.find("suffix NewProcessName") != std::string::npos);
  CHECK(r.ir.find("contains cmdline") != std::string::npos);
  CHECK(r.ir.find("CommandLine") == std::string::npos);
}

TEST_CASE("rule conditions gate an item: logsource parts must all be equal") {
  const auto mapping = [](const char* product) {
    return std::string(R"(name: p
transformations:
  - type: field_name_prefix
    prefix: 'win.'
    rule_conditions:
      - type: logsource
        product: )") + product + "\n";
  };
  CHECK(run(mapping("windows"), kRule).ir.find("win.Image") != std::string::npos);
  CHECK(run(mapping("linux"), kRule).ir.find("win.Image") == std::string::npos);
}

TEST_CASE("field name conditions pick the fields a transformation changes") {
  const auto r = run(R"(name: p
transformations:
  - type: field_name_suffix
    suffix: '.keyword'
    field_name_conditions:
      - type: include_fields
        fields: [Image]
)",
                     kRule);
  CHECK(r.ir.find("Image.keyword") != std::string::npos);
  CHECK(r.ir.find("CommandLine.keyword") == std::string::npos);
  const auto re = run(R"(name: p
transformations:
  - type: field_name_prefix_mapping
    mapping: {Comm: process.comm}
    field_name_conditions:
      - type: exclude_fields
        mode: re
        fields: ['Im']
)",
                      kRule);
  CHECK(re.ir.find("process.commandLine") != std::string::npos);
}

TEST_CASE("add_condition ANDs a selection; change_logsource replaces the logsource") {
  const auto r = run(R"(name: p
transformations:
  - id: sysmon
    type: add_condition
    conditions:
      EventID: 1
  - type: change_logsource
    product: windows
    service: sysmon
    rule_conditions:
      - type: processing_item_applied
        processing_item_id: sysmon
)",
                     kRule);
  CHECK(r.diags.empty());
  CHECK(r.ir.find("EventID") != std::string::npos);
  CHECK(r.ir.find("logsource product=windows service=sysmon") != std::string::npos);
  CHECK(r.ir.find("category") == std::string::npos);
}

TEST_CASE("drop_detection_item, replace_string and detection_item_failure") {
  const auto dropped = run(R"(name: p
transformations:
  - type: drop_detection_item
    field_name_conditions:
      - type: include_fields
        fields: [CommandLine]
)",
                           kRule);
  CHECK(dropped.ir.find("CommandLine") == std::string::npos);
  CHECK(dropped.ir.find("Image") != std::string::npos);

  const auto replaced = run(R"(name: p
transformations:
  - type: replace_string
    regex: '^\\(.*)$'
    replacement: '/\1'
)",
                            kRule);
  CHECK(replaced.ir.find("\"/cmd.exe\"") != std::string::npos);

  const auto failed = run(R"(name: p
transformations:
  - type: detection_item_failure
    message: no command lines here
    field_name_conditions:
      - type: include_fields
        fields: [CommandLine]
)",
                          kRule);
  CHECK(failed.ir.empty());
  CHECK(failed.diags.find("6:5 S0603 no command lines here") != std::string::npos);
}

TEST_CASE("value_placeholders fill |expand from vars; wildcard_placeholders use *") {
  const char* rule = R"(title: t
logsource: {product: windows}
detection:
  sel:
    User|expand: '%admins%'
    Host|expand: '%hosts%'
  condition: sel
)";
  const auto r = run(R"(name: p
vars:
  admins: [root, 'adm*']
transformations:
  - type: value_placeholders
    include: [admins]
  - type: wildcard_placeholders
)",
                     rule);
  CHECK(r.diags.empty());
  CHECK(r.ir.find("\"root\"") != std::string::npos);
  CHECK(r.ir.find("prefix User \"adm\"") != std::string::npos);
  CHECK(r.ir.find("Host") != std::string::npos);  // `*`: any value
  const auto missing = run("name: p\ntransformations:\n  - type: value_placeholders\n", rule);
  CHECK(missing.diags.find("placeholder %admins% has no value") != std::string::npos);
}

TEST_CASE("cond_expr combines named conditions") {
  const auto r = run(R"(name: p
transformations:
  - type: field_name_prefix
    prefix: 'x.'
    rule_conditions:
      win: {type: logsource, product: windows}
      lin: {type: logsource, product: linux}
    rule_cond_expr: win and not lin
)",
                     kRule);
  CHECK(r.ir.find("x.Image") != std::string::npos);
}

TEST_CASE("pipeline errors are located and explained") {
  const auto unknown = run(R"(name: p
transformations:
  - type: field_name_mappings
    mapping: {a: b}
)",
                           kRule);
  CHECK(unknown.diags.find("3:11 S0602 unknown transformation `field_name_mappings`") !=
        std::string::npos);
  const auto refused = run("transformations:\n  - type: query_expression_placeholders\n", kRule);
  CHECK(refused.diags.find("is not supported") != std::string::npos);
  const auto param = run(R"(transformations:
  - type: field_name_prefix
    prefix: a
    prefx: b
)",
                         kRule);
  CHECK(param.diags.find("4:5 S0601 unknown parameter `prefx`") != std::string::npos);
  const auto expr = run(R"(transformations:
  - type: field_name_prefix
    prefix: a
    rule_conditions:
      win: {type: logsource, product: windows}
    rule_cond_expr: win and lin
)",
                        kRule);
  CHECK(expr.diags.find("unknown condition `lin`") != std::string::npos);
  const auto cond = run(R"(transformations:
  - type: add_condition
    conditions:
      EventID|contans: 1
)",
                        kRule);
  CHECK(cond.diags.find("S0107") != std::string::npos);  // unknown modifier, in the pipeline
}

TEST_CASE("bundled pipelines load without diagnostics") {
  for (const auto& b : pipeline::bundled()) {
    INFO(b.name);
    diag::Sink sink;
    CHECK(pipeline::load_pipeline(b.file, b.text, sink));
    CHECK(sink.all().empty());
  }
  CHECK(pipeline::bundled().size() == 4);
}
