// What a validator run found, ready to be rendered: per input file its
// findings (or why it could not be validated), per pair the pair findings,
// and the threshold that sets the exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "text/source_text.h"
#include "validator/finding.h"
#include "validator/rule.h"

namespace ikeshift::validator {

struct FileReport {
  std::string name;
  const text::SourceText* source = nullptr;  // nullptr when it could not be read
  std::vector<RuleFinding> findings;
  std::optional<RuleFinding> failure;        // could not be validated
};

struct PairReport {
  std::string a, b;  // file names
  std::vector<RuleFinding> findings;
};

struct Report {
  std::vector<FileReport> files;
  std::vector<PairReport> pairs;
  Severity fail_on = Severity::Error;
  std::vector<const RuleInfo*> config_rules, pair_rules;  // the rules that ran
  std::string tool_version;

  const text::SourceText* source_of(const std::string& file) const;
};

struct Counts {
  size_t errors = 0, warnings = 0, infos = 0, failed = 0, at_or_above = 0;
};
Counts count(const Report& r);

// 0: nothing at or above fail_on; 1: findings at or above it; 2: an input could not be validated.
int exit_code(const Report& r);

// Renderers. Text: compiler style, the source line (secrets masked) with a caret.
// `summary`: end with the "validate: N files: ..." line.
std::string render_text(const Report& r, bool color, bool summary = true);
std::string render_json(const Report& r);
std::string render_sarif(const Report& r);
std::string render_junit(const Report& r);

}  // namespace ikeshift::validator
