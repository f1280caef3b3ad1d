// Child processes for the live lab (`ikeshift check`) and the interop tests:
// every command is posix_spawn of an argv vector -- never a shell string
// assembled from configuration values -- in its own process group, so a stop
// reaches everything it forked.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ikeshift::live {

using Argv = std::vector<std::string>;
using std::chrono::milliseconds;

// Absolute path of an executable found on PATH or in the sbin and strongSwan
// directories (which a non-root PATH often lacks); nullopt when absent.
std::optional<std::filesystem::path> find_executable(const std::string& name);

struct RunResult {
  int exit_code = -1;      // exit status, or 128+signal, or -1 if it could not start
  bool timed_out = false;  // killed because it ran past the timeout
  std::string output;      // stdout and stderr, interleaved
  bool ok() const { return exit_code == 0 && !timed_out; }
};

// Runs argv to completion (killing its group after `timeout`) and captures its
// output. `env` entries ("NAME=value") are added to this process's environment;
// `input` is written to its stdin (empty: /dev/null).
RunResult run(const Argv& argv, milliseconds timeout = milliseconds(30000),
              const std::vector<std::string>& env = {}, const std::string& input = {});

// A long-running child with stdout/stderr appended to files. The destructor
// stops it: SIGTERM to its group, then SIGKILL once the grace period passed.
class Process {
 public:
  Process(const Argv& argv, const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file,
          const std::vector<std::string>& env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // True while the child has not exited (reaps it when it has).
  bool running();
  // Exit code (or 128+signal) once it has exited.
  std::optional<int> exit_code() const { return exit_code_; }
  // SIGTERM to the group, wait up to `grace`, then SIGKILL; the exit code.
  int stop(milliseconds grace = milliseconds(3000));
  // Sends a signal to the child alone, without waiting (e.g. SIGINT to let a capture flush).
  void signal(int sig) const;
  // Waits until it exits by itself; false on timeout.
  bool wait_exit(milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// Polls `condition` every `interval` until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, milliseconds timeout,
                milliseconds interval = milliseconds(50));

bool pid_alive(pid_t pid);

}  // namespace ikeshift::live
