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

// A private scratch directory (mode 0700: configurations with keys, key logs),
// removed with everything in it on destruction -- and, since it holds keys,
// also the ones runs that were killed left behind (named after their pid).
class ScratchDir {
 public:
  ScratchDir();  // throws std::runtime_error when the directory cannot be made
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  static void remove_stale();
  std::filesystem::path path_;
};

}  // namespace ikeshift::live
