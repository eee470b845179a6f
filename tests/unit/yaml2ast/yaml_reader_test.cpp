// The YAML reader: node kinds and styles, positions in bytes, documents, aliases, and errors.
#include <catch.hpp>

#include "compiler/yaml2ast/yaml_reader.hpp"

using namespace sigma;
using Kind = ast::YamlNode::Kind;
using Style = ast::YamlNode::Style;

namespace {

struct Read {
  std::vector<ast::YamlNode> docs;
  std::vector<Diagnostic> diags;
};

Read read(std::string_view text) {
  diag::Sink sink("t.yml");
  Read out;
  out.docs = yaml2ast::read_documents(text, sink);
  out.diags = sink.take();
  return out;
}

std::string dump(const Read& r) {
  std::string s;
  for (const auto& d : r.diags)
    s += d.code + " " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
         " " + d.message + " | " + d.help + "\n";
  return s;
}

const ast::YamlNode& at(const ast::YamlNode& map, std::string_view key) {
  const ast::YamlNode* n = map.find(key);
  REQUIRE(n != nullptr);
  return *n;
}

}  // namespace

TEST_CASE("scalars keep their style; plain null spellings are null") {
  const auto r = read("a: x\nb: 'q'\nc: \"d\"\nd: |\n  block\ne: ~\nf: null\ng:\nh: ! 12\n"
                      "i: !!str 13\nj: !!int 14\n");
  INFO(dump(r));
  REQUIRE(r.docs.size() == 1);
  const auto& d = r.docs[0];
  CHECK(at(d, "a").style == Style::Plain);
  CHECK(at(d, "b").style == Style::Quoted);
  CHECK(at(d, "b").scalar == "q");
  CHECK(at(d, "c").style == Style::Quoted);
  CHECK(at(d, "d").style == Style::Block);
  CHECK(at(d, "d").scalar == "block\n");
  CHECK(at(d, "e").kind == Kind::Null);
  CHECK(at(d, "f").kind == Kind::Null);
  CHECK(at(d, "g").kind == Kind::Null);
  CHECK(at(d, "g").pos == ast::Pos{8, 1});  // nothing written: the key's position
  // Tagged as strings, plain scalars read as quoted ones (never as numbers).
  CHECK(at(d, "h").style == Style::Quoted);
  CHECK(at(d, "i").style == Style::Quoted);
  CHECK(at(d, "i").scalar == "13");
  CHECK(at(d, "j").style == Style::Plain);
  CHECK(r.diags.empty());
}

TEST_CASE("positions are 1-based lines and byte columns, after multi-byte characters too") {
  const auto r = read("k\xc3\xa9y: v\xc3\xa9\nseq:\n  - \"s\" \n  - {x: \xe2\x82\xac, y: z}\n");
  INFO(dump(r));
  REQUIRE(r.docs.size() == 1);
  const auto& d = r.docs[0];
  REQUIRE(d.entries.size() == 2);
  CHECK(d.entries[0].first.pos == ast::Pos{1, 1});
  CHECK(d.entries[0].second.pos == ast::Pos{1, 7});  // "k" + 2 bytes + "y: "
  const auto& seq = at(d, "seq");
  REQUIRE(seq.items.size() == 2);
  CHECK(seq.items[0].pos == ast::Pos{3, 5});
  CHECK(seq.items[0].content == ast::Pos{3, 6});  // after the quote
  CHECK(seq.items[1].pos == ast::Pos{4, 5});
  CHECK(at(seq.items[1], "y").pos == ast::Pos{4, 17});  // "  - {x: " + 3 bytes + ", y: "

  // YAML breaks lines at a lone CR too; diagnostics count lines by LF, as editors show them.
  const auto cr = read("a: 1\r\nb: x\rc: y\n");
  INFO(dump(cr));
  REQUIRE(cr.docs.size() == 1);
  CHECK(at(cr.docs[0], "b").pos == ast::Pos{2, 4});
  CHECK(cr.docs[0].entries[2].first.pos == ast::Pos{2, 6});

  // A byte order mark is no column to libyaml, but three bytes of the line.
  const auto bom = read("\xEF\xBB\xBF"
                        "ab: [1, 2]\n");
  INFO(dump(bom));
  REQUIRE(bom.docs.size() == 1);
  CHECK(at(bom.docs[0], "ab").pos == ast::Pos{1, 8});
}

TEST_CASE("documents are read one by one: a broken one does not hide the next") {
  const auto r = read("a: 1\n---\nb: [1, 2\n---\nc: 3\n---\n");
  INFO(dump(r));
  REQUIRE(r.docs.size() == 2);  // the broken one and the trailing empty one are dropped
  CHECK(r.docs[0].find("a") != nullptr);
  CHECK(r.docs[1].find("c") != nullptr);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].code == "S0001");
  CHECK(r.diags[0].location.line == 4);  // where the reader gave up: the next `---`
  CHECK(r.diags[0].help == "while parsing a flow sequence that starts at line 3, column 4");

  const auto empty = read("# only a comment\n");
  REQUIRE(empty.docs.size() == 1);  // the first document is kept even when null
  CHECK(empty.docs[0].kind == Kind::Null);
}

TEST_CASE("aliases copy their anchor's node; unknown ones and expansions without end are errors") {
  const auto r = read("base: &b {x: 1, y: [2, 3]}\nuse: *b\nbad: *nope\n");
  INFO(dump(r));
  REQUIRE(r.docs.size() == 1);
  const auto& use = at(r.docs[0], "use");
  CHECK(use.kind == Kind::Map);
  CHECK(at(use, "y").items.size() == 2);
  CHECK(use.pos == ast::Pos{2, 6});  // the alias's own position
  CHECK(at(r.docs[0], "bad").kind == Kind::Null);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].message == "alias `*nope` names no anchor defined before it");
  CHECK(r.diags[0].location.line == 3);

  // Each level doubles the one before: 2^30 nodes if expanded.
  std::string laughs = "a0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i)
    laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
              std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
  const auto l = read(laughs);
  INFO(dump(l));
  REQUIRE(!l.diags.empty());
  CHECK(l.diags[0].message.find("more than 100000") != std::string::npos);
}

TEST_CASE("map keys must be strings; nesting deeper than 64 is refused once") {
  const auto r = read("? [a, b]\n: v\nok: 1\n");
  INFO(dump(r));
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].entries.size() == 1);
  CHECK(at(r.docs[0], "ok").scalar == "1");
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].message == "a map key must be a plain string");

  const auto deep = read("a: " + std::string(100, '[') + std::string(100, ']') + "\nb: 2\n");
  INFO(dump(deep));
  REQUIRE(deep.diags.size() == 1);
  CHECK(deep.diags[0].message == "YAML nesting deeper than 64 levels is not supported");
  REQUIRE(deep.docs.size() == 1);
  CHECK(at(deep.docs[0], "b").scalar == "2");  // the rest of the document is kept
}

TEST_CASE("text that is not UTF-8 is an error at its byte") {
  const auto r = read("a: 1\nb: x\xff\n");
  INFO(dump(r));
  CHECK(r.docs.empty());
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].code == "S0001");
  CHECK(r.diags[0].location.line == 2);
  CHECK(r.diags[0].location.column == 5);
  CHECK(r.diags[0].message.rfind("YAML could not be read: ", 0) == 0);
}
