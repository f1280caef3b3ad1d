#include "asa/migrate_job.h"

#include "asa/psk_keys.h"
#include "edit/atomic_write.h"
#include "asa/secret_mask.h"

namespace ikeshift::asa {

bool finish_checked_output(const text::SourceText& src, const edit::EditScript& script, const std::string& name,
                           ConfigDialect dialect, const MigrateJobOptions& options, MigrateJobResult& out) {
  if (!options.check_output) return false;
  // The check needs the whole migrated text; it is rendered once and, for a
  // config output, written from the same bytes.
  const std::string output_name = options.output_name.empty() ? name + " (migrated)" : options.output_name;
  text::SourceText migrated(output_name, edit::render_config(src, script));
  out.output_check = options.check_output(migrated, output_name, dialect);
  if (out.output_check->errors > 0) {
    out.status = MigrateJobResult::Status::Findings;
    if (!options.force && options.format != OutputFormat::Diff) {
      out.refused = true;
      return true;
    }
  }
  if (options.format != OutputFormat::Config) return false;
  if (options.output_path.empty()) {
    out.output = std::string(migrated.bytes());
  } else if (!edit::write_file_atomically(options.output_path, migrated.bytes(), options.output_mode, out.write_error)) {
    out.status = MigrateJobResult::Status::Failed;
  }
  return true;
}

MigrateJobResult run_migrate_job(const text::SourceText& src, const MigrateJobOptions& options) {
  MigrateJobResult out;
  const std::string name = options.display_name.empty() ? src.path() : options.display_name;
  ParseResult parsed = read_asa(src);
  out.stats = parsed.stats;
  out.device = device_name(parsed.config, name);
  if (auto err = check_asa_input(src, parsed)) {
    out.findings.push_back(input_error_finding(*err, name));
    out.status = MigrateJobResult::Status::Failed;
    return out;
  }
  out.unknown = parsed.unknown;
  for (const auto& u : parsed.unknown) out.unknown_text.push_back(mask_asa_secrets(src.line(u.line)));

  MigrateOptions migrate = options.migrate;
  if (options.plan_keys) options.plan_keys(parsed.config, name, migrate);
  MigrateResult result = migrate_l2l(src, parsed, migrate);
  for (auto& f : result.findings) f.where.file = name;
  out.findings = std::move(result.findings);
  out.summary = result.summary;
  out.keyed_tunnel_groups = result.keyed_tunnel_groups;
  out.changed = !result.script.empty();

  out.status = any_warning_or_error(out.findings) ? MigrateJobResult::Status::Findings
                                                 : MigrateJobResult::Status::Clean;
  if (finish_checked_output(src, result.script, name, ConfigDialect::Asa, options, out)) return out;
  if (options.format == OutputFormat::Config && !options.output_path.empty()) {
    bool ok = edit::write_file_atomically(
        options.output_path,
        [&](const edit::PieceSink& sink) { edit::render_config_pieces(src, result.script, sink); },
        options.output_mode, out.write_error);
    if (!ok) out.status = MigrateJobResult::Status::Failed;
    return out;
  }
  switch (options.format) {
    case OutputFormat::Config:
      out.output = edit::render_config(src, result.script);
      break;
    case OutputFormat::Patch:
      out.output = render_patch(result, name, false);
      break;
    case OutputFormat::Diff: {
      edit::DiffOptions d;
      d.old_label = "a/" + name;
      d.new_label = "b/" + name;
      d.color = options.color;
      if (!options.show_secrets) d.filter = [](std::string_view l) { return mask_asa_secrets(l); };
      out.output = edit::render_unified_diff(src, result.script, d);
      break;
    }
  }
  if (!options.output_path.empty() &&
      !edit::write_file_atomically(options.output_path, out.output, options.output_mode, out.write_error)) {
    out.status = MigrateJobResult::Status::Failed;
  }
  if (!options.output_path.empty()) wipe_string(out.output);
  return out;
}

MigrateJobResult run_migrate_job(const std::string& path, const MigrateJobOptions& options) {
  std::string error;
  auto src = text::SourceText::load(path, error);
  if (!src) {
    MigrateJobResult out;
    Finding f;
    f.severity = Severity::Error;
    f.code = "INPUT";
    f.message = error;
    f.hint = "check the path and its permissions";
    f.where = {options.display_name.empty() ? path : options.display_name, {}};
    // The message already names the file: keep the location bare.
    f.message = error.substr(error.find(": ") == std::string::npos ? 0 : error.find(": ") + 2);
    out.findings.push_back(std::move(f));
    return out;
  }
  return run_migrate_job(*src, options);
}

}  // namespace ikeshift::asa
