#include "validator/report/report.h"

namespace ikeshift::validator {

const text::SourceText* Report::source_of(const std::string& file) const {
  for (const FileReport& f : files)
    if (f.name == file) return f.source;
  return nullptr;
}

Counts count(const Report& r) {
  Counts c;
  auto add = [&](const RuleFinding& f) {
    switch (f.severity) {
      case Severity::Error: ++c.errors; break;
      case Severity::Warning: ++c.warnings; break;
      case Severity::Info: ++c.infos; break;
    }
    if (f.severity >= r.fail_on) ++c.at_or_above;
  };
  for (const FileReport& f : r.files) {
    if (f.failure) ++c.failed;
    for (const RuleFinding& x : f.findings) add(x);
  }
  for (const PairReport& p : r.pairs)
    for (const RuleFinding& x : p.findings) add(x);
  return c;
}

int exit_code(const Report& r) {
  const Counts c = count(r);
  if (c.failed > 0) return 2;
  return c.at_or_above > 0 ? 1 : 0;
}

}  // namespace ikeshift::validator
