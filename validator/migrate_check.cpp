#include "validator/migrate_check.h"

#include "validator/report/report.h"
#include "validator/validate.h"

namespace ikeshift::validator {

asa::OutputCheck check_migrated(const text::SourceText& output, const std::string& name, ConfigDialect dialect,
                                const ProjectConfig& project, bool color) {
  auto loaded = load_config_view(output, name, dialect);
  asa::OutputCheck out;
  FileReport errors;
  errors.name = name;
  errors.source = loaded->source;
  if (loaded->failure) {
    // Cannot happen for a migrated file (the input passed the same check), but
    // if it does the output must not pass silently.
    ++out.errors;
    errors.findings.push_back(*loaded->failure);
  }
  for (RuleFinding& f : check_config(*loaded, project)) {
    switch (f.severity) {
      case Severity::Error:
        ++out.errors;
        errors.findings.push_back(std::move(f));
        break;
      case Severity::Warning: ++out.warnings; break;
      case Severity::Info: ++out.infos; break;
    }
  }
  Report r;
  r.files.push_back(std::move(errors));
  out.report = render_text(r, color, false);
  return out;
}

}  // namespace ikeshift::validator
