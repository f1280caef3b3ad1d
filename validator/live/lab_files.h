// The files a check run reads and writes in its scratch directory and for the
// user (--logs, --keylog): engine logs, key logs, charon's configuration.
#pragma once

#include <filesystem>
#include <string>

namespace ikeshift::live {

// The whole file ("" when it does not exist yet: an engine that never wrote
// its log is reported by what it did not log, not by an exception).
std::string read_all(const std::filesystem::path& p);

// Writes `text` readable by the owner only: key logs and the PSKs in charon's
// swanctl.conf must not be world-readable, even for a moment after the check.
// Throws std::runtime_error naming the file when it cannot be written.
void write_private(const std::filesystem::path& p, const std::string& text);

}  // namespace ikeshift::live
