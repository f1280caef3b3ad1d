// Batch plumbing for commands that take many inputs: expanding directories,
// naming outputs, running jobs on N threads with a progress bar.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ikeshift::cli {

struct InputFile {
  std::string path;      // as opened
  std::string relative;  // output name under --out-dir (keeps the input's file name)
};

// Files given directly keep their base name; files found in a directory
// (recursively, sorted, hidden entries skipped) keep their path below it.
// A path that does not exist is returned as is: opening it reports the error.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& args);

// Runs job(i) for i in [0, count) on `threads` threads; calls done(i) under a
// lock after each, in completion order. A progress bar is drawn on stderr
// when `progress` is true.
void run_parallel(size_t count, unsigned threads, bool progress,
                  const std::function<void(size_t)>& job, const std::function<void(size_t)>& done);

bool stdout_is_terminal();
bool stderr_is_terminal();

}  // namespace ikeshift::cli
