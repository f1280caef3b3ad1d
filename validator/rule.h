// What a validator rule is: a stable id, a default severity, and the text that
// --list-rules and docs/rules.md show (one source of truth: the catalogue is
// built from these records; a test checks docs/rules.md names every id).
#pragma once

#include <string_view>

#include "common/finding.h"

namespace ikeshift::validator {

enum class Scope { Config, Pair };

struct RuleInfo {
  std::string_view id;         // stable, kebab-case: "undefined-acl", "pair-psk-mirror"
  std::string_view family;     // references, completeness, crypto, keys, limits, pair
  Severity severity;           // default; .ikeshift.yaml may re-grade it
  Scope scope;
  std::string_view applies_to; // "any dialect" (runs on the intent) or a dialect ("ASA")
  std::string_view summary;    // one line: what it finds
  std::string_view rationale;  // why it matters
  std::string_view fix;        // what to do, in general (findings carry a precise hint)
  bool enabled_by_default = true;
};

}  // namespace ikeshift::validator
