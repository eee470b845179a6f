#include <sigma/sigma.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <system_error>
#include <thread>

#include "compiler/ast2ir/ast2ir.hpp"
#include "compiler/diag/sink.hpp"
#include "compiler/pipeline/resolve.hpp"
#include "compiler/yaml2ast/yaml2ast.hpp"
#include "libsigma/src/ruleset_impl.hpp"
#include "runtime/text/file_text.hpp"

namespace sigma {
namespace {

bool is_rule_file(const std::filesystem::path& p) {
  const auto ext = p.extension();
  return ext == ".yml" || ext == ".yaml";
}

RuleInfo info_of(const ir::Rule& r) {
  RuleInfo i;
  i.id = r.id;
  i.name = r.name;
  i.title = r.title;
  i.level = r.level;
  i.status = r.status;
  i.description = r.description;
  i.author = r.author;
  i.date = r.date;
  i.modified = r.modified;
  i.file = r.file;
  i.tags = r.tags;
  i.references = r.references;
  i.falsepositives = r.falsepositives;
  i.fields = r.fields;
  i.category = r.logsource.category;
  i.product = r.logsource.product;
  i.service = r.logsource.service;
  if (r.extension)
    for (const auto& k : r.extension->sort) i.sort.push_back({k.column, k.descending});
  return i;
}

}  // namespace

namespace {

// One file's rules and diagnostics, loaded without touching the Compiler (so files can load in
// parallel).
struct LoadedFile {
  std::string name, text;
  std::vector<ast::Rule> rules;
  diag::Sink diags;
};

void load(LoadedFile& f) {
  f.diags.set_file(f.name);
  f.rules = yaml2ast::load_rules(f.name, f.text, f.diags);
}

}  // namespace

struct Compiler::Impl {
  CompileOptions options;
  diag::Sink diags;
  std::map<std::string, std::string, std::less<>> sources;
  std::vector<ast::Rule> rules;
  CompileStats stats;
  std::map<std::string, ast::Pos> ids;  // rule id -> where first seen, for duplicate checks
  std::map<std::string, std::string> id_files;
  std::vector<Diagnostic> all;
  bool pipelines_applied = false;

  // Takes a loaded file in: its diagnostics, lint checks across files, its rules.
  void accept(LoadedFile&& f);
};

Compiler::Compiler(CompileOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
Compiler::~Compiler() = default;

void Compiler::add_source(std::string_view name, std::string_view text) {
  LoadedFile f{std::string(name), std::string(text), {}, diag::Sink()};
  load(f);
  impl_->accept(std::move(f));
}

void Compiler::Impl::accept(LoadedFile&& f) {
  auto& s = *this;
  ++s.stats.files;
  s.diags.append(f.diags);
  s.diags.set_file(f.name);
  for (auto& r : f.rules) {
    if (s.options.lint && r.kind == ast::Rule::Kind::Detection) {
      if (r.id.empty())
        s.diags.warning(diag::code::kMissingId, r.pos, "rule has no `id`",
                        "give every rule a UUID so alerts and filters can name it");
      if (r.level.empty())
        s.diags.warning(diag::code::kMissingLevel, r.pos, "rule has no `level`");
    }
    if (s.options.lint && !r.id.empty()) {
      const auto [pos, fresh] = s.ids.emplace(r.id, r.pos);
      if (!fresh)
        s.diags.warning(diag::code::kDuplicateId, r.pos, "rule id `" + r.id + "` is used twice",
                        "first used in " + s.id_files[r.id] + ":" + std::to_string(pos->second.line));
      else
        s.id_files[r.id] = r.file;
    }
    s.rules.push_back(std::move(r));
  }
  s.sources.insert_or_assign(std::move(f.name), std::move(f.text));
}

bool Compiler::add_path(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && is_rule_file(it->path())) files.push_back(it->path());
    std::sort(files.begin(), files.end());
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  }
  if (ec || files.empty()) {
    if (ec || !fs::exists(path)) {
      impl_->diags.set_file(path.string());
      impl_->diags.error(diag::code::kIo, {},
                         "cannot read " + path.string() + (ec ? ": " + ec.message() : ": no such file or directory"));
      return false;
    }
    return true;  // an empty directory
  }
  bool ok = true;
  std::vector<LoadedFile> loaded;
  for (const auto& f : files) {
    std::string text;
    if (!sigma::text::read_file(f, text)) {
      impl_->diags.set_file(f.string());
      impl_->diags.error(diag::code::kIo, {}, "cannot read " + f.string());
      ok = false;
      continue;
    }
    loaded.push_back({f.string(), std::move(text), {}, diag::Sink()});
  }
  // YAML parsing dominates compile time and files are independent: load them on every core,
  // then take them in, in file order, so the result does not depend on the threads.
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < loaded.size();) load(loaded[i]);
  };
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), loaded.size() / 16 + 1);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& f : loaded) impl_->accept(std::move(f));
  return ok;
}

RuleSet Compiler::build() {
  auto& s = *impl_;
  if (!s.options.pipelines.empty() && !s.pipelines_applied) {
    s.pipelines_applied = true;  // rules are transformed in place: once only
    std::vector<pipeline::Source> texts;
    const auto resolved = pipeline::resolve(s.options.pipelines, texts, s.diags);
    for (auto& t : texts) s.sources.insert_or_assign(std::move(t.file), std::move(t.text));
    if (resolved) {
      const pipeline::Applier applier(*resolved);
      for (auto& r : s.rules) {
        s.diags.set_file(r.file);
        if (!applier.apply(r, s.diags)) r.refused = true;
      }
    } else {
      // Never silently: rules built without the mapping the user asked for match nothing.
      for (auto& r : s.rules) r.refused = true;
    }
  }
  ast2ir::Lowering lowering;
  ast2ir::Lowering diagnose_only;  // refused rules: checked for their other errors, then dropped
  s.stats.documents = s.rules.size();
  std::size_t compiled = 0;
  for (const auto& r : s.rules) {
    s.diags.set_file(r.file);
    if (r.refused)
      diagnose_only.add(r, s.diags);
    else if (lowering.add(r, s.diags))
      ++compiled;
  }
  auto program = lowering.finish(s.diags);
  s.stats.compiled = compiled;
  s.stats.errors = s.diags.error_count();
  s.stats.warnings = s.diags.warning_count();
  s.all = s.diags.all();

  auto impl = std::make_shared<RuleSet::Impl>();
  impl->set_engine(program);
  for (const auto& r : program->rules) impl->infos.push_back(info_of(r));
  RuleSet set;
  set.impl_ = std::move(impl);
  return set;
}

const std::vector<Diagnostic>& Compiler::diagnostics() const {
  impl_->all = impl_->diags.all();
  return impl_->all;
}

CompileStats Compiler::stats() const {
  auto st = impl_->stats;
  st.errors = impl_->diags.error_count();
  st.warnings = impl_->diags.warning_count();
  return st;
}

std::string_view Compiler::source(std::string_view file) const {
  const auto it = impl_->sources.find(file);
  return it == impl_->sources.end() ? std::string_view{} : std::string_view(it->second);
}

}  // namespace sigma
