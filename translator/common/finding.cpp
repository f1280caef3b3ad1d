#include "common/finding.h"

namespace ikeshift {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

static std::string format_location(const FindingLocation& w) {
  std::string out = w.file;
  if (w.span.valid()) {
    out += ':' + std::to_string(w.span.line) + ':' + std::to_string(w.span.col);
  }
  return out;
}

std::string format_finding(const Finding& f) {
  std::string out = format_location(f.where) + ": " + severity_name(f.severity) + ": " + f.message;
  if (!f.code.empty()) out += " [" + f.code + "]";
  out += '\n';
  for (const auto& r : f.related) out += "  see: " + format_location(r) + '\n';
  if (!f.hint.empty()) out += "  hint: " + f.hint + '\n';
  return out;
}

bool any_warning_or_error(const std::vector<Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity != Severity::Info) return true;
  return false;
}

}  // namespace ikeshift
