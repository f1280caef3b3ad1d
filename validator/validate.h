// Running the validator: load a configuration in any dialect (detected, or
// named: ASA, IOS, RTX, swanctl.conf; read, check, derive the intent), run the
// single-config rules of its dialect and the intent rules, and the pair rules
// over two loaded configurations of any two dialects. The CLI, `migrate l2l`
// and the tests all go through these functions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asa/asa_model.h"
#include "common/dialect_detect.h"
#include "ios/ios_model.h"
#include "model/intent.h"
#include "rtx/rtx_model.h"
#include "swanctl/swanctl_model.h"
#include "text/source_text.h"
#include "validator/finding.h"
#include "validator/project_config.h"
#include "validator/subject.h"

namespace ikeshift::validator {

struct LoadedConfig {
  std::string display;                       // how the file is named in findings
  const text::SourceText* source = nullptr;  // the text (kept for carets in reports)
  std::unique_ptr<text::SourceText> owned;   // when the loader owns it
  ConfigDialect dialect = ConfigDialect::Unknown;  // what it was read as
  asa::ParseResult parsed;                  // the ASA reader's result (dialect Asa)
  std::optional<ios::ParseResult> ios;      // dialect Ios
  std::optional<rtx::ParseResult> rtx;      // dialect Rtx
  std::optional<swanctl::ParseResult> swanctl;  // dialect Swanctl
  model::Intent intent;
  ConfigSubject subject;
  // Set when the file could not be validated at all (unreadable, empty,
  // binary, not the dialect it was named as, truncated): exit code 2.
  std::optional<RuleFinding> failure;
};

// `from`: the dialect to read the file as (nullopt: detected, as `translate` does).
std::unique_ptr<LoadedConfig> load_config(const std::string& path, const std::string& display,
                                          std::optional<ConfigDialect> from = std::nullopt);
std::unique_ptr<LoadedConfig> load_config(text::SourceText source, const std::string& display,
                                          std::optional<ConfigDialect> from = std::nullopt);
// Validates text the caller owns and keeps alive as long as the result (no copy:
// `migrate l2l` checks its output in place, see docs/PERFORMANCE.md).
std::unique_ptr<LoadedConfig> load_config_view(const text::SourceText& source, const std::string& display,
                                               std::optional<ConfigDialect> from = std::nullopt);

// Findings of every single-config rule the project runs, sorted by place.
std::vector<RuleFinding> check_config(const LoadedConfig& c, const ProjectConfig& project);
// Findings of every pair rule the project runs.
std::vector<RuleFinding> check_pair(const LoadedConfig& a, const LoadedConfig& b,
                                    const ProjectConfig& project);

void sort_findings(std::vector<RuleFinding>& findings);

}  // namespace ikeshift::validator
