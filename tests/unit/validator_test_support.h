// Helpers for the validator tests: load fixtures, run every rule (those off by
// default included), and find findings by rule.
#pragma once

#include <string>
#include <vector>

#include "test_support.h"
#include "validator/rules/rule_set.h"
#include "validator/validate.h"

namespace ikeshift::validator::test_support {

inline std::string vfixture(const std::string& name) {
  return ikeshift::test::fixture("validator/" + name).string();
}

// A project configuration that runs every rule, at its default severity.
inline ProjectConfig all_rules_on() {
  ProjectConfig p;
  for (const RuleInfo* r : all_rules()) p.enabled.insert(std::string(r->id));
  return p;
}

inline std::vector<RuleFinding> config_findings(const std::string& path, const ProjectConfig& p = all_rules_on()) {
  auto c = load_config(path, path);
  return check_config(*c, p);
}

inline std::vector<RuleFinding> pair_findings(const std::string& a, const std::string& b,
                                              const ProjectConfig& p = all_rules_on()) {
  auto ca = load_config(a, a);
  auto cb = load_config(b, b);
  return check_pair(*ca, *cb, p);
}

inline std::vector<RuleFinding> of_rule(const std::vector<RuleFinding>& all, const std::string& rule) {
  std::vector<RuleFinding> out;
  for (const RuleFinding& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

inline std::string describe(const std::vector<RuleFinding>& all) {
  std::string s;
  for (const RuleFinding& f : all) s += "    " + format_location(f.where) + ": [" + f.rule + "] " + f.message + "\n";
  return s.empty() ? "    (none)\n" : s;
}

}  // namespace ikeshift::validator::test_support
