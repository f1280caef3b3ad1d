// Collects the findings of one intent derivation, all naming the same file.
// Internal to translator/model: the derivation steps share it so that every
// finding has the same shape (code, message, hint, span).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/finding.h"
#include "text/source_text.h"

namespace ikeshift::model::detail {

class Diagnostics {
 public:
  Diagnostics(std::string file, std::vector<Finding>& out) : file_(std::move(file)), out_(out) {}

  void add(Severity severity, std::string code, std::string message, std::string hint,
           const text::SourceSpan& span) {
    Finding f;
    f.severity = severity;
    f.code = std::move(code);
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.where = FindingLocation{file_, span};
    out_.push_back(std::move(f));
  }
  void error(std::string code, std::string message, std::string hint, const text::SourceSpan& span) {
    add(Severity::Error, std::move(code), std::move(message), std::move(hint), span);
  }
  void warning(std::string code, std::string message, std::string hint,
               const text::SourceSpan& span) {
    add(Severity::Warning, std::move(code), std::move(message), std::move(hint), span);
  }
  void info(std::string code, std::string message, std::string hint, const text::SourceSpan& span) {
    add(Severity::Info, std::move(code), std::move(message), std::move(hint), span);
  }

 private:
  std::string file_;
  std::vector<Finding>& out_;
};

}  // namespace ikeshift::model::detail
