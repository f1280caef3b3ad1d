#include "validator/validate.h"

#include <algorithm>
#include <tuple>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "validator/pair/tunnel_pairing.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

void prepare(LoadedConfig& c) {
  c.parsed = asa::read_asa(*c.source);
  if (auto err = asa::check_asa_input(*c.source, c.parsed)) {
    RuleFinding f;
    f.rule = "input";
    f.severity = Severity::Error;
    f.message = err->message;
    f.hint = err->hint;
    f.where = {c.display, err->span, {}};
    c.failure = std::move(f);
    return;
  }
  c.intent = model::derive_intent(c.parsed.config, c.display);
  c.subject.file = c.display;
  c.subject.dialect = Dialect::Asa;
  c.subject.source = c.source;
  c.subject.intent = &c.intent;
  c.subject.asa = &c.parsed;
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

std::unique_ptr<LoadedConfig> load_config(const std::string& path, const std::string& display) {
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
  prepare(*c);
  return c;
}

std::unique_ptr<LoadedConfig> load_config(text::SourceText source, const std::string& display) {
  auto c = std::make_unique<LoadedConfig>();
  c->display = display;
  c->owned = std::make_unique<text::SourceText>(std::move(source));
  c->source = c->owned.get();
  prepare(*c);
  return c;
}

std::unique_ptr<LoadedConfig> load_config_view(const text::SourceText& source, const std::string& display) {
  auto c = std::make_unique<LoadedConfig>();
  c->display = display;
  c->source = &source;
  prepare(*c);
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
