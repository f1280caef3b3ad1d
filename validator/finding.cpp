#include "validator/finding.h"

namespace ikeshift::validator {

std::string format_location(const Location& l) {
  std::string out = l.file;
  if (l.span.valid()) out += ':' + std::to_string(l.span.line) + ':' + std::to_string(l.span.col);
  return out;
}

Finding to_finding(const RuleFinding& f) {
  Finding out;
  out.severity = f.severity;
  out.code = f.rule;
  out.message = f.message;
  out.hint = f.hint;
  out.where = FindingLocation{f.where.file, f.where.span};
  for (const Location& r : f.related) out.related.push_back(FindingLocation{r.file, r.span});
  return out;
}

}  // namespace ikeshift::validator
