// The validator as `ikeshift migrate l2l` runs it on its output: every
// single-config rule the project runs, on the migrated configuration; the
// errors come back rendered (source line and caret, keys masked), since the
// refused output is never written where the user could look at it.
#pragma once

#include <string>

#include "asa/migrate_job.h"
#include "text/source_text.h"
#include "validator/project_config.h"

namespace ikeshift::validator {

// `dialect`: the migrated configuration's (ASA, IOS or RTX), so it is read as
// that and never by a guess.
asa::OutputCheck check_migrated(const text::SourceText& output, const std::string& name, ConfigDialect dialect,
                                const ProjectConfig& project, bool color);

}  // namespace ikeshift::validator
