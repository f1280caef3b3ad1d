// The project configuration, `.ikeshift.yaml` (yaml-cpp): which rules run and
// how severe their findings are, per project.
//
//   rules:
//     disable: [weak-crypto, pair-lifetimes]   # never run these
//     enable: [ikev2-dos-hardening]            # run rules that are off by default
//     severity:                                # re-grade: error, warning or info
//       broken-crypto: warning
//   fail-on: warning                           # default for --fail-on (the flag wins)
//
// Unknown keys and rule ids are errors with file:line:col, never ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "validator/rule.h"

namespace ikeshift::validator {

struct ProjectConfig {
  std::string path;  // where it was read from ("" = built-in defaults)
  std::set<std::string> enabled, disabled;
  std::map<std::string, Severity> severity;
  std::optional<Severity> fail_on;

  bool runs(const RuleInfo& r) const;
  Severity severity_of(const RuleInfo& r) const;
  bool regraded(const RuleInfo& r) const { return severity.count(std::string(r.id)) != 0; }
};

// Reads `path`. On failure returns nullopt and sets `error` to
// "FILE:LINE:COL: error: what ... (hint)".
std::optional<ProjectConfig> load_project_config(const std::string& path, std::string& error);

// The nearest `.ikeshift.yaml` in `start` or one of its parents ("" when none).
std::string find_project_config(const std::string& start);

std::optional<Severity> parse_severity(const std::string& word);

}  // namespace ikeshift::validator
