#include "translate/migrate_any.h"

#include "asa/secret_mask.h"
#include "edit/atomic_write.h"
#include "edit/edit_script.h"
#include "ios/ios_migrate.h"
#include "ios/ios_reader.h"
#include "rtx/rtx_migrate.h"
#include "rtx/rtx_reader.h"

namespace ikeshift::translate {

namespace {

template <class Parsed, class Check, class Migrate>
asa::MigrateJobResult migrate_other(const text::SourceText& src, const asa::MigrateJobOptions& options, const MigrateAnyOptions& any,
                                    Parsed parsed, Check check, Migrate migrate, bool rtx) {
  asa::MigrateJobResult out;
  const std::string name = options.display_name.empty() ? src.path() : options.display_name;
  out.stats = parsed.stats;
  out.device = name;
  if (auto err = check(src, parsed)) {
    out.findings.push_back(input_error_finding(*err, name));
    return out;
  }
  out.unknown = parsed.unknown;
  for (const auto& u : parsed.unknown) out.unknown_text.push_back(asa::mask_asa_secrets(src.line(u.line)));
  asa::MigrateResult result = migrate(src, parsed);
  for (auto& f : result.findings) f.where.file = name;
  out.findings = std::move(result.findings);
  if (any.asymmetric_requested) {
    Finding f;
    f.severity = Severity::Warning;
    f.code = "MIGRATE-ASYMMETRIC-UNSUPPORTED";
    f.message = std::string("--asymmetric-psk is implemented for ASA input only; ") +
                (rtx ? "an RTX gateway has one key for both directions" : "the IOS keys are copied symmetrically");
    f.hint = "set per-direction keys by hand (IOS: `pre-shared-key local|remote` under the keyring peer)";
    f.where = {name, {}};
    out.findings.push_back(std::move(f));
  }
  out.summary = result.summary;
  out.changed = !result.script.empty();
  out.status = any_warning_or_error(out.findings) ? asa::MigrateJobResult::Status::Findings
                                                 : asa::MigrateJobResult::Status::Clean;
  // The validator checks the migrated IOS/RTX text as it checks an ASA's.
  if (asa::finish_checked_output(src, result.script, name, rtx ? ConfigDialect::Rtx : ConfigDialect::Ios, options, out))
    return out;
  std::string rendered;
  switch (options.format) {
    case asa::OutputFormat::Config:
      if (!options.output_path.empty()) {
        if (!edit::write_file_atomically(
                options.output_path,
                [&](const edit::PieceSink& sink) { edit::render_config_pieces(src, result.script, sink); },
                options.output_mode, out.write_error)) {
          out.status = asa::MigrateJobResult::Status::Failed;
        }
        return out;
      }
      rendered = edit::render_config(src, result.script);
      break;
    case asa::OutputFormat::Patch:
      rendered = rtx ? rtx::render_rtx_patch(result, name, false) : asa::render_patch(result, name, false);
      break;
    case asa::OutputFormat::Diff: {
      edit::DiffOptions d;
      d.old_label = "a/" + name;
      d.new_label = "b/" + name;
      d.color = options.color;
      if (!options.show_secrets) d.filter = [](std::string_view l) { return asa::mask_asa_secrets(l); };
      rendered = edit::render_unified_diff(src, result.script, d);
      break;
    }
  }
  if (!options.output_path.empty()) {
    if (!edit::write_file_atomically(options.output_path, rendered, options.output_mode, out.write_error))
      out.status = asa::MigrateJobResult::Status::Failed;
    wipe_string(rendered);
    return out;
  }
  out.output = std::move(rendered);
  return out;
}

}  // namespace

asa::MigrateJobResult run_migrate_job_any(const text::SourceText& src, const asa::MigrateJobOptions& options,
                                          const MigrateAnyOptions& any, ConfigDialect* detected) {
  ConfigDialect d = any.from.value_or(ConfigDialect::Unknown);
  if (!any.from) {
    d = detect_dialect(src).dialect;
    if (d == ConfigDialect::Unknown) d = ConfigDialect::Asa;  // the ASA reader says what is wrong with it
  }
  if (detected != nullptr) *detected = d;
  switch (d) {
    case ConfigDialect::Ios:
      return migrate_other(src, options, any, ios::read_ios(src),
                           [](const text::SourceText& s, const ios::ParseResult& p) { return ios::check_ios_input(s, p); },
                           [](const text::SourceText& s, const ios::ParseResult& p) { return ios::migrate_l2l(s, p); }, false);
    case ConfigDialect::Rtx:
      return migrate_other(src, options, any, rtx::read_rtx(src),
                           [](const text::SourceText& s, const rtx::ParseResult& p) { return rtx::check_rtx_input(s, p); },
                           [](const text::SourceText& s, const rtx::ParseResult& p) { return rtx::migrate_l2l(s, p); }, true);
    case ConfigDialect::Swanctl: {
      asa::MigrateJobResult out;
      Finding f;
      f.severity = Severity::Error;
      f.code = "INPUT";
      const DialectGuess g = detect_dialect(src);
      f.message = "a strongSwan swanctl.conf (" + (g.evidence.empty() ? std::string("named with --from swanctl") : g.evidence) +
                  "): `migrate l2l` migrates ASA, IOS and RTX configurations";
      f.hint = "rewrite its connections as IKEv2 with `ikeshift translate --from swanctl --to swanctl --ike v2`";
      f.where = {options.display_name.empty() ? src.path() : options.display_name,
                 text::SourceSpan::at(g.evidence_line, 0, 1)};
      out.findings.push_back(std::move(f));
      return out;
    }
    default:
      return asa::run_migrate_job(src, options);
  }
}

asa::MigrateJobResult run_migrate_job_any(const std::string& path, const asa::MigrateJobOptions& options,
                                          const MigrateAnyOptions& any, ConfigDialect* detected) {
  std::string error;
  auto src = text::SourceText::load(path, error);
  if (!src) return asa::run_migrate_job(path, options);  // reports the unreadable file the usual way
  return run_migrate_job_any(*src, options, any, detected);
}

}  // namespace ikeshift::translate
