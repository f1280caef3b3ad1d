// One file through `ikeshift translate`: load, detect or check the dialect,
// read, derive the intent, choose the IKE versions, write the target, render
// (config / patch / diff), write atomically. The CLI runs one job per input
// (in parallel with -j); tests call the same function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/dialect_detect.h"
#include "common/dialect_read.h"
#include "model/intent.h"
#include "swanctl/swanctl_writer.h"
#include "translate/ike_choice.h"
#include "translate/writer.h"

namespace ikeshift::translate {

enum class Target { Asa, Ios, Rtx, Swanctl };
const char* target_name(Target t);
std::optional<Target> parse_target(const std::string& name);

enum class Format {
  Config,  // the target configuration
  Patch,   // the same commands framed for pasting (configure terminal ... end; RTX: ... save)
  Diff,    // unified diff from the input file to the output (meant for --from X --to X)
};

struct TranslateJobOptions {
  std::optional<ConfigDialect> from;  // nullopt: detect
  Target to = Target::Asa;
  IkeChoice ike = IkeChoice::Keep;
  WriterOptions writer;
  swanctl::LabOverrides lab;
  Format format = Format::Config;
  bool show_secrets = false;  // diff only: the config and patch always carry the keys
  bool color = false;
  std::string display_name;
  std::string output_path;    // written atomically with output_mode; `output` stays empty
  unsigned output_mode = 0600;
};

struct TranslateJobResult {
  enum class Status { Clean, Findings, Failed };
  Status status = Status::Failed;
  ConfigDialect from = ConfigDialect::Unknown;
  std::string output;
  std::vector<Finding> findings;  // reading, intent, writer; the input error when Failed
  std::vector<UnknownLine> unknown;
  std::vector<std::string> unknown_text;  // masked
  ParseStats stats;
  size_t tunnels = 0;
  std::string device;
  std::string write_error;
};

TranslateJobResult run_translate_job(const std::string& path, const TranslateJobOptions& options);
TranslateJobResult run_translate_job(const text::SourceText& src, const TranslateJobOptions& options);

// The intent of a file in any dialect (used by translate, the engine daemon, and tests).
struct ReadIntent {
  ConfigDialect dialect = ConfigDialect::Unknown;
  std::optional<model::Intent> intent;   // nullopt when the input is unusable
  std::optional<Finding> input_error;    // why
  std::vector<UnknownLine> unknown;
  ParseStats stats;
  // Device-wide IKEv2 settings outside the intent that the engine applies
  // (ASA: `crypto ikev2 cookie-challenge`, `crypto ikev2 limit
  // max-in-negotiation-sa`); nullopt in the other dialects.
  std::optional<uint32_t> ikev2_cookie_challenge;
  std::optional<uint32_t> ikev2_max_in_negotiation_sa;
};
ReadIntent read_intent(const text::SourceText& src, std::optional<ConfigDialect> from, const std::string& name);

}  // namespace ikeshift::translate
