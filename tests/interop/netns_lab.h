// A two-namespace network lab for interop tests: namespaces A and B joined by
// a veth pair, each with a "protected" host address on lo, plus RAII helpers
// to run commands and long-lived daemons inside them.
//
// Everything is started with posix_spawn from argv vectors (never a shell
// string built from variables), and everything the lab creates -- the
// namespaces, the processes started in them, its temporary directory -- is
// removed again by the destructor, including after a failed set-up.
//
// Topology (defaults, the same as ../shared/tools/strongswan-pair.sh):
//   [lo 10.10.10.1] A: veth 192.0.2.1/24 <--> veth 192.0.2.2/24 :B [lo 10.20.20.1]
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ikeshift::interop {

using Argv = std::vector<std::string>;
using std::chrono::milliseconds;

// Absolute path of an executable found on PATH (or in the sbin directories,
// which a non-root PATH often lacks); nullopt when absent.
std::optional<std::filesystem::path> find_executable(const std::string& name);

// A fresh directory under $TMPDIR (or /tmp) removed with all its content on
// destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;      // exit status, or 128+signal, or -1 if it could not start
  bool timed_out = false;  // killed because it ran past the timeout
  std::string output;      // stdout and stderr, interleaved
  bool ok() const { return exit_code == 0 && !timed_out; }
};

// Runs argv to completion (killing it after `timeout`) and captures its output.
// `env` entries ("NAME=value") are added to this process's environment.
RunResult run(const Argv& argv, milliseconds timeout = milliseconds(30000),
              const std::vector<std::string>& env = {});

// A child process with stdout/stderr redirected to files. The destructor
// stops it: SIGTERM, then SIGKILL once the grace period has passed.
class Process {
 public:
  Process(const Argv& argv, const std::filesystem::path& stdout_file,
          const std::filesystem::path& stderr_file, const std::vector<std::string>& env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // True while the child has not exited (reaps it when it has).
  bool running();
  // Exit code (or 128+signal) once it has exited.
  std::optional<int> exit_code() const { return exit_code_; }
  // SIGTERM, wait up to `grace`, then SIGKILL; returns the exit code.
  int stop(milliseconds grace = milliseconds(3000));
  // Sends a signal without waiting (e.g. SIGINT to let tshark flush).
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

// Reads a whole file; empty when it does not exist.
std::string read_file(const std::filesystem::path& file);
// Writes a whole file (throws std::runtime_error on failure).
void write_file(const std::filesystem::path& file, const std::string& content);

enum class Side { A, B };

struct LabOptions {
  std::string address_a = "192.0.2.1/24";
  std::string address_b = "192.0.2.2/24";
  std::string host_a = "10.10.10.1/32";  // stands in for the protected subnet behind A
  std::string host_b = "10.20.20.1/32";
};

class NetnsLab {
 public:
  // Builds the lab; throws std::runtime_error (after undoing what it did) when
  // a step fails, e.g. not root or /var/run/netns not writable.
  explicit NetnsLab(LabOptions options = {});
  ~NetnsLab();
  NetnsLab(const NetnsLab&) = delete;
  NetnsLab& operator=(const NetnsLab&) = delete;

  const std::string& ns(Side side) const { return side == Side::A ? ns_a_ : ns_b_; }
  const std::string& veth(Side side) const { return side == Side::A ? veth_a_ : veth_b_; }
  // The outer (veth) address of a side, without the prefix length.
  std::string address(Side side) const;
  std::string host(Side side) const;
  // Per-lab scratch directory (configs, sockets, logs), removed with the lab.
  const std::filesystem::path& dir() const { return dir_->path(); }

  // argv prefixed with `ip netns exec NS`.
  Argv in_ns(Side side, const Argv& argv) const;
  // Runs argv inside a namespace to completion.
  RunResult exec(Side side, const Argv& argv, milliseconds timeout = milliseconds(30000),
                 const std::vector<std::string>& env = {}) const;
  // Starts a daemon inside a namespace, output to dir()/<name>.stdout/.stderr.
  // The returned process is owned by the caller; the lab additionally kills
  // whatever is still running in its namespaces when it is destroyed.
  std::unique_ptr<Process> spawn(Side side, const std::string& name, const Argv& argv,
                                 const std::vector<std::string>& env = {}) const;

  // Removes namespaces named iks-<pid>-* whose creating process is gone
  // (left behind by a test run that was killed). Safe to call any time.
  static void remove_stale();

 private:
  void teardown() noexcept;
  void check(const RunResult& r, const std::string& what) const;

  LabOptions options_;
  std::string ns_a_, ns_b_, veth_a_, veth_b_;
  std::unique_ptr<TempDir> dir_;
  std::vector<std::string> created_;  // namespaces that exist and must be deleted
};

}  // namespace ikeshift::interop
