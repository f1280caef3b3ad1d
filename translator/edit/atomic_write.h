// Writing a file so that readers see either the old contents or the new ones,
// never a mix: the data goes to a temporary file next to the target, which is
// then renamed over it. Used for every output that may hold secrets, hence the
// mode is set before the first byte is written.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace ikeshift::edit {

// Writes `data` to `path` atomically with permission bits `mode` (e.g. 0600;
// the umask does not apply). The temporary file is "<path>.ikeshift-XXXXXX" in
// the same directory, so the final rename never crosses a file system.
// On failure returns false, leaves the target untouched, removes the temporary
// file and sets `error` to "<path>: <what failed>: <strerror>".
// A symlink at `path` is replaced by a regular file, not followed.
bool write_file_atomically(const std::string& path, std::string_view data, unsigned mode,
                           std::string& error);

// The same, for content produced in pieces: `produce` calls its argument once
// per piece. Small pieces are gathered in a buffer; large ones go straight to
// write(2), so a large file is never held in memory twice.
using PieceSink = std::function<void(std::string_view)>;
bool write_file_atomically(const std::string& path, const std::function<void(const PieceSink&)>& produce,
                           unsigned mode, std::string& error);

}  // namespace ikeshift::edit
