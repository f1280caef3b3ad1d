// The validator's report as JUnit XML: one suite per input file (and per
// pair), one test case per rule that ran; a case fails when the rule has
// findings at or above --fail-on (all of them in the failure's text), findings
// below the threshold go to its system-out, and a file that could not be
// validated is one errored case.
#include <map>

#include "validator/report/junit_writer.h"
#include "validator/report/report.h"

namespace ikeshift::validator {

namespace {

std::string line_of(const RuleFinding& f) {
  std::string out = format_location(f.where) + ": " + severity_name(f.severity) + ": " + f.message;
  for (const Location& r : f.related) out += "\n  see: " + format_location(r) + (r.label.empty() ? "" : " (" + r.label + ")");
  if (!f.hint.empty()) out += "\n  hint: " + f.hint;
  return out + "\n";
}

report::JunitSuite suite(const std::string& name, const std::string& classname,
                         const std::vector<const RuleInfo*>& rules, const std::vector<RuleFinding>& findings,
                         Severity fail_on) {
  report::JunitSuite s;
  s.name = name;
  std::map<std::string, std::vector<const RuleFinding*>> by_rule;
  for (const RuleFinding& f : findings) by_rule[f.rule].push_back(&f);
  for (const RuleInfo* rule : rules) {
    report::JunitCase c;
    c.name = std::string(rule->id);
    c.classname = classname;
    size_t failing = 0;
    std::string failing_text;
    for (const RuleFinding* f : by_rule[c.name]) {
      if (f->severity >= fail_on) {
        ++failing;
        failing_text += line_of(*f);
      } else {
        c.system_out += line_of(*f);
      }
    }
    if (failing > 0) {
      const RuleFinding* first = nullptr;
      for (const RuleFinding* f : by_rule[c.name])
        if (first == nullptr && f->severity >= fail_on) first = f;
      c.failure = report::JunitProblem{
          failing == 1 ? first->message : std::to_string(failing) + " findings; first: " + first->message,
          c.name, failing_text};
    }
    s.cases.push_back(std::move(c));
  }
  return s;
}

}  // namespace

std::string render_junit(const Report& r) {
  report::JunitReport j;
  j.name = "ikeshift validate";
  for (const FileReport& f : r.files) {
    if (f.failure) {
      report::JunitSuite s;
      s.name = f.name;
      report::JunitCase c;
      c.name = "load";
      c.classname = "ikeshift.validate." + f.name;
      c.error = report::JunitProblem{f.failure->message, "input", line_of(*f.failure)};
      s.cases.push_back(std::move(c));
      j.suites.push_back(std::move(s));
      continue;
    }
    j.suites.push_back(suite(f.name, "ikeshift.validate." + f.name, r.config_rules, f.findings, r.fail_on));
  }
  for (const PairReport& p : r.pairs) {
    const std::string name = p.a + " <-> " + p.b;
    j.suites.push_back(suite(name, "ikeshift.validate.pair." + name, r.pair_rules, p.findings, r.fail_on));
  }
  return report::render_junit_xml(j);
}

}  // namespace ikeshift::validator
