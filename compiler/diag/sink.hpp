// Collects the diagnostics of one compilation: every problem is recorded, none stops the run.
#pragma once

#include <sigma/diagnostic.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast/rule_ast.hpp"
#include "compiler/diag/codes.hpp"

namespace sigma::diag {

class Sink {
 public:
  // Diagnostics are attributed to `file` until set_file() changes it.
  explicit Sink(std::string file = {}) : file_(std::move(file)) {}

  void set_file(std::string file) { file_ = std::move(file); }
  const std::string& file() const { return file_; }

  Diagnostic& error(const char* code, ast::Pos pos, std::string message, std::string help = {},
                    std::uint32_t length = 1) {
    return add(Severity::Error, code, pos, std::move(message), std::move(help), length);
  }
  Diagnostic& warning(const char* code, ast::Pos pos, std::string message, std::string help = {},
                      std::uint32_t length = 1) {
    return add(Severity::Warning, code, pos, std::move(message), std::move(help), length);
  }

  // Adds another sink's diagnostics after ours (e.g. from a file loaded on another thread).
  void append(const Sink& other) {
    list_.insert(list_.end(), other.list_.begin(), other.list_.end());
    errors_ += other.errors_;
  }

  const std::vector<Diagnostic>& all() const { return list_; }
  std::vector<Diagnostic> take() { return std::exchange(list_, {}); }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return list_.size() - errors_; }

 private:
  Diagnostic& add(Severity s, const char* code, ast::Pos pos, std::string message,
                  std::string help, std::uint32_t length) {
    if (s == Severity::Error) ++errors_;
    Diagnostic& d = list_.emplace_back();
    d.severity = s;
    d.code = code;
    d.message = std::move(message);
    d.location = {file_, pos.line, pos.column};
    d.length = length == 0 ? 1 : length;
    d.help = std::move(help);
    return d;
  }

  std::string file_;
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
};

}  // namespace sigma::diag
