// A validator finding: a rule id, a severity, what and why, where (file:line:col
// in one or, for pair rules, both files) and what to do. Never a secret: rules
// compare keys but only ever name the lines that hold them.
#pragma once

#include <string>
#include <vector>

#include "common/finding.h"
#include "text/source_text.h"

namespace ikeshift::validator {

struct Location {
  std::string file;       // as the user named it
  text::SourceSpan span;  // invalid: the file as a whole
  std::string label;      // for related locations: what this place is ("B's remote key")
};

struct RuleFinding {
  std::string rule;
  Severity severity = Severity::Warning;
  std::string message;
  std::string hint;
  Location where;
  std::vector<Location> related;
};

// "file:line:col" (or "file" for an invalid span).
std::string format_location(const Location& l);

// The common Finding shape (migrate l2l prints and counts these); code = rule id.
Finding to_finding(const RuleFinding& f);

}  // namespace ikeshift::validator
