// A finding: something a tool wants a person (or CI) to know about one input,
// with the place in the input that causes it and what to do about it.
#pragma once

#include <string>
#include <vector>

#include "text/source_text.h"

namespace ikeshift {

enum class Severity { Info, Warning, Error };

const char* severity_name(Severity s);

struct FindingLocation {
  std::string file;
  text::SourceSpan span;  // invalid span = the file as a whole
};

struct Finding {
  Severity severity = Severity::Warning;
  std::string code;     // stable id, e.g. "MIGRATE-MULTI-PEER"
  std::string message;  // what and why, one sentence, never a secret
  std::string hint;     // what to do
  FindingLocation where;
  std::vector<FindingLocation> related;  // other spans involved (e.g. the peer's file)
};

// "file:line:col: severity: message [code]" and, when there is one, "  hint: ..."
std::string format_finding(const Finding& f);

// Whether any finding is a warning or an error (a job with only Info findings is clean).
bool any_warning_or_error(const std::vector<Finding>& findings);

}  // namespace ikeshift
