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

namespace ikeshift::asa {

enum class OutputFormat { Config, Patch, Diff };

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
};

MigrateJobResult run_migrate_job(const std::string& path, const MigrateJobOptions& options);

// Same, on text already in memory (tests, benchmarks).
MigrateJobResult run_migrate_job(const text::SourceText& src, const MigrateJobOptions& options);

}  // namespace ikeshift::asa
