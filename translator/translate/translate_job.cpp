#include "translate/translate_job.h"

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "asa/asa_writer.h"
#include "asa/secret_mask.h"
#include "edit/atomic_write.h"
#include "edit/edit_script.h"
#include "ios/ios_intent.h"
#include "ios/ios_reader.h"
#include "ios/ios_writer.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_reader.h"
#include "rtx/rtx_writer.h"
#include "swanctl/swanctl_intent.h"
#include "swanctl/swanctl_reader.h"

namespace ikeshift::translate {

namespace {

Finding input_finding(const std::string& name, const text::SourceSpan& span, std::string message, std::string hint) {
  return input_error_finding(InputError{span, std::move(message), std::move(hint)}, name);
}

template <class Parsed, class Check>
void finish(ReadIntent& out, const text::SourceText& src, const std::string& name, const Parsed& parsed, Check check) {
  out.unknown = parsed.unknown;
  out.stats = parsed.stats;
  if (auto err = check(src, parsed)) {
    out.input_error = input_error_finding(*err, name);
    return;
  }
  out.intent = model::derive_intent(parsed.config, name);
  for (const Finding& f : parsed.findings) out.intent->findings.insert(out.intent->findings.begin(), f);
}

std::string framed(const std::string& text, Target to) {
  switch (to) {
    case Target::Asa:
    case Target::Ios: return "configure terminal\n" + text + "end\n";
    case Target::Rtx: return "administrator\n" + text + "save\n";
    case Target::Swanctl: break;
  }
  return text;
}

}  // namespace

const char* target_name(Target t) {
  switch (t) {
    case Target::Asa: return "asa";
    case Target::Ios: return "ios";
    case Target::Rtx: return "rtx";
    case Target::Swanctl: return "swanctl";
  }
  return "?";
}

std::optional<Target> parse_target(const std::string& name) {
  if (name == "asa") return Target::Asa;
  if (name == "ios") return Target::Ios;
  if (name == "rtx") return Target::Rtx;
  if (name == "swanctl") return Target::Swanctl;
  return std::nullopt;
}

ReadIntent read_intent(const text::SourceText& src, std::optional<ConfigDialect> from, const std::string& name) {
  ReadIntent out;
  const DialectGuess guess = detect_dialect(src);
  ConfigDialect d = from.value_or(guess.dialect);
  if (!from && d == ConfigDialect::Unknown) {
    const bool empty = src.bytes().find_first_not_of(" \t\r\n") == std::string_view::npos;
    out.input_error = input_finding(
        name, text::SourceSpan::at(0, 0, 1),
        empty ? "empty input: the file holds no configuration"
              : "cannot tell which configuration language this is (no `ASA Version`, IOS `version`/`crypto isakmp`/"
                "`crypto ikev2`, RTX `tunnel select`/`ipsec ike`, or swanctl.conf `connections {` line)",
        "name it with --from asa|ios|rtx|swanctl");
    return out;
  }
  out.dialect = d;
  switch (d) {
    case ConfigDialect::Asa: {
      asa::ParseResult parsed = asa::read_asa(src);
      finish(out, src, name, parsed, [](const text::SourceText& s, const asa::ParseResult& p) {
        return asa::check_asa_input(s, p);
      });
      out.ikev2_cookie_challenge = parsed.config.ikev2.cookie_challenge;
      out.ikev2_max_in_negotiation_sa = parsed.config.ikev2.max_in_negotiation_sa;
      // The ASA's own check knows IOS by its `version` line; RTX and swanctl.conf by this.
      if (!out.input_error && (guess.dialect == ConfigDialect::Rtx || guess.dialect == ConfigDialect::Swanctl)) {
        out.input_error = input_finding(name, text::SourceSpan::at(guess.evidence_line, 0, 1),
                                        std::string("not an ASA configuration: ") + guess.evidence + " is " +
                                            dialect_long_name(guess.dialect) + " syntax",
                                        std::string("read it with --from ") + dialect_name(guess.dialect));
        out.intent.reset();
      }
      break;
    }
    case ConfigDialect::Ios: {
      ios::ParseResult parsed = ios::read_ios(src);
      finish(out, src, name, parsed, [](const text::SourceText& s, const ios::ParseResult& p) {
        return ios::check_ios_input(s, p);
      });
      break;
    }
    case ConfigDialect::Rtx: {
      rtx::ParseResult parsed = rtx::read_rtx(src);
      finish(out, src, name, parsed, [](const text::SourceText& s, const rtx::ParseResult& p) {
        return rtx::check_rtx_input(s, p);
      });
      break;
    }
    case ConfigDialect::Swanctl: {
      swanctl::ParseResult parsed = swanctl::read_swanctl(src);
      finish(out, src, name, parsed, [](const text::SourceText& s, const swanctl::ParseResult& p) {
        return swanctl::check_swanctl_input(s, p);
      });
      break;
    }
    case ConfigDialect::Unknown: break;
  }
  return out;
}

TranslateJobResult run_translate_job(const text::SourceText& src, const TranslateJobOptions& options) {
  TranslateJobResult out;
  const std::string name = options.display_name.empty() ? src.path() : options.display_name;
  ReadIntent read = read_intent(src, options.from, name);
  out.from = read.dialect;
  out.stats = read.stats;
  out.unknown = read.unknown;
  for (const auto& u : read.unknown) out.unknown_text.push_back(asa::mask_asa_secrets(src.line(u.line)));
  if (!read.intent) {
    out.findings.push_back(*read.input_error);
    return out;
  }
  model::Intent intent = std::move(*read.intent);
  out.device = intent.device;
  out.findings = intent.findings;
  model::Intent chosen = choose_ike(intent, options.ike, out.findings);
  out.tunnels = chosen.tunnels.size();
  if (chosen.tunnels.empty()) {
    Finding f;
    f.severity = Severity::Warning;
    f.code = "TRANSLATE-NO-TUNNEL";
    f.message = "the input has no site-to-site tunnel to translate (see the findings above)";
    f.hint = "a tunnel needs a fixed peer, IPsec settings and an interface";
    f.where = {name, {}};
    out.findings.push_back(std::move(f));
  }

  WriterOptions w = options.writer;
  w.mask_secrets = false;
  WriteResult written;
  switch (options.to) {
    case Target::Asa: written = asa::write_asa(chosen, w); break;
    case Target::Ios: written = ios::write_ios(chosen, w); break;
    case Target::Rtx: written = rtx::write_rtx(chosen, w); break;
    case Target::Swanctl: {
      swanctl::SwanctlOptions so;
      so.writer = w;
      so.lab = options.lab;
      written = swanctl::write_swanctl(chosen, so);
      break;
    }
  }
  for (auto& f : written.findings) out.findings.push_back(std::move(f));
  out.status = any_warning_or_error(out.findings) ? TranslateJobResult::Status::Findings : TranslateJobResult::Status::Clean;

  std::string rendered;
  switch (options.format) {
    case Format::Config: rendered = std::move(written.text); break;
    case Format::Patch: rendered = framed(written.text, options.to); break;
    case Format::Diff: {
      // Every input line goes, every output line comes: the script is exact,
      // and the diff is meaningful where input and output share a dialect.
      edit::EditScript script;
      for (uint32_t i = 0; i < src.line_count(); ++i) script.remove(i);
      std::vector<std::string> lines;
      size_t start = 0;
      const std::string& t = written.text;
      while (start < t.size()) {
        size_t nl = t.find('\n', start);
        lines.push_back(t.substr(start, nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      script.insert_before(static_cast<uint32_t>(src.line_count()), std::move(lines));
      edit::DiffOptions d;
      d.old_label = "a/" + name;
      d.new_label = "b/" + name + "." + target_name(options.to);
      d.color = options.color;
      if (!options.show_secrets) d.filter = [](std::string_view l) { return asa::mask_asa_secrets(l); };
      rendered = edit::render_unified_diff(src, script, d);
      wipe_string(written.text);
      break;
    }
  }
  if (!options.output_path.empty()) {
    if (!edit::write_file_atomically(options.output_path, rendered, options.output_mode, out.write_error)) {
      out.status = TranslateJobResult::Status::Failed;
    }
    wipe_string(rendered);
    return out;
  }
  out.output = std::move(rendered);
  return out;
}

TranslateJobResult run_translate_job(const std::string& path, const TranslateJobOptions& options) {
  std::string error;
  auto src = text::SourceText::load(path, error);
  if (!src) {
    TranslateJobResult out;
    out.findings.push_back(input_finding(options.display_name.empty() ? path : options.display_name, {},
                                         error.substr(error.find(": ") == std::string::npos ? 0 : error.find(": ") + 2),
                                         "check the path and its permissions"));
    return out;
  }
  return run_translate_job(*src, options);
}

}  // namespace ikeshift::translate
