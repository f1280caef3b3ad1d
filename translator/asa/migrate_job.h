// One file through `migrate l2l`: load, read, check, migrate, render. The CLI
// runs one job per input (in parallel with -j); benchmarks and tests call the
// same function so they measure and check exactly what users run.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "asa/asa_reader.h"
#include "asa/migrate_l2l.h"
#include "common/dialect_detect.h"
#include "edit/edit_script.h"

namespace ikeshift::asa {

enum class OutputFormat { Config, Patch, Diff };

// What a check of the migrated configuration found.
struct OutputCheck {
  size_t errors = 0, warnings = 0, infos = 0;
  std::string report;  // the errors, rendered for people (secrets masked)
};

struct MigrateJobOptions {
  MigrateOptions migrate;
  OutputFormat format = OutputFormat::Config;
  bool show_secrets = false;   // diff: show keys instead of *****
  bool color = false;          // diff: ANSI colours
  std::string display_name;    // how the file is named in diffs and messages (default: its path)
  // When set, the result is written there atomically (with output_mode) and
  // `output` stays empty; a config is streamed, never held in memory twice.
  std::string output_path;
  unsigned output_mode = 0600;
  // Called after reading, before migrating: lets the caller plan keys for the
  // tunnel-groups this device will key (asymmetric PSK). May be empty.
  std::function<void(const AsaConfig&, const std::string& path, MigrateOptions&)> plan_keys;
  // Runs a check (the validator: `ikeshift migrate l2l` passes one) on the
  // migrated configuration, named `output_name`, in the input's dialect (ASA,
  // IOS or RTX: a migration never changes the dialect). When it reports
  // errors, a config or patch output is refused (not written, not returned)
  // unless `force`; a diff is still produced. Empty: no check.
  std::function<OutputCheck(const text::SourceText& output, const std::string& output_name, ConfigDialect dialect)>
      check_output;
  std::string output_name;  // how the migrated configuration is named in the check's findings
  bool force = false;
};

struct MigrateJobResult {
  enum class Status { Clean, Findings, Failed };
  Status status = Status::Failed;
  std::string output;               // the rendered config / patch / diff
  std::vector<Finding> findings;    // migration findings, and the input error when Failed
  std::vector<UnknownLine> unknown; // lines kept verbatim but not understood
  std::vector<std::string> unknown_text;  // their text, secrets masked (same order)
  ParseStats stats;
  MigrateSummary summary;
  std::vector<std::string> keyed_tunnel_groups;
  std::string device;               // hostname or file name
  bool changed = false;             // the output differs from the input
  std::string write_error;          // set when output_path could not be written (status Failed)
  std::optional<OutputCheck> output_check;  // what check_output found in the migrated configuration
  bool refused = false;             // errors in the migrated configuration: no output (no --force)
};

MigrateJobResult run_migrate_job(const std::string& path, const MigrateJobOptions& options);

// The checked path every dialect's job shares: with options.check_output set,
// renders the migrated configuration once, checks it, and refuses it (errors
// without --force, unless the output is a diff) or, for a config output,
// returns or writes those same bytes. True when the output is settled (refused,
// or the config written/returned); false when the caller renders a patch or
// diff itself. Without a check it does nothing and returns false.
bool finish_checked_output(const text::SourceText& src, const edit::EditScript& script, const std::string& name,
                           ConfigDialect dialect, const MigrateJobOptions& options, MigrateJobResult& out);

// Same, on text already in memory (tests, benchmarks).
MigrateJobResult run_migrate_job(const text::SourceText& src, const MigrateJobOptions& options);

}  // namespace ikeshift::asa
