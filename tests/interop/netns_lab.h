// A two-namespace network lab for interop tests: namespaces A and B joined by
// a veth pair, each with a "protected" host address on lo, plus helpers to
// run commands and long-lived daemons inside them.
//
// The plumbing is the live lab's (`ikeshift check`, validator/live/): every
// command is posix_spawn of an argv vector (never a shell string built from
// variables) in its own process group, namespaces are live::Namespace, and
// everything the lab creates -- the namespaces, the processes started in
// them, its temporary directory -- is removed again by the destructor,
// including after a failed set-up. What the tests prove about the harness
// therefore holds for the production code too.
//
// Topology (defaults, the same as ../shared/tools/strongswan-pair.sh):
//   [lo 10.10.10.1] A: veth 192.0.2.1/24 <--> veth 192.0.2.2/24 :B [lo 10.20.20.1]
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "live/netns.h"
#include "live/process.h"

namespace ikeshift::interop {

// The harness and the tests speak of these without the live:: prefix.
using live::Argv;
using live::find_executable;
using live::Process;
using live::run;
using live::RunResult;
using live::wait_until;
using std::chrono::milliseconds;

// A fresh directory under $TMPDIR (or /tmp) named PREFIX-<pid>-XXXXXX,
// removed with all its content on destruction (kept with IKS_KEEP_LAB_DIR).
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

// Reads a whole file; empty when it does not exist (yet: a daemon's log).
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

  // Removes namespaces named iks-<pid>-* and directories iks-lab-<pid>-*
  // whose creating process is gone (left behind by a test run that was
  // killed). Safe to call any time.
  static void remove_stale();

 private:
  LabOptions options_;
  std::string ns_a_, ns_b_, veth_a_, veth_b_;
  // Declared before the namespaces, so it outlives them: the daemons inside
  // are stopped before their files go.
  std::unique_ptr<TempDir> dir_;
  std::vector<std::unique_ptr<live::Namespace>> namespaces_;
};

}  // namespace ikeshift::interop
