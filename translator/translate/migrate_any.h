// `migrate l2l` on any dialect: ASA input goes to asa::run_migrate_job as
// before; IOS and RTX input to their own migrations (ios/ios_migrate.h,
// rtx/rtx_migrate.h), rendered and written the same way (config, patch,
// diff; atomic writes; keys masked in diffs). The dialect is detected unless
// given; a file in another dialect than the one given is refused with the reason.
#pragma once

#include <optional>
#include <string>

#include "asa/migrate_job.h"
#include "common/dialect_detect.h"

namespace ikeshift::translate {

struct MigrateAnyOptions {
  std::optional<ConfigDialect> from;  // nullopt: detect
  bool asymmetric_requested = false;  // --asymmetric-psk (ASA only)
};

asa::MigrateJobResult run_migrate_job_any(const std::string& path, const asa::MigrateJobOptions& options,
                                          const MigrateAnyOptions& any, ConfigDialect* detected = nullptr);
asa::MigrateJobResult run_migrate_job_any(const text::SourceText& src, const asa::MigrateJobOptions& options,
                                          const MigrateAnyOptions& any, ConfigDialect* detected = nullptr);

}  // namespace ikeshift::translate
