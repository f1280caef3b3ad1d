#include "validator/validate.h"

#include <algorithm>
#include <tuple>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "ios/ios_intent.h"
#include "ios/ios_reader.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_reader.h"
#include "swanctl/swanctl_intent.h"
#include "swanctl/swanctl_reader.h"
#include "validator/pair/tunnel_pairing.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

RuleFinding input_failure(const LoadedConfig& c, const text::SourceSpan& span, std::string message, std::string hint) {
  RuleFinding f;
  f.rule = "input";
  f.severity = Severity::Error;
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.where = {c.display, span, {}};
  return f;
}

// Reads with one dialect's reader, checks the input, derives the intent
// (the reader's own findings first, as `translate` shows them).
template <class Parsed, class Check>
bool read_as(LoadedConfig& c, Parsed& parsed, Check check) {
  if (auto err = check(*c.source, parsed)) {
    c.failure = input_failure(c, err->span, err->message, err->hint);
    return false;
  }
  c.intent = model::derive_intent(parsed.config, c.display);
  c.intent.findings.insert(c.intent.findings.begin(), parsed.findings.begin(), parsed.findings.end());
  c.subject.unknown = &parsed.unknown;
  return true;
}

void prepare(LoadedConfig& c, std::optional<ConfigDialect> from) {
  const DialectGuess guess = detect_dialect(*c.source);
  ConfigDialect d = from.value_or(guess.dialect);
  // Nothing recognisable: the ASA reader's check says what is wrong with it
  // (empty, binary, not an ASA configuration), as before other dialects existed.
  if (d == ConfigDialect::Unknown) d = ConfigDialect::Asa;
  c.dialect = d;
  Dialect v = Dialect::Asa;
  bool ok = false;
  switch (d) {
    case ConfigDialect::Asa:
    case ConfigDialect::Unknown:
      c.parsed = asa::read_asa(*c.source);
      ok = read_as(c, c.parsed, [](const text::SourceText& s, const asa::ParseResult& p) { return asa::check_asa_input(s, p); });
      // The ASA's check knows IOS by its `version` line; RTX and swanctl.conf by the detection.
      if (ok && (guess.dialect == ConfigDialect::Rtx || guess.dialect == ConfigDialect::Swanctl)) {
        c.failure = input_failure(c, text::SourceSpan::at(guess.evidence_line, 0, 1),
                                  std::string("not an ASA configuration: ") + guess.evidence + " is " +
                                      dialect_long_name(guess.dialect) + " syntax",
                                  std::string("validate it with --from ") + dialect_name(guess.dialect) +
                                      " (or let the dialect be detected)");
        ok = false;
      }
      c.subject.asa = &c.parsed;
      v = Dialect::Asa;
      break;
    case ConfigDialect::Ios:
      c.ios = ios::read_ios(*c.source);
      ok = read_as(c, *c.ios, [](const text::SourceText& s, const ios::ParseResult& p) { return ios::check_ios_input(s, p); });
      c.subject.ios = &*c.ios;
      v = Dialect::Ios;
      break;
    case ConfigDialect::Rtx:
      c.rtx = rtx::read_rtx(*c.source);
      ok = read_as(c, *c.rtx, [](const text::SourceText& s, const rtx::ParseResult& p) { return rtx::check_rtx_input(s, p); });
      c.subject.rtx = &*c.rtx;
      v = Dialect::Rtx;
      break;
    case ConfigDialect::Swanctl:
      c.swanctl = swanctl::read_swanctl(*c.source);
      ok = read_as(c, *c.swanctl,
                   [](const text::SourceText& s, const swanctl::ParseResult& p) { return swanctl::check_swanctl_input(s, p); });
      c.subject.swanctl = &*c.swanctl;
      v = Dialect::Swanctl;
      break;
  }
  if (!ok) return;
  c.subject.file = c.display;
  c.subject.dialect = v;
  c.subject.source = c.source;
  c.subject.intent = &c.intent;
  c.subject.spelling = dialect_spelling(v);
  c.subject.limits = dialect_limits(v);
}

template <typename Rules, typename Subject>
void run(const Rules& rules, const Subject& subject, const ProjectConfig& project,
         std::vector<RuleFinding>& out) {
  for (const auto& r : rules) {
    if (!project.runs(r.info)) continue;
    Emitter emit(r.info, project.severity_of(r.info), project.regraded(r.info), out);
    r.check(subject, emit);
  }
}

}  // namespace

std::unique_ptr<LoadedConfig> load_config(const std::string& path, const std::string& display,
                                          std::optional<ConfigDialect> from) {
  auto c = std::make_unique<LoadedConfig>();
  c->display = display;
  std::string error;
  auto src = text::SourceText::load(path, error);
  if (!src) {
    RuleFinding f;
    f.rule = "input";
    f.severity = Severity::Error;
    // The loader's sentence starts with the path; the location names it already.
    const size_t colon = error.find(": ");
    f.message = colon == std::string::npos ? error : error.substr(colon + 2);
    f.hint = "check the path and its permissions";
    f.where = {display, {}, {}};
    c->failure = std::move(f);
    return c;
  }
  c->owned = std::make_unique<text::SourceText>(std::move(*src));
  c->source = c->owned.get();
  prepare(*c, from);
  return c;
}

std::unique_ptr<LoadedConfig> load_config(text::SourceText source, const std::string& display,
                                          std::optional<ConfigDialect> from) {
  auto c = std::make_unique<LoadedConfig>();
  c->display = display;
  c->owned = std::make_unique<text::SourceText>(std::move(source));
  c->source = c->owned.get();
  prepare(*c, from);
  return c;
}

std::unique_ptr<LoadedConfig> load_config_view(const text::SourceText& source, const std::string& display,
                                               std::optional<ConfigDialect> from) {
  auto c = std::make_unique<LoadedConfig>();
  c->display = display;
  c->source = &source;
  prepare(*c, from);
  return c;
}

void sort_findings(std::vector<RuleFinding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const RuleFinding& x, const RuleFinding& y) {
    return std::tie(x.where.file, x.where.span.line, x.where.span.col) <
           std::tie(y.where.file, y.where.span.line, y.where.span.col);
  });
}

std::vector<RuleFinding> check_config(const LoadedConfig& c, const ProjectConfig& project) {
  std::vector<RuleFinding> out;
  if (c.failure) return out;
  switch (c.subject.dialect) {
    case Dialect::Asa: run(asa_rules(), c.subject, project, out); break;
    case Dialect::Ios: run(ios_rules(), c.subject, project, out); break;
    case Dialect::Rtx: run(rtx_rules(), c.subject, project, out); break;
    case Dialect::Swanctl: run(swanctl_rules(), c.subject, project, out); break;
  }
  run(intent_rules(), c.subject, project, out);
  sort_findings(out);
  return out;
}

std::vector<RuleFinding> check_pair(const LoadedConfig& a, const LoadedConfig& b,
                                    const ProjectConfig& project) {
  std::vector<RuleFinding> out;
  if (a.failure || b.failure) return out;
  const PairSubject pair = pair_tunnels(a.subject, b.subject);
  run(pair_rules(), pair, project, out);
  sort_findings(out);
  return out;
}

}  // namespace ikeshift::validator
