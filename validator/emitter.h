// How a rule reports: it names the rule once (the Emitter knows it and the
// severity the project gave it) and adds findings with their places.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "validator/finding.h"
#include "validator/rule.h"

namespace ikeshift::validator {

class Emitter {
 public:
  // `regraded`: the project set this rule's severity, which then wins over a
  // finding's own (see report_as).
  Emitter(const RuleInfo& rule, Severity severity, bool regraded, std::vector<RuleFinding>& out)
      : rule_(rule), severity_(severity), regraded_(regraded), out_(out) {}

  void report(std::string message, std::string hint, Location where,
              std::vector<Location> related = {}) {
    report_as(severity_, std::move(message), std::move(hint), std::move(where), std::move(related));
  }
  // For rules that carry the severity of what they relay (model-derivation):
  // `natural` applies unless the project re-graded the rule.
  void report_as(Severity natural, std::string message, std::string hint, Location where,
                 std::vector<Location> related = {}) {
    RuleFinding f;
    f.rule = std::string(rule_.id);
    f.severity = regraded_ ? severity_ : natural;
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.where = std::move(where);
    f.related = std::move(related);
    out_.push_back(std::move(f));
  }
  const RuleInfo& rule() const { return rule_; }

 private:
  const RuleInfo& rule_;
  Severity severity_;
  bool regraded_;
  std::vector<RuleFinding>& out_;
};

}  // namespace ikeshift::validator
